"""One learner studying one module: active time and reading position, saved as they go.

Time is flushed to the store every ``FLUSH_SECONDS`` and when the module is left (another
module, another page, sign-out, quit), so a crash loses at most that much. Going to another
module takes what is to be saved at once (``stop``) and writes it once the new module has
painted (``save``): a commit on the way to the first paint cost 5 to 25 ms.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer

from trainer.ui.common.context import PROGRESS, AppContext
from trainer.ui.learner.activity import ActivityTracker

log = logging.getLogger(__name__)
FLUSH_SECONDS = 30


@dataclass(frozen=True)
class Progress:
    """What one save writes: active seconds since the last save, scroll position, status."""

    module_id: str
    seconds: float
    position: dict[str, float] | None
    status: str | None


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
        return self.save(self._take())

    def _take(self) -> Progress | None:
        """What is unsaved, read off the view and the tracker now (None: nothing can be saved)."""
        self.tracker.tick()
        if self.ctx.read_only:  # nothing can be saved; the window's warning says so
            return None
        position = {"scroll": self.view.fraction()} if hasattr(self.view, "fraction") else None
        return Progress(self.module.id, self.tracker.take(), position, self.status())

    def save(self, progress: Progress | None) -> Any:
        """Write ``progress``; a failure is shown once and, while counting, its time is kept."""
        if progress is None:
            return None
        from trainer.store.progress import record_lesson_progress

        try:
            state = record_lesson_progress(self.ctx.db, self.learner_id, self.pack.id,
                                           progress.module_id, status=progress.status,
                                           add_seconds=progress.seconds,
                                           position=progress.position)
        except Exception as exc:  # noqa: BLE001 - shown once, learning goes on
            if not self.closed:
                self.tracker.seconds += progress.seconds
            if self.last_error is None:
                from trainer.ui.common.errors import present_error

                parent = self.parent()  # the course page: the view may be gone by now
                present_error(parent if parent is not None else self.view, exc)
            self.last_error = exc
            return None
        self.ctx.notify(PROGRESS)
        return state

    def stop(self) -> Progress | None:
        """Stop counting for good; returns what is still to be saved (``save`` it soon)."""
        if self.closed:
            return None
        progress = self._take()
        self.tracker.stop()
        self.timer.stop()
        self.closed = True
        return progress

    def close(self) -> None:
        """Stop counting and save the rest now (sign-out, quit, another page or course)."""
        self.save(self.stop())
