"""Active study time counts only while the window is in front, not minimised, and in use."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from trainer.ui.learner.activity import ActivityTracker


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_counts_active_seconds_and_stops_when_idle(qapp: QApplication, qtbot: Any) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    clock = Clock()
    tracker = ActivityTracker(window, lambda: 1, clock)
    tracker.start()
    for _ in range(30):
        clock.now += 1
        tracker.tick()
    assert tracker.take() == 30
    for _ in range(60):  # no input for more than the idle limit (1 minute)
        clock.now += 1
        tracker.tick()
    assert tracker.take() == 29, "counting stops once the learner is idle"
    # input as the platform delivers it: to the window, which passes it on to a widget
    QTest.mouseMove(window.windowHandle(), QPoint(5, 5))
    clock.now += 1
    tracker.tick()
    assert tracker.take() == 1, "a mouse move brings the clock back"
    for _ in range(61):
        clock.now += 1
        tracker.tick()
    tracker.take()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Down)
    clock.now += 1
    tracker.tick()
    assert tracker.take() == 1, "a key brings the clock back"
    tracker.stop()


def test_nothing_counts_while_minimised_or_hidden(qapp: QApplication, qtbot: Any) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    clock = Clock()
    tracker = ActivityTracker(window, lambda: 5, clock)
    tracker.start()
    clock.now += 1
    tracker.tick()
    assert tracker.take() == 0, "a hidden window is not studied"
    window.showMinimized()
    clock.now += 1
    tracker.tick()
    assert tracker.take() == 0
    clock.now += 3600  # a stalled event loop (suspend) never counts as study
    window.showNormal()
    with qtbot.waitActive(window):
        window.activateWindow()
    tracker.tick()
    assert tracker.take() <= 2
    tracker.stop()
