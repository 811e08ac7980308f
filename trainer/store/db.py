"""Opening the database: checks, backup, upgrade, this installation's device row.

Nothing happens at import: the GUI and the CLI call ``open_database`` when they need records.
``Database.session()`` is one user action: one transaction, committed on leaving the block.

A damaged file (its pages fail SQLite's quick_check, or SQLite reports damage while in use) is
opened read-only: reading, reports, checks and backups work; every write session is refused
with DatabaseCorrupt, so nothing is ever written into it (DESIGN §7).
"""

from __future__ import annotations

import logging
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from trainer import heap
from trainer.config import Paths
from trainer.errors import ConfigError
from trainer.store import backup, health, migrate, schema, stamp
from trainer.store.engine import (
    READ_ONLY_OPTION,
    make_engine,
    parse_url,
    sqlite_file,
    track,
    translate,
)
from trainer.store.errors import DatabaseCorrupt, DatabaseUnavailable
from trainer.store.models import Device

log = logging.getLogger(__name__)


class Database:
    """An open database: engine, session factory, and where its backups go."""

    def __init__(self, engine: Engine, url: URL, paths: Paths, *,
                 damage: str | None = None, checked: bool = False) -> None:
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
        self.damage = damage  # what SQLite found wrong; set: read-only for good
        self.checked = checked  # the file passed a check (or was unchanged since one)
        # wrong PINs on a read-only database are counted here (learner id: tries, locked until)
        self.unrecorded_tries: dict[int, tuple[int, datetime | None]] = {}
        self._damage_listeners: list[Callable[[], None]] = []
        self._closed = False
        if self.file is not None:
            track(self.file, +1)

    @property
    def read_only(self) -> bool:
        return self.damage is not None

    def refuse_writes(self) -> DatabaseCorrupt:
        """The error every write session raises on a damaged database."""
        return DatabaseCorrupt(
            f"The database {self.where} is damaged ({self.damage}), so Trainer opened it "
            "read-only and saves nothing into it.",
            hint="Reading, reports, trainer db check and trainer db backup still work. "
                 + health.restore_hint(self.paths.backups_dir))

    def on_damage(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` (from whichever thread noticed it) when SQLite reports damage
        while in use and the database turns read-only: the desktop app says so at once."""
        self._damage_listeners.append(listener)

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
        if self.damage is not None:
            raise self.refuse_writes()
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
        """A read-only transaction for long reads (reports) that must not hold the write lock.

        Its connection frees its page cache when it goes back to the pool (``engine``); after a
        long read the C heap it freed is handed back too (``trainer.heap``)."""
        start = time.perf_counter()
        with self._guard(), self._readers() as session:
            yield session
        heap.after_read(time.perf_counter() - start)

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
            if isinstance(known, DatabaseCorrupt) and self.damage is None:
                log.error("SQLite reports damage in %s: %s; read-only from now on",
                          self.where, exc.orig)
                self.damage = str(exc.orig)
                for listener in list(self._damage_listeners):
                    try:
                        listener()
                    except Exception:  # noqa: BLE001 - a listener never hides the error
                        log.exception("A damage listener failed")
            raise known from exc

    def close(self) -> None:
        """Wait for a running start-up backup, then close every connection; a file that was
        checked and found sound is noted as such (the next start then skips the check)."""
        if self._backup_thread is not None:
            self._backup_thread.join()
            self._backup_thread = None
        self.engine.dispose()
        if self._closed or self.file is None:
            return
        self._closed = True
        track(self.file, -1)
        if self.damage is None and self.checked:
            stamp.remember(self.file, self.paths.cache_dir)
        elif self.damage is not None:
            stamp.forget(self.file, self.paths.cache_dir)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({self.where!r})"


def open_database(paths: Paths, url: str | None = None, *, upgrade: bool = True,
                  backup: bool = True) -> Database:
    """Check, back up when due, upgrade to the newest schema and return the open database.

    A damaged file is never written: a Database opened read-only (``damage`` says why), or
    DatabaseCorrupt when SQLite cannot read even its catalogue.
    """
    parsed = parse_url(url or paths.database_url)
    file = sqlite_file(parsed)
    if file is None:
        return _open_server(paths, parsed, upgrade)
    if not file.exists():
        _make_folder(file.parent)
        return _open_sqlite(paths, parsed, file, health.Verdict(None, frozenset()),
                            existed=False, upgrade=upgrade, backup=backup)
    trusted = stamp.unchanged(file, paths.cache_dir)
    verdict = health.preflight(file, paths.backups_dir, trusted=trusted)
    if verdict.damage is not None:
        log.error("The database %s fails SQLite's check: %s", file, verdict.damage)
        stamp.forget(file, paths.cache_dir)
        return _open_damaged(paths, parsed, verdict.damage)
    return _open_sqlite(paths, parsed, file, verdict, existed=True, upgrade=upgrade,
                        backup=backup, checked=trusted or verdict.checked)


def _open_server(paths: Paths, parsed: URL, upgrade: bool) -> Database:
    db = Database(make_engine(parsed), parsed, paths)
    try:
        with db._guard():
            with db.engine.connect() as conn:
                revision = migrate.current_revision(conn)
            pending = migrate.needs_upgrade(revision, db.where)
            if pending and upgrade:
                migrate.upgrade(db.engine, db.where)
            if not pending or upgrade:
                db.device_id = ensure_local_device(db)
    except BaseException:
        db.close()
        raise
    return db


def _open_sqlite(paths: Paths, parsed: URL, file: Path, verdict: health.Verdict, *,
                 existed: bool, upgrade: bool, backup: bool, checked: bool = True) -> Database:
    """A sound (or new) file: back up when due, finish a first start cut short, upgrade."""
    pending = migrate.needs_upgrade(verdict.revision, str(file))
    if existed and verdict.revision is None:
        schema.refuse_if_records_elsewhere(file, verdict.tables, paths.backups_dir)
        schema.refuse_foreign(file, verdict.tables)
    db = Database(make_engine(parsed), parsed, paths, checked=checked)
    try:
        with db._guard():
            if existed and backup:
                _backup_at_start(db, file, pending)
            if pending and upgrade:
                if verdict.revision is None and verdict.tables:
                    schema.clear_unfinished(db.engine, file)
                migrate.upgrade(db.engine, db.where)
            if not pending or upgrade:
                db.device_id = ensure_local_device(db)
    except BaseException:
        db.close()
        raise
    return db


def _open_damaged(paths: Paths, parsed: URL, damage: str) -> Database:
    """Read-only: no backup at start (it would push good backups out), no upgrade, no writes."""
    db = Database(make_engine(parsed, read_only=True), parsed, paths, damage=damage)
    try:
        with db._guard(), db.reader() as session:
            db.device_id = session.scalars(select(Device.id).where(Device.is_local)).first()
    except DatabaseCorrupt:
        pass  # the devices table itself is damaged: reading other records may still work
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
