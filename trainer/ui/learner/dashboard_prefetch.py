"""Gather "My progress" before the learner asks for it (DESIGN §6: first opening ≤ 300 ms).

The first opening of the dashboard in a session used to pay, on the GUI thread, for work that
does not depend on the click: importing the page's modules and the analytics behind it,
SQLAlchemy compiling a score of statements for the first time, SQLite's first reads, the
department mean's stamp (a read over every learner) and the learner's own figures. A learner
signs in and studies before opening the page, so all of it can be done while they read:

- ``watch`` (the learner pages installed): a worker imports the page and gathers its
  ``DashboardData`` a moment after someone signs in, and again a moment after their records
  change (debounced: a quiz's answers start one gathering, not one each);
- ``take`` (the page opened or shown again): the gathered figures when they are still those the
  page would read itself (same person, role, language and day, nothing written since), else
  None and the page reads them as before (everything the first reading paid for stays warm);
- with a ``page_size`` (the main window's page area), the page itself is then built from the
  figures and painted off screen at that size, one step per idle moment, and ``claim_page``
  hands it to the window when the learner opens it: the click only shows what is ready.

A write between the start and the end of a gathering discards it: a page never shows figures
older than the last change this process made. Other machines' writes reach the page when it is
next reloaded, as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QLocale, QObject, QSize, QTimer

log = logging.getLogger(__name__)

AFTER_SIGN_IN_MS = 1500  # the library is up and its own prefetching done; the learner reads
AFTER_CHANGE_MS = 2000  # a quiet moment after the last answer


@dataclass(frozen=True)
class Gathered:
    """Figures for one learner, with what they were gathered for."""

    user_id: int
    role_id: str | None
    language: str
    generation: int
    data: Any  # DashboardData
    tasks: Any  # the tasks panel's LearnerTasks, or None
    overview: Any  # the review panel's counts


class Prefetcher(QObject):
    """One per application context: gathers, keeps and hands over the learner's figures."""

    def __init__(self, ctx: Any, page_size: Callable[[], QSize] | None = None) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.page_size = page_size
        self.page: Any = None  # built in advance, not yet claimed by the window
        self.claimed = False  # the window has its page: nothing more to build
        self.painted = False  # the page built in advance is drawn at the page size
        self.generation = 0  # bumped by every change this process makes
        self.gathered: Gathered | None = None
        self.running = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.start)
        ctx.userChanged.connect(self._on_user)
        ctx.dataChanged.connect(self._on_data)
        ctx.settingsChanged.connect(lambda: self._on_data("settings"))  # daily practice size

    def _on_user(self, user: Any) -> None:
        self.generation += 1
        self.gathered = None
        self._drop_page()
        if user is not None:
            self.timer.start(AFTER_SIGN_IN_MS)
        else:
            self.timer.stop()

    def _on_data(self, _what: str) -> None:
        self.generation += 1
        self.gathered = None
        self.painted = False  # a page built already shows old figures until rebuilt
        if self.ctx.user is not None:
            self.timer.start(AFTER_CHANGE_MS)

    def start(self) -> None:
        """Gather the signed-in learner's figures on a worker (no-op while one is running)."""
        user = self.ctx.user
        if user is None or self.running or not self.ctx.db_is_open:  # closed: never reopen it
            return
        from trainer.ui.common.work import run_work

        packs = self.ctx.library.packs()
        language = str(QLocale().name())
        practice = int(self.ctx.settings.get("daily_practice_size"))
        generation = self.generation
        self.running = True

        def gather(_progress: Any) -> Gathered:
            from trainer.analytics.review import overview
            from trainer.ui.learner import dashboard, review_panel  # noqa: F401 - the click
            from trainer.ui.learner.dashboard_data import (  # imports nothing
                default_role,
                display_framework,
                load_dashboard,
            )
            from trainer.ui.learner.tasks_panel import load_tasks

            role = default_role(user, display_framework(packs, language))
            data = load_dashboard(self.ctx.db, user, packs, role_id=role, language=language)
            return Gathered(user.id, role, language, generation, data,
                            load_tasks(self.ctx, packs) if packs else None,
                            overview(self.ctx.db, user.id, packs, practice) if packs else None)

        def done(result: Gathered) -> None:
            self.running = False
            if result.generation == self.generation:
                self.gathered = result
                if self.page_size is not None and not self.claimed:
                    QTimer.singleShot(0, self, self._build_page)
            else:  # something was written meanwhile: gather again once it is quiet
                self.timer.start(AFTER_CHANGE_MS)

        def failed(exc: BaseException) -> None:
            self.running = False
            log.info("Gathering the dashboard in advance failed: %s", exc)

        run_work(None, self.ctx, gather, show_progress=False, on_success=done,
                 on_failure=failed)

    def _build_page(self) -> None:
        """Build the page from the gathered figures (one idle moment), paint it off screen at
        the window's page size (the next): its charts are drawn before the click.

        The page is never shown until claimed, so its shortcuts never compete with the screen in
        use; nothing in it may be made visible before it has a parent (that shows a window of
        its own, which takes the main window's activation and with it every shortcut:
        tests/ui/learner/test_no_stray_windows.py)."""
        if self.gathered is None or self.claimed or self.ctx.user is None:
            return
        from trainer.ui.learner.dashboard import DashboardPage

        self.painted = False
        try:
            if self.page is None:
                self.page = DashboardPage(self.ctx)
            else:  # built already: new figures (something changed since)
                self.page.reload()
        except Exception:  # noqa: BLE001 - a preparation must never disturb the learner
            log.exception("Building the dashboard in advance failed")
            self._drop_page()
            return
        QTimer.singleShot(0, self, self._paint_page)

    def _paint_page(self) -> None:
        if self.page is None or self.page_size is None:
            return
        if self.gathered is None:  # changed since it was built: painted once built again
            return
        try:
            size = self.page_size()
        except RuntimeError:  # the window is gone (closed): its page is not needed
            self._drop_page()
            return
        if size.width() > 0 and size.height() > 0:
            self.page.resize(size)
            self.page.grab()  # lays it out and draws the charts at that size, never shown
        self.painted = True

    def _drop_page(self) -> None:
        self.painted = False
        if self.page is not None:
            self.page.deleteLater()
            self.page = None

    def claim_page(self) -> Any:
        """The page built in advance (the caller owns it), or None; either way the window has
        its page from now on, so none is built again (figures are still gathered for it)."""
        page, self.page = self.page, None
        self.claimed = True
        return page

    def take(self, user_id: int, role_id: str | None, language: str,
             today: date | None = None) -> Gathered | None:
        """What was gathered if it is what the page would read now, else None."""
        found = self.gathered
        day = today or datetime.now().astimezone().date()
        if (found is None or found.generation != self.generation or found.user_id != user_id
                or found.role_id != role_id or found.language != language
                or found.data.today != day):
            return None
        return found


def watch(ctx: Any, page_size: Callable[[], QSize] | None = None) -> Prefetcher:
    """Gather the dashboard in advance for whoever signs in to ``ctx`` (once per context);
    with ``page_size``, build and paint the page too (see the module's docstring)."""
    existing = getattr(ctx, "_dashboard_prefetcher", None)
    if existing is None or existing.ctx is not ctx:
        existing = ctx._dashboard_prefetcher = Prefetcher(ctx, page_size)
    else:  # a new window for the same context: it has no page yet
        existing.page_size, existing.claimed = page_size, False
        existing._drop_page()
    if ctx.user is not None:  # already signed in (e.g. a single-user data folder)
        existing.timer.start(AFTER_SIGN_IN_MS)
    return existing


def take(ctx: Any, user_id: int, role_id: str | None, language: str) -> Gathered | None:
    """Figures, tasks and review counts gathered in advance for this context, or None (nobody gathers for it, or they
    are not current)."""
    prefetcher = getattr(ctx, "_dashboard_prefetcher", None)
    if prefetcher is None or prefetcher.ctx is not ctx:  # e.g. HR's view of a learner
        return None
    return prefetcher.take(user_id, role_id, language)


def claim_page(ctx: Any) -> Any:
    """The "My progress" page built in advance for ``ctx``, or None (build it now)."""
    prefetcher = getattr(ctx, "_dashboard_prefetcher", None)
    if prefetcher is None or prefetcher.ctx is not ctx:
        return None
    return prefetcher.claim_page()
