"""Engine set-up for SQLite and PostgreSQL, and translation of driver errors into StoreErrors.

SQLite settings, chosen once here:
- WAL journal: readers never block the writer, and a killed process cannot corrupt the file.
- ``synchronous=FULL``: each commit waits for the WAL to reach the disk. NORMAL already survives a
  killed process, but may lose the last answers on a power cut; FULL costs ~0.4 ms a commit
  (DESIGN §6), which no learner can feel, so an acknowledged answer is never lost.
- ``foreign_keys=ON`` (SQLite's default is off) and a 10 s busy timeout for a second process.
- Write sessions start with ``BEGIN IMMEDIATE`` so two processes queue for the write lock instead
  of failing half-way through a read-then-write transaction; read sessions use plain ``BEGIN``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from trainer.errors import ConfigError
from trainer.store.errors import DatabaseCorrupt, DatabaseUnavailable, StoreError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
READ_ONLY_OPTION = "trainer_read_only"


def parse_url(url: str) -> URL:
    """A clear error for a URL that is not a database URL at all."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(
            f"Not a database URL: {url!r}",
            hint="Use sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST/DBNAME.",
        ) from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError(f"Unsupported database {parsed.get_backend_name()!r} in {url!r}",
                          hint="Trainer works with SQLite or PostgreSQL.")
    return parsed


def sqlite_file(url: URL) -> Path | None:
    """The database file of a SQLite URL (None for in-memory or other backends)."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    try:
        return create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise ConfigError(f"The PostgreSQL driver is not installed ({exc}).",
                          hint="Install it with: pip install 'trainer[postgres]'") from exc


def _sqlite_engine(url: URL) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000,
                                              "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
        cursor = dbapi_connection.cursor()
        try:
            mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("SQLite refused WAL mode (journal_mode=%s) for %s", mode, url.database)
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        read_only = conn.get_execution_options().get(READ_ONLY_OPTION, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


_UNAVAILABLE = (
    ("database or disk is full", "The disk holding {where} is full.",
     "Free some disk space, then try again. Everything saved before is kept."),
    ("readonly database", "{where} is read-only, so nothing can be saved.",
     "Make the data folder writable, or choose another one with --data-dir."),
    ("unable to open database file", "Cannot open {where}.",
     "Check that the data folder exists and is writable, or choose another with --data-dir."),
    ("disk i/o error", "The disk holding {where} reported an input/output error.",
     "Check the disk; everything saved before is kept."),
    ("database is locked", "{where} is busy: another Trainer is writing to it.",
     "Wait a moment and try again."),
)
_CORRUPT = ("malformed", "file is not a database", "file is encrypted")


def translate(exc: DBAPIError, where: str, backup_hint: str, *, sqlite: bool) -> StoreError | None:
    """A StoreError for a known driver failure, or None when it is a bug to report as such."""
    text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    for needle, message, hint in _UNAVAILABLE:
        if needle in text:
            return DatabaseUnavailable(message.format(where=where), hint=hint)
    if any(needle in text for needle in _CORRUPT):
        return DatabaseCorrupt(f"The database {where} is damaged ({exc.orig}).", hint=backup_hint)
    if exc.connection_invalidated or "connection" in text and "refused" in text:
        return DatabaseUnavailable(f"Cannot reach the database server {where}.",
                                   hint="Check that the server is running and reachable.")
    if isinstance(exc, OperationalError) and not sqlite:
        return DatabaseUnavailable(f"Database server problem at {where}: {exc.orig}",
                                   hint="Check the server, then try again.")
    return None
