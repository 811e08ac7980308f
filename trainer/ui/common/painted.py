"""Run work on the event-loop turn after a widget has drawn itself.

Start-up puts the sign-in list on screen first and everything else after it (DESIGN §6): the
other areas' screens, the log file, the single-instance socket, the chart warm-up and the
store's first read all wait for the list's first paint. Started earlier, they competed with it
for the interpreter (one thread runs Python at a time) and for the machine's cores, and the list
came up to 0.15 s later. Waiting for the paint itself, rather than a guessed delay, keeps the
order right on a slow or loaded machine too; a fallback delay covers a widget that is never
drawn (the window started minimised, a page hidden behind another).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _PaintWatch(QObject):
    """Event filter on one widget: at its first paint, queue the work and step aside."""

    def __init__(self, widget: QWidget, run: Callable[[], None]) -> None:
        super().__init__(widget)
        self._run = run
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after this paint has reached the screen
        return False


def after_painted(widget: QWidget, work: Callable[[], object], fallback_ms: int) -> None:
    """Call ``work`` once: on the event-loop turn after ``widget`` next paints, or after
    ``fallback_ms`` if it has not painted by then. Nothing runs once ``widget`` is deleted."""
    done = False

    def run() -> None:
        nonlocal done
        if not done:
            done = True
            work()

    _PaintWatch(widget, run)
    QTimer.singleShot(fallback_ms, widget, run)
