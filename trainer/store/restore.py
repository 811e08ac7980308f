"""Put a backup in place of the database without losing anything unawares.

The steps, in this order:
1. the backup must be a Trainer database that this version can open (every page is checked
   too, but after step 4, so that a refusal comes in seconds even for a million answers);
2. the data folder's lock (``instance_lock.hold``): no app runs there, and one started
   meanwhile stays out until the restore is done;
3. an exclusive SQLite lock on the current file: no other program (a second ``trainer``
   command, a report) has it open;
4. the records the current file has and the backup lacks (``loss.compare``) are counted and
   listed, and only ``force`` drops them;
5. the current file is kept in ``backups/`` through SQLite's backup API, so the copy holds what
   its ``-wal`` held and can itself be restored;
6. the backup is copied in through the same locked connection and its WAL (a copy cut short
   leaves only uncommitted frames), so no ``-wal`` of the old file is replayed onto the new.

A current file SQLite cannot read at all is kept byte for byte and replaced by a rename. The
live file is never opened with Python's own ``open()`` while this process holds an SQLite
connection to it: closing any descriptor drops the process's POSIX locks (DESIGN §7).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from trainer.store import instance_lock
from trainer.store.backup import BEFORE_RESTORE, copy_connection, new_backup_path
from trainer.store.engine import file_uri
from trainer.store.errors import (
    DatabaseUnavailable,
    NotFound,
    StoreError,
    WouldLoseRecords,
)
from trainer.store.instance_lock import LockOwner
from trainer.store.loss import Loss, backup_time, compare

log = logging.getLogger(__name__)

LOCK_WAIT_S = 2.0  # a short write by another command ends well within this; a holder does not


@dataclass(frozen=True)
class Restored:
    kept: Path | None  # the replaced database, in backups/ (None: there was none)
    loss: Loss  # what the replaced database had and the backup lacks (dropped with force)
    stale_lock: LockOwner | None  # a lock left by an app that had ended, replaced


def restore(database: Path, backup: Path, folder: Path, data_dir: Path, *,
            force: bool = False) -> Restored:
    """Replace ``database`` by ``backup``; ``folder`` receives the replaced file.

    Raises DatabaseUnavailable while Trainer or another program uses the database, and
    WouldLoseRecords (without ``force``) when the database holds records the backup lacks.
    """
    _look_at_backup(database, backup, folder)
    with instance_lock.hold(data_dir) as stale:
        if not database.exists():
            _check_backup(backup)
            _copy_to_file(backup, database)
            return Restored(None, Loss(), stale)
        conn, unreadable = _lock(database)
        try:
            loss = compare(conn, backup) if conn else Loss(unreadable=unreadable)
            if not (loss.nothing or force):
                raise _refusal(database, backup, loss)
            _check_backup(backup)  # every page: after the quick refusal, before any change
            if conn is None:
                kept = _keep_raw(database, folder)
                _copy_to_file(backup, database)
            else:
                kept = copy_connection(conn, folder, BEFORE_RESTORE)
                _copy_into(backup, conn)
        finally:
            if conn is not None:
                conn.close()
    log.warning("Restored %s from %s; the replaced file is %s", database, backup, kept)
    return Restored(kept, loss, stale)


def _look_at_backup(database: Path, backup: Path, folder: Path) -> None:
    """Quick: the backup exists, is a Trainer database, and this version can open it."""
    from trainer.store.migrate import needs_upgrade

    if not backup.is_file():
        raise NotFound(f"No backup file at {backup}",
                       hint=f"Backups are in {folder}; list them with: trainer db backup --list")
    if database.exists() and backup.resolve() == database.resolve():
        raise StoreError(f"{backup} is the database itself, not a backup of it.",
                         hint="Choose a file in the backups folder.")
    try:
        conn = sqlite3.connect(file_uri(backup), uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{backup} is not a usable backup: {exc}",
                         hint="Choose another backup file.") from exc
    needs_upgrade(row[0] if row else None, str(backup))  # SchemaTooNew: a newer Trainer's


def _check_backup(backup: Path) -> None:
    """Slow: SQLite checks every page of the backup."""
    from trainer.store.health import check_file

    report = check_file(backup)
    if not report.healthy:
        raise StoreError(f"{backup} is not a usable backup: {report.problem}",
                         hint="Choose another backup file.")


def _lock(database: Path) -> tuple[sqlite3.Connection | None, str | None]:
    """A connection holding the file exclusively, or (None, why) when SQLite cannot read it.

    ``locking_mode=EXCLUSIVE`` keeps the lock after the transaction ends, until close; any
    other connection (even an idle one of a running app) makes it fail with "locked". A
    read-only look comes first: closing a read-write connection to a file SQLite cannot read
    deletes its -wal and -shm, which may hold the only copy of recent answers.
    """
    probe = sqlite3.connect(file_uri(database), uri=True, timeout=LOCK_WAIT_S)
    try:
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        _raise_unavailable(database, exc)
        return None, str(exc)
    except sqlite3.DatabaseError as exc:  # not a database, malformed
        return None, str(exc)
    finally:
        probe.close()
    conn = sqlite3.connect(file_uri(database, read_only=False), uri=True, timeout=LOCK_WAIT_S,
                           isolation_level=None)
    try:
        # main only: a backup ATTACHed read-only in exclusive mode cannot be read if it is in
        # WAL mode (SQLite then wants to create its -wal: "disk I/O error")
        conn.execute("PRAGMA main.locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.close()
        _raise_unavailable(database, exc)
        return None, str(exc)
    return conn, None


def _raise_unavailable(database: Path, exc: sqlite3.Error) -> None:
    """Raise DatabaseUnavailable when SQLite's error means "in use" or "no access"."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        raise DatabaseUnavailable(
            f"The database {database} is in use by another program.",
            hint="Close every Trainer and any other program using it (another `trainer` "
                 "command, a report being written), then try again.") from exc
    if "readonly" in text or "unable to open" in text:
        raise DatabaseUnavailable(f"Cannot write the database {database}: {exc}",
                                  hint="Check the data folder's permissions.") from exc


def _refusal(database: Path, backup: Path, loss: Loss) -> WouldLoseRecords:
    when = backup_time(backup)
    retry = f"trainer db restore {backup} --force"
    if loss.unreadable:
        return WouldLoseRecords(
            f"The current database {database} cannot be read ({loss.unreadable}), so Trainer "
            f"cannot tell what it holds that the backup lacks: answers and other records made "
            f"after the backup ({when}) may be lost.",
            hint=f"Restore anyway with: {retry} (the current file is kept in backups/ as it is).")
    newest = "".join(f"\n  {line}" for line in loss.sample)
    return WouldLoseRecords(
        f"Restoring {backup.name} would drop {loss.summary()} that the current database has "
        f"and the backup (of {when}) lacks; nothing was changed.",
        hint=(f"The newest of those answers (learner, course, exercise, time):{newest}\n"
              if newest else "")
        + "Export them first with: trainer progress export -o FILE (import that file again "
          f"after the restore), or restore anyway with: {retry} (the current database is kept "
          "in backups/ either way).")


def _keep_raw(database: Path, folder: Path) -> Path:
    """Byte copy of a file SQLite cannot read, with its -wal (no connection is open here)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        kept = new_backup_path(folder, BEFORE_RESTORE)
        shutil.copyfile(database, kept)
        wal = Path(f"{database}-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{kept}-wal"))
    except OSError as exc:
        raise DatabaseUnavailable(f"Could not keep a copy of {database} before restoring: {exc}",
                                  hint="Free some disk space; nothing was changed.") from exc
    return kept


def _copy_into(backup: Path, conn: sqlite3.Connection) -> None:
    """Overwrite the locked database's pages with the backup's, in one transaction.

    Through the WAL: a copy cut short leaves only uncommitted frames, which every reader
    ignores. A rollback journal would leave a hot journal that a read-only check cannot undo
    (it would call the file damaged); SQLite copies between page sizes only that way, though.
    """
    source = sqlite3.connect(file_uri(backup), uri=True)
    try:
        sizes = {c.execute("PRAGMA page_size").fetchone()[0] for c in (conn, source)}
        conn.execute(f"PRAGMA journal_mode={'WAL' if len(sizes) == 1 else 'DELETE'}")
        source.backup(conn)
    except sqlite3.Error as exc:
        raise DatabaseUnavailable(f"Could not copy {backup} into the database: {exc}",
                                  hint="Free some disk space and try again; the database "
                                       "is as it was.") from exc
    finally:
        source.close()


def _copy_to_file(backup: Path, database: Path) -> None:
    """Write the backup as a new file and rename it over ``database`` (absent or unreadable)."""
    partial = database.with_name(database.name + ".restoring")
    source = sqlite3.connect(file_uri(backup), uri=True)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        for extra in ("-wal", "-shm"):  # never replay the old file's log onto the new one
            Path(f"{database}{extra}").unlink(missing_ok=True)
        os.replace(partial, database)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseUnavailable(f"Could not restore {backup} to {database}: {exc}",
                                  hint="Free some disk space and try again.") from exc
    finally:
        source.close()
