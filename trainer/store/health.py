"""Is this SQLite file a healthy Trainer database? SQLite judges, and nothing here writes to it.

Every file is read through SQLite, read-only and with its ``-wal`` (never with Python's own
``open()``: closing any descriptor on the file drops the POSIX locks this process's SQLite
connections hold on it, DESIGN §7). A main file shorter than its header says is normal while a
WAL holds the rest (a checkpoint cut short by a kill or a full disk), so sizes are never compared.

``preflight`` runs at every start: the catalogue and the schema revision (about 1 ms), and
``PRAGMA quick_check`` only when there is cause — the file changed since Trainer last closed it
after a good check (see ``stamp``), or SQLite raised an error. quick_check costs 1–6 s on a
million answers, so running it at every start would break the start-up budget (DESIGN §6).
``check_file`` runs the full ``integrity_check`` for ``trainer db check`` and restores.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from trainer.store.backup import latest_backup
from trainer.store.engine import BUSY_TIMEOUT_MS, file_uri, is_live, translate_sqlite
from trainer.store.errors import DatabaseCorrupt, StoreError
from trainer.store.loss import loss_note

SALVAGE = ("To keep every record SQLite can still read instead (only those on damaged pages are "
           "lost), copy them into a new file: trainer db salvage -o NEWFILE")
QUICK_CHECK_LIMIT = 20  # problems listed before SQLite stops looking

# What a read of the file could not cover, for messages (``limits``).
WAL_UNREAD = ("the folder is read-only and SQLite cannot open the -wal file's index there, so the "
              "latest changes (in {wal}) were not read; the check covers the main file only")


@dataclass(frozen=True)
class FileReport:
    path: Path
    size: int
    healthy: bool
    problem: str | None = None
    revision: str | None = None
    limits: tuple[str, ...] = ()  # what the check could not do (e.g. read the WAL)


@dataclass(frozen=True)
class Verdict:
    """What ``preflight`` found: the schema revision, the tables, and damage (None when none)."""

    revision: str | None
    tables: frozenset[str]
    damage: str | None = None
    checked: bool = False  # quick_check ran (and ``damage`` is its verdict)


def restore_hint(backups_dir: Path, database: Path | None = None) -> str:
    """Where the newest backup is, the command that restores it, and (given the damaged
    ``database``) what restoring it would drop."""
    latest = latest_backup(backups_dir)
    if latest is None:
        return (f"The file was left as it is. There is no backup in {backups_dir}. " + SALVAGE
                + "; or move the file away to start with an empty database.")
    return (f"The file was left as it is. The latest backup is {latest}; "
            + loss_note(database, latest) + ". " + SALVAGE + ".")


@contextmanager
def read_only(path: Path) -> Iterator[tuple[sqlite3.Connection, tuple[str, ...]]]:
    """A read-only connection that sees the WAL, and what it could not cover.

    In a read-only folder SQLite cannot create the WAL's index (``-shm``); then, and only when
    no connection of this process has the file open, the file is read as ``immutable`` (the
    main file alone), and ``limits`` says so.
    """
    timeout = BUSY_TIMEOUT_MS / 1000
    try:
        with _closed_on_error(sqlite3.connect(file_uri(path), uri=True, timeout=timeout)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        limits: tuple[str, ...] = ()
    except sqlite3.OperationalError as exc:
        wal = Path(f"{path}-wal")
        if ("unable to open" not in str(exc) or not path.is_file() or _folder_writable(path)
                or is_live(path)):  # an immutable reader's close would drop live locks
            raise
        conn = sqlite3.connect(file_uri(path, "immutable=1"), uri=True, timeout=timeout)
        limits = (WAL_UNREAD.format(wal=wal),) if wal.exists() else ()
    with closing(conn):
        yield conn, limits


@contextmanager
def _closed_on_error(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A connection left open after a failed probe would keep its locks (and descriptors)."""
    try:
        yield conn
    except BaseException:
        conn.close()
        raise


def _folder_writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK) and not _read_only_mount(path.parent)


def _read_only_mount(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def catalogue(conn: sqlite3.Connection) -> tuple[frozenset[str], str | None]:
    """The tables and the schema revision (None when the file has no Trainer schema yet)."""
    tables = frozenset(r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"))
    if "alembic_version" not in tables:
        return tables, None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return tables, (row[0] if row else None)


def quick_check(conn: sqlite3.Connection) -> str | None:
    """SQLite's check of every page (not of the indexes' contents): None when it passes."""
    return _summary([r[0] for r in conn.execute(f"PRAGMA quick_check({QUICK_CHECK_LIMIT})")])


def _summary(rows: list[str]) -> str | None:
    """SQLite's findings in one line: the first, and how many more (it stops at 20)."""
    found = [line for row in rows for line in row.splitlines()
             if line and not line.startswith("*** in database")]
    if found == ["ok"]:
        return None
    more = f" (and {len(found) - 1} more problem(s))" if len(found) > 1 else ""
    return f"{found[0]}{more}"


def preflight(path: Path, backups_dir: Path, *, trusted: bool = False) -> Verdict:
    """What the file holds, read by SQLite; ``trusted`` skips quick_check (the file is as
    Trainer left it after a good check).

    Raises DatabaseCorrupt when SQLite cannot read even the catalogue, DatabaseUnavailable when
    the file cannot be opened or is locked. A file whose pages fail quick_check but whose
    catalogue reads comes back with ``damage`` set: it is opened read-only, never written.
    """
    try:
        with read_only(path) as (conn, _limits):
            tables, revision = catalogue(conn)
            if trusted or not tables:
                return Verdict(revision, tables)
            return Verdict(revision, tables, quick_check(conn), checked=True)
    except sqlite3.Error as exc:
        raise _known(exc, path, restore_hint(backups_dir, path)) from exc


def _known(exc: sqlite3.Error, path: Path, hint: str) -> StoreError:
    known = translate_sqlite(exc, str(path), hint)
    if isinstance(known, DatabaseCorrupt):
        return DatabaseCorrupt(f"The database {path} is damaged: {exc}.", hint=hint)
    return known


def check_file(path: Path) -> FileReport:
    """Full read-only check: every page and index (integrity_check), references, revision."""
    try:
        size = path.stat().st_size
        with read_only(path) as (conn, limits):
            tables, revision = catalogue(conn)
            rows = [r[0] for r in conn.execute(f"PRAGMA integrity_check({QUICK_CHECK_LIMIT})")]
            fk = conn.execute("PRAGMA foreign_key_check").fetchmany(5)
    except OSError as exc:
        return FileReport(path, 0, False, exc.strerror or str(exc))
    except sqlite3.Error as exc:
        if not isinstance(translate_sqlite(exc, str(path), ""), DatabaseCorrupt):
            raise _known(exc, path, "") from exc
        return FileReport(path, size, False, str(exc))
    problem = _summary(rows)
    if problem is not None:
        return FileReport(path, size, False, problem, revision, limits)
    if fk:
        return FileReport(path, size, False, f"{len(fk)}+ rows point at missing rows", revision,
                          limits)
    if revision is None:
        return FileReport(path, size, False, "the file has no Trainer schema", None, limits)
    return FileReport(path, size, True, None, revision, limits)


def counts(path: Path, backups_dir: Path) -> tuple[int, int]:
    """Learners and answers, read through SQLite (for ``trainer db check``)."""
    try:
        with read_only(path) as (conn, _limits):
            learners = conn.execute("SELECT count(*) FROM learners").fetchone()[0]
            answers = conn.execute("SELECT count(*) FROM attempts").fetchone()[0]
    except sqlite3.Error as exc:
        raise _known(exc, path, restore_hint(backups_dir)) from exc
    return learners, answers
