"""Opening the database: checks, backup, upgrade, this installation's device row.

Nothing happens at import: the GUI and the CLI call ``open_database`` when they need records.
``Database.session()`` is one user action: one transaction, committed on leaving the block.
"""

from __future__ import annotations

import logging
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from trainer.config import Paths
from trainer.errors import ConfigError
from trainer.store import backup, health, migrate
from trainer.store.engine import READ_ONLY_OPTION, make_engine, parse_url, sqlite_file, translate
from trainer.store.errors import DatabaseUnavailable
from trainer.store.models import Device

log = logging.getLogger(__name__)


class Database:
    """An open database: engine, session factory, and where its backups go."""

    def __init__(self, engine: Engine, url: URL, paths: Paths) -> None:
        self.engine = engine
        self.url = url.render_as_string(hide_password=True)
        self.paths = paths
        self.file: Path | None = sqlite_file(url)
        self.is_sqlite = url.get_backend_name() == "sqlite"
        self.device_id: uuid.UUID | None = None
        self.enrolled: set[tuple[int, str]] = set()  # (learner, pack) known to be enrolled
        self._backup_thread: threading.Thread | None = None
        self._local = threading.local()
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(engine.execution_options(**{READ_ONLY_OPTION: True}),
                                     expire_on_commit=False)

    @property
    def where(self) -> str:
        """The file or the server, for messages (never the password)."""
        return str(self.file) if self.file else self.url

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One write transaction (SQLite: BEGIN IMMEDIATE), committed when the block ends.

        Service functions open their own; calling one inside this block would wait for the
        write lock this block holds (pass the session to ``audit.record`` instead).
        """
        if getattr(self._local, "writing", False):
            raise RuntimeError("a write session is already open in this thread (a service "
                               "called inside db.session() would wait for its own lock)")
        self._local.writing = True
        try:
            with self._guard(), self._sessions.begin() as session:
                yield session
        finally:
            self._local.writing = False

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only transaction for long reads (reports) that must not hold the write lock."""
        with self._guard(), self._readers() as session:
            yield session

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn driver failures (full disk, read-only, damaged file) into clear StoreErrors."""
        try:
            yield
        except DBAPIError as exc:
            known = translate(exc, self.where, health.restore_hint(self.paths.backups_dir),
                              sqlite=self.is_sqlite)
            if known is None:
                raise
            raise known from exc

    def close(self) -> None:
        """Wait for a running start-up backup, then close every connection."""
        if self._backup_thread is not None:
            self._backup_thread.join()
            self._backup_thread = None
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({self.where!r})"


def open_database(paths: Paths, url: str | None = None, *, upgrade: bool = True,
                  backup: bool = True) -> Database:
    """Check, back up when due, upgrade to the newest schema and return the open database.

    A damaged file is never opened for writing: DatabaseCorrupt names the latest backup.
    """
    parsed = parse_url(url or paths.database_url)
    file = sqlite_file(parsed)
    revision: str | None = None
    existed = file is not None and file.exists()
    if file is not None:
        if existed:
            revision = health.preflight(file, paths.backups_dir)
        else:
            _make_folder(file.parent)
    db = Database(make_engine(parsed), parsed, paths)
    try:
        with db._guard():
            if file is None:
                with db.engine.connect() as conn:
                    revision = migrate.current_revision(conn)
            pending = migrate.needs_upgrade(revision, db.where)
            if file is not None and existed and backup:
                _backup_at_start(db, file, pending)
            if pending and upgrade:
                migrate.upgrade(db.engine, db.where)
            if not pending or upgrade:
                db.device_id = ensure_local_device(db)
    except BaseException:
        db.close()
        raise
    return db


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"Cannot create the folder {folder}: {exc.strerror or exc}",
                          hint="Choose a writable data folder with --data-dir.") from exc


def _backup_at_start(db: Database, file: Path, pending: bool) -> None:
    """Before an upgrade a backup is required (and made now); otherwise one a day, made in the
    background so a large database does not hold up the start, and a failure is only logged."""
    if pending:
        backup.backup_sqlite(file, db.paths.backups_dir, reason="before-upgrade")
        return
    if not backup.backup_is_stale(db.paths.backups_dir):
        return

    def daily() -> None:
        try:
            backup.backup_sqlite(file, db.paths.backups_dir, reason="daily")
        except DatabaseUnavailable as exc:
            log.warning("Daily backup skipped: %s", exc)

    # not a daemon: a process that ends right after start still finishes the copy
    db._backup_thread = threading.Thread(target=daily, name="trainer-daily-backup", daemon=False)
    db._backup_thread.start()


def ensure_local_device(db: Database) -> uuid.UUID:
    """This installation's Device row, created on first open (one per database)."""
    with db.session() as session:
        found = session.scalars(select(Device.id).where(Device.is_local)).first()
        if found is not None:
            return found
        device = Device(name=socket.gethostname()[:200] or "this computer", is_local=True)
        session.add(device)
        session.flush()
        return device.id
