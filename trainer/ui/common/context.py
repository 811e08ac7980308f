"""The application context every screen receives in its constructor (no globals).

It owns the data folder paths, the settings, the signed-in learner, and opens the database and the
course library lazily: the first window paints before SQLAlchemy or the pack loader is imported.
Signals tell views what changed so they refresh themselves.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from trainer.config import Paths, Settings, bundled_courses_dir

if TYPE_CHECKING:
    from trainer.content.library import Library
    from trainer.store.db import Database

log = logging.getLogger(__name__)

# What ``dataChanged`` carries; views compare against these names.
PROGRESS = "progress"
PACKS = "packs"
LEARNERS = "learners"
ATTEMPTS = "attempts"


class AppContext(QObject):
    """Paths, settings, database, library and the signed-in learner, shared by all screens."""

    userChanged = Signal(object)  # LearnerInfo | None
    settingsChanged = Signal()
    languageChanged = Signal(str)  # "zh_CN" or "en", after the translators are installed
    dataChanged = Signal(str)  # "progress", "packs", "learners", ...
    pageRequested = Signal(str, object)  # page key, optional payload for that page
    readOnly = Signal()  # the database is read-only (damaged): opened so, or found so in use

    def __init__(
        self,
        paths: Paths,
        settings: Settings | None = None,
        *,
        database_url: str | None = None,
        db: Database | None = None,
        library: Library | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.settings = settings if settings is not None else Settings(paths.settings_file)
        self.database_url = database_url
        self._db = db
        self._library = library
        self._user: Any = None
        self._lock = threading.RLock()  # work helpers may touch .db from a worker thread
        if db is not None:
            db.on_damage(self.readOnly.emit)

    # --- lazily opened services -----------------------------------------------------------

    @property
    def db(self) -> Database:
        """The database, opened (and upgraded after a backup) on first use."""
        with self._lock:
            if self._db is None:
                from trainer.store.db import open_database

                log.info("Opening the database in %s", self.paths.data_dir)
                self._db = open_database(self.paths, self.database_url)
                self._db.on_damage(self.readOnly.emit)  # queued to the GUI thread's views
                if self._db.read_only:
                    self.readOnly.emit()
            return self._db

    @property
    def read_only(self) -> bool:
        """Nothing can be saved (the store found the database damaged). Views ask this before
        offering work whose result would be lost; False while the database is not open yet."""
        return self._db is not None and self._db.read_only

    @property
    def db_is_open(self) -> bool:
        return self._db is not None

    @property
    def library(self) -> Library:
        """Bundled and installed course packs, loaded on first use."""
        with self._lock:
            if self._library is None:
                from trainer.content.library import Library

                self._library = Library(self.paths.packs_dir, bundled_courses_dir(),
                                        cache_dir=self.paths.cache_dir)
            return self._library

    # --- signed-in learner -----------------------------------------------------------------

    @property
    def user(self) -> Any:
        """The signed-in ``LearnerInfo``, or None when nobody is signed in."""
        return self._user

    def set_user(self, user: Any) -> None:
        """Sign a learner in (or out with None) and tell every screen."""
        if user == self._user:
            return
        self._user = user
        log.info("Signed in: %s", getattr(user, "employee_no", None) if user else "nobody")
        self.userChanged.emit(user)

    def has_role(self, *roles: str) -> bool:
        """True when someone is signed in and (if roles are given) holds one of them."""
        if self._user is None:
            return False
        return not roles or getattr(self._user, "role", None) in roles

    # --- settings and navigation -------------------------------------------------------------

    def set_setting(self, key: str, value: Any) -> None:
        """Change one setting, save it, and let the app apply it without a restart."""
        if self.settings.get(key) == value:
            return
        self.settings.set(key, value)
        self.settingsChanged.emit()

    def notify(self, what: str) -> None:
        """Tell views that data of this kind changed (see the constants above)."""
        self.dataChanged.emit(what)

    def request_page(self, key: str, payload: Any = None) -> None:
        """Ask the main window to show a page; it passes ``payload`` to the page's ``open_payload``."""
        self.pageRequested.emit(key, payload)

    def prepare_summaries_in_background(self) -> threading.Thread:
        """Register the packs with the store's summaries in a worker thread, so the first HR
        figure or dashboard after an upgrade or a new pack version does not wait for the
        one-off rebuild (seconds on a million answers). A failure is only logged: the figures
        then register the packs themselves, or read the answers directly."""

        def work() -> None:
            try:
                from trainer.analytics import summaries

                summaries.ensure(self.db, self.library.packs())
            except Exception:  # noqa: BLE001 - a background convenience; the figures retry
                log.exception("Preparing the summaries failed")

        thread = threading.Thread(target=work, name="summaries", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        """Release the database connection pool at exit."""
        with self._lock:
            if self._db is not None:
                try:
                    self._db.close()
                finally:
                    self._db = None
