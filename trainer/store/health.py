"""Is this SQLite file a healthy Trainer database? Checked without ever writing to it.

``preflight`` runs at every start and costs well under a millisecond (header, size, catalogue);
``check_file`` adds SQLite's full ``integrity_check`` for ``trainer db check`` and restores.
"""

from __future__ import annotations

import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from trainer.store.backup import latest_backup
from trainer.store.errors import DatabaseCorrupt, DatabaseUnavailable
from trainer.store.loss import loss_note

HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileReport:
    path: Path
    size: int
    healthy: bool
    problem: str | None = None
    revision: str | None = None


def restore_hint(backups_dir: Path, database: Path | None = None) -> str:
    """Where the newest backup is, the command that restores it, and (given the damaged
    ``database``) what restoring it would drop."""
    latest = latest_backup(backups_dir)
    if latest is None:
        return (f"The file was left as it is. There is no backup in {backups_dir}; move the file "
                "away to start with an empty database.")
    return (f"The file was left as it is. The latest backup is {latest}; "
            + loss_note(database, latest))


def header_problem(path: Path) -> str | None:
    """What is wrong with the file's size or 100-byte header, or None when it looks right."""
    size = path.stat().st_size
    if size == 0:
        return "the file is empty"
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(HEADER):
        return "the file is not an SQLite database"
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "the file header is damaged"
    change_counter, pages = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    if pages and change_counter == valid_for and size < pages * page_size:
        return f"the file is truncated ({size} bytes, expected {pages * page_size})"
    return None


def _read_revision(path: Path) -> str | None:
    """Open read-only, read the catalogue and the schema revision; raises sqlite3 errors."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def preflight(path: Path, backups_dir: Path) -> str | None:
    """Raise DatabaseCorrupt/DatabaseUnavailable for a file that must not be opened for writing.

    Returns the schema revision stored in the file (None for a database with no schema yet).
    """
    try:
        problem = header_problem(path)
    except OSError as exc:
        raise DatabaseUnavailable(f"Cannot read the database {path}: {exc.strerror or exc}",
                                  hint="Check the file's permissions.") from exc
    if problem is None:
        try:
            return _read_revision(path)
        except sqlite3.OperationalError as exc:
            if "unable to open" in str(exc):
                raise DatabaseUnavailable(f"Cannot open the database {path}: {exc}",
                                          hint="Check the data folder's permissions.") from exc
            problem = str(exc)
        except sqlite3.DatabaseError as exc:
            problem = str(exc)
    raise DatabaseCorrupt(f"The database {path} is damaged: {problem}.",
                          hint=restore_hint(backups_dir, path))


def check_file(path: Path) -> FileReport:
    """Full read-only check: header, every page (integrity_check) and the schema revision."""
    try:
        size = path.stat().st_size
        problem = header_problem(path)
    except OSError as exc:
        return FileReport(path, 0, False, exc.strerror or str(exc))
    if problem:
        return FileReport(path, size, False, problem)
    try:
        revision = _read_revision(path)
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
            fk = conn.execute("PRAGMA foreign_key_check").fetchmany(5)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return FileReport(path, size, False, str(exc))
    if rows != ["ok"]:
        return FileReport(path, size, False, "; ".join(rows), revision)
    if fk:
        return FileReport(path, size, False, f"{len(fk)}+ rows point at missing rows", revision)
    if revision is None:
        return FileReport(path, size, False, "the file has no Trainer schema", None)
    return FileReport(path, size, True, None, revision)
