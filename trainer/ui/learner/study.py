"""One learner studying one module: active time and reading position, saved as they go.

Time is flushed to the store every ``FLUSH_SECONDS`` and when the module is left (another
module, another page, sign-out, quit), so a crash loses at most that much.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from trainer.ui.common.context import PROGRESS, AppContext
from trainer.ui.learner.activity import ActivityTracker

log = logging.getLogger(__name__)
FLUSH_SECONDS = 30


class StudySession(QObject):
    """Tracks one open module; ``close()`` saves the rest and stops counting."""

    def __init__(self, ctx: AppContext, learner_id: int, pack: Any, module: Any,
                 view: Any, status: Callable[[], str | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.learner_id, self.pack, self.module = ctx, learner_id, pack, module
        self.view = view
        self.status = status
        self.tracker = ActivityTracker(view, lambda: int(ctx.settings.get("idle_minutes")),
                                       parent=self)
        self.timer = QTimer(self)
        self.timer.setInterval(FLUSH_SECONDS * 1000)
        self.timer.timeout.connect(self.flush)
        self.closed = False
        self.last_error: BaseException | None = None

    def start(self) -> None:
        self.tracker.start()
        self.timer.start()

    def pause(self) -> None:
        """The page is hidden: save and stop counting until ``start`` again."""
        self.flush()
        self.tracker.stop()
        self.timer.stop()

    def flush(self) -> Any:
        """Save time, position and status now (a small, quick transaction)."""
        if self.closed:
            return None
        from trainer.store.progress import record_lesson_progress

        self.tracker.tick()
        if self.ctx.read_only:  # nothing can be saved; the window's warning says so
            return None
        seconds = self.tracker.take()
        position = {"scroll": self.view.fraction()} if hasattr(self.view, "fraction") else None
        try:
            state = record_lesson_progress(self.ctx.db, self.learner_id, self.pack.id,
                                           self.module.id, status=self.status(),
                                           add_seconds=seconds, position=position)
        except Exception as exc:  # noqa: BLE001 - shown once, learning goes on
            self.tracker.seconds += seconds
            if self.last_error is None:
                from trainer.ui.common.errors import present_error

                present_error(self.view, exc)
            self.last_error = exc
            return None
        self.ctx.notify(PROGRESS)
        return state

    def close(self) -> None:
        self.pause()
        self.closed = True
