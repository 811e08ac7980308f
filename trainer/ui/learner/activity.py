"""Active study time: counted only while the window is in front, not minimised, and in use.

Input (keys, mouse, wheel, touch) in the window resets the idle clock; after
``idle_minutes`` without input the time stops counting until the learner is back.

The input is watched on the window's ``QWindow``, where Qt delivers it before passing it on to a
widget, not on the application: an application-wide filter in Python runs for every event of
every widget (a lesson's opening sends thousands) and made each opening and each answer slower.
Input in another window (a dialog) does not count: the main window is not active then anyway.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
          QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate}
MAX_STEP = 2.0  # seconds one tick may add; a stalled event loop never counts as study


class ActivityTracker(QObject):
    """Accumulates active seconds for the widget's window; ``take()`` hands them over."""

    def __init__(self, widget: QWidget, idle_minutes: Callable[[], int],
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.widget = widget
        self.idle_minutes = idle_minutes
        self.clock = clock
        self.seconds = 0.0
        self.last_input = clock()
        self._last_tick = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        self.running = False
        self._watched: QObject | None = None

    def start(self) -> None:
        if self.running:
            return
        self._watched = self._input_source()
        if self._watched is not None:
            self._watched.installEventFilter(self)
        self.last_input = self._last_tick = self.clock()
        self._timer.start()
        self.running = True

    def stop(self) -> None:
        if not self.running:
            return
        self.tick()
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None
        self._timer.stop()
        self.running = False

    def _input_source(self) -> QObject | None:
        """The top-level ``QWindow`` the widget lives in (the application before it has one)."""
        handle = self.widget.window().windowHandle()
        return handle if handle is not None else QCoreApplication.instance()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT:
            self.last_input = self.clock()
        return False

    def is_active(self) -> bool:
        """Window in front, not minimised, and input within the idle limit."""
        window = self.widget.window()
        if not window.isVisible() or window.isMinimized() or not window.isActiveWindow():
            return False
        return self.clock() - self.last_input < max(1, self.idle_minutes()) * 60

    def tick(self) -> None:
        now = self.clock()
        step = min(max(0.0, now - self._last_tick), MAX_STEP)
        self._last_tick = now
        if self.is_active():
            self.seconds += step

    def take(self) -> float:
        """The seconds counted since the last call (whole seconds stay; fractions carry over)."""
        whole = float(int(self.seconds))
        self.seconds -= whole
        return whole
