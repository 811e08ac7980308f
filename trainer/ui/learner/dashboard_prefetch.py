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
  None and the page reads them as before (everything the first reading paid for stays warm).

A write between the start and the end of a gathering discards it: a page never shows figures
older than the last change this process made. Other machines' writes reach the page when it is
next reloaded, as before.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QLocale, QObject, QTimer

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

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.ctx = ctx
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
        if user is not None:
            self.timer.start(AFTER_SIGN_IN_MS)
        else:
            self.timer.stop()

    def _on_data(self, _what: str) -> None:
        self.generation += 1
        self.gathered = None
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
            else:  # something was written meanwhile: gather again once it is quiet
                self.timer.start(AFTER_CHANGE_MS)

        def failed(exc: BaseException) -> None:
            self.running = False
            log.info("Gathering the dashboard in advance failed: %s", exc)

        run_work(None, self.ctx, gather, show_progress=False, on_success=done,
                 on_failure=failed)

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


def watch(ctx: Any) -> Prefetcher:
    """Gather the dashboard in advance for whoever signs in to ``ctx`` (once per context)."""
    existing = getattr(ctx, "_dashboard_prefetcher", None)
    if existing is None or existing.ctx is not ctx:
        existing = ctx._dashboard_prefetcher = Prefetcher(ctx)
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
