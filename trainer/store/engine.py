"""Engine set-up for SQLite and PostgreSQL, and translation of driver errors into StoreErrors.

SQLite settings, chosen once here:
- WAL journal: readers never block the writer, and a killed process cannot corrupt the file.
- ``synchronous=FULL``: each commit waits for the WAL to reach the disk. NORMAL already survives a
  killed process, but may lose the last answers on a power cut; FULL costs ~0.4 ms a commit
  (DESIGN §6), which no learner can feel, so an acknowledged answer is never lost.
- ``foreign_keys=ON`` (SQLite's default is off) and a 10 s busy timeout for a second process.
- Write sessions start with ``BEGIN IMMEDIATE`` so two processes queue for the write lock instead
  of failing half-way through a read-then-write transaction; read sessions use plain ``BEGIN``.
- A damaged file gets a read-only engine (``mode=ro``): SQLite itself then refuses any write.
- A connection going back to the pool frees its page cache (``PRAGMA shrink_memory``): idle, it
  would keep up to 2 MB of whatever the last large read scanned (the organisation's people or
  summaries), memory that grows with the organisation. The next transaction reads its few pages
  again from the operating system's file cache (no measurable cost on a small read).

Every SQLite error becomes a StoreError with a message the user can act on (``translate``);
only errors that mean a bug in Trainer (constraint, misuse of the API) stay as they are.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import Counter
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


def file_uri(path: Path, *options: str, read_only: bool = True) -> str:
    """A ``file:`` URI for sqlite3, read-only unless asked (percent-escaped: a ``?`` or ``#`` in
    a folder name stays part of the path)."""
    query = ("mode=ro",) * read_only + options
    return path.absolute().as_uri() + ("?" + "&".join(query) if query else "")


_live: Counter[Path] = Counter()  # SQLite files this process's engines have open
_live_lock = threading.Lock()


def is_live(path: Path) -> bool:
    """True while an engine of this process has ``path`` open (see ``track``)."""
    with _live_lock:
        return _live[path.absolute()] > 0


def track(path: Path, delta: int) -> None:
    """Count engines on a file, so nothing in this process opens it behind SQLite's back."""
    with _live_lock:
        _live[path.absolute()] += delta
        if _live[path.absolute()] <= 0:
            del _live[path.absolute()]


def make_engine(url: URL, *, read_only: bool = False) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, read_only)
    _postgresql_index_options()
    try:
        return create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        raise ConfigError(f"The PostgreSQL driver is not installed ({exc}).",
                          hint="Install it with: pip install 'trainer[postgres]'") from exc


def _postgresql_index_options() -> None:
    """Give the models' partial indexes their PostgreSQL predicate (the same as SQLite's), once
    a PostgreSQL engine is made. Naming ``postgresql_where`` in the models would make SQLAlchemy
    import its whole PostgreSQL dialect (about 2 MB resident, every driver's module) into each
    SQLite process just to check the keyword. Idempotent."""
    from trainer.store.models import Base

    for table in Base.metadata.tables.values():
        for index in table.indexes:
            where = index.dialect_kwargs.get("sqlite_where")
            if where is not None:
                index.dialect_kwargs["postgresql_where"] = where


def _sqlite_engine(url: URL, read_only: bool) -> Engine:
    connect_args: dict[str, Any] = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
    file = sqlite_file(url)
    if read_only and file is not None:
        uri = file_uri(file)
        engine = create_engine(url, creator=lambda: sqlite3.connect(uri, uri=True, **connect_args))
    else:
        engine = create_engine(url, connect_args=connect_args)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
        cursor = dbapi_connection.cursor()
        try:
            if not read_only:
                mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    log.warning("SQLite refused WAL mode (journal_mode=%s) for %s", mode,
                                url.database)
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_connection: Any, _record: Any) -> None:
        if dbapi_connection is None:  # invalidated: nothing left to free
            return
        try:
            dbapi_connection.execute("PRAGMA shrink_memory")
        except sqlite3.Error:  # only memory is at stake; the next use reports real trouble
            log.debug("PRAGMA shrink_memory failed on %s", url.database, exc_info=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        read_only = conn.get_execution_options().get(READ_ONLY_OPTION, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


_IN_USE = ("{where} is in use by another program, which holds it locked.",
           "Close other programs using the file (a database browser, a backup or sync tool), or "
           "wait for them to finish, then try again. Nothing was changed.")
# SQLite's primary result codes (sqlite.org/rescode.html) and what each means for the user
_UNAVAILABLE = {
    13: ("The disk holding {where} is full.",  # SQLITE_FULL
         "Free some disk space, then try again. Everything saved before is kept."),
    8: ("{where} is read-only, so nothing can be saved.",  # SQLITE_READONLY
        "Make the data folder writable, or choose another one with --data-dir."),
    14: ("Cannot open {where}.",  # SQLITE_CANTOPEN
         "Check that the data folder exists and is writable, or choose another with --data-dir."),
    10: ("The disk holding {where} reported an input/output error.",  # SQLITE_IOERR
         "Check the disk; everything saved before is kept."),
    5: _IN_USE,  # SQLITE_BUSY
    6: _IN_USE,  # SQLITE_LOCKED
}
_CORRUPT = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_BY_TEXT = {"database or disk is full": 13, "readonly database": 8, "unable to open": 14,
            "disk i/o error": 10, "database is locked": 5, "disk image is malformed": 11,
            "file is not a database": 26}
# sqlite3 errors that are Trainer's own bugs (constraints, API misuse): reported as bugs
_BUGS = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError,
         sqlite3.NotSupportedError)


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF
    text = str(exc).lower()
    return next((c for needle, c in _BY_TEXT.items() if needle in text), None)


def translate_sqlite(exc: sqlite3.Error, where: str, backup_hint: str) -> StoreError | None:
    """A StoreError for any SQLite failure that is not a bug in Trainer."""
    if isinstance(exc, _BUGS):
        return None
    code = _code(exc)
    if code in _UNAVAILABLE:
        message, hint = _UNAVAILABLE[code]
        return DatabaseUnavailable(message.format(where=where), hint=hint)
    if code in _CORRUPT:
        return DatabaseCorrupt(f"The database {where} is damaged ({exc}).", hint=backup_hint)
    return DatabaseUnavailable(f"SQLite could not use the database {where}: {exc}.",
                               hint="Run: trainer db check (it changes nothing) to see whether "
                                    "the file is damaged. Everything saved before is kept.")


def translate(exc: DBAPIError, where: str, backup_hint: str, *, sqlite: bool) -> StoreError | None:
    """A StoreError for a known driver failure, or None when it is a bug to report as such."""
    if sqlite and isinstance(exc.orig, sqlite3.Error):
        return translate_sqlite(exc.orig, where, backup_hint)
    text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    if exc.connection_invalidated or "connection" in text and "refused" in text:
        return DatabaseUnavailable(f"Cannot reach the database server {where}.",
                                   hint="Check that the server is running and reachable.")
    if isinstance(exc, OperationalError) and not sqlite:
        return DatabaseUnavailable(f"Database server problem at {where}: {exc.orig}",
                                   hint="Check the server, then try again.")
    return None


def known_error(exc: BaseException) -> StoreError | None:
    """Last resort for the CLI and the GUI: a driver error that escaped every guard becomes a
    clear StoreError (naming no file: the guard that knows it was not on the way)."""
    where = "the database"
    if isinstance(exc, DBAPIError):
        return translate(exc, where, "Run: trainer db check", sqlite=isinstance(
            exc.orig, sqlite3.Error))
    if isinstance(exc, sqlite3.Error):
        return translate_sqlite(exc, where, "Run: trainer db check")
    return None
