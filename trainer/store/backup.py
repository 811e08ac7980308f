"""SQLite backups: online copies into ``backups/`` and pruning (restoring one: restore.py).

A backup is written to a temporary name and renamed when complete, so a half-written copy never
looks like a backup. Copies kept before a restore are never pruned: they may be the only copy of
data the user still wants.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trainer.store.engine import file_uri
from trainer.store.errors import DatabaseUnavailable

log = logging.getLogger(__name__)

KEEP = 7
PREFIX = "trainer-"
SUFFIX = ".sqlite3"
BEFORE_RESTORE = "before-restore"
DAMAGED = "damaged"  # a copy of a damaged database, made by ``trainer db backup``
KEPT_APART = (BEFORE_RESTORE, DAMAGED)  # never pruned, never "the latest backup"
STALE_AFTER = timedelta(hours=24)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S")


def new_backup_path(folder: Path, reason: str) -> Path:
    """A name for a new backup in ``folder`` that no file has yet."""
    base = f"{PREFIX}{_stamp()}-{reason}"
    target, n = folder / f"{base}{SUFFIX}", 1
    while target.exists():
        n += 1
        target = folder / f"{base}-{n}{SUFFIX}"
    return target


def list_backups(folder: Path) -> list[Path]:
    """Backups, oldest first (names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if p.is_file())


def latest_backup(folder: Path) -> Path | None:
    found = [p for p in list_backups(folder) if not _kept_apart(p)]
    return found[-1] if found else None


def _kept_apart(path: Path) -> bool:
    return any(f"-{reason}" in path.name for reason in KEPT_APART)


def backup_is_stale(folder: Path) -> bool:
    """True when there is no backup from the last day (start-up then makes one)."""
    latest = latest_backup(folder)
    if latest is None:
        return True
    age = datetime.now(UTC).timestamp() - latest.stat().st_mtime
    return age > STALE_AFTER.total_seconds()


def backup_sqlite(database: Path, folder: Path, reason: str = "manual", keep: int = KEEP) -> Path:
    """Copy a live database with SQLite's online backup; safe while others read and write."""
    try:
        source = sqlite3.connect(file_uri(database), uri=True, timeout=10)
    except sqlite3.Error as exc:
        raise DatabaseUnavailable(f"Could not read {database} to back it up: {exc}",
                                  hint="Check the data folder's permissions.") from exc
    try:
        target = copy_connection(source, folder, reason)
    finally:
        source.close()
    prune(folder, keep)
    log.info("Backed up %s to %s", database, target)
    return target


def copy_connection(source: sqlite3.Connection, folder: Path, reason: str) -> Path:
    """The database open in ``source`` (its WAL included) as one self-contained file in
    ``folder``; written under a temporary name and renamed when complete."""
    partial: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = new_backup_path(folder, reason)
        partial = target.with_name(target.name + ".partial")
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dest.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        _remove_quietly(partial)
        raise DatabaseUnavailable(
            f"Could not write a copy of the database into {folder}: {exc}",
            hint="Free some disk space or make the backups folder writable.") from exc
    return target


def prune(folder: Path, keep: int = KEEP) -> None:
    """Delete the oldest automatic backups beyond ``keep``, and copies left half-written by a
    process that ended during a backup (older than an hour, so none still being written)."""
    ordinary = [p for p in list_backups(folder) if not _kept_apart(p)]
    for old in ordinary[:-keep] if keep > 0 else ordinary:
        _remove_quietly(old)
    hour_ago = datetime.now(UTC).timestamp() - 3600
    for partial in folder.glob(f"{PREFIX}*{SUFFIX}.partial"):
        if partial.stat().st_mtime < hour_ago:
            _remove_quietly(partial)


def _remove_quietly(path: Path | None) -> None:
    if path is None:
        return
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("Could not delete %s: %s", path, exc)
