"""``painted.after_painted``: work waits for a widget's paint (start-up's order), once."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from trainer.ui.common.painted import after_painted


def test_runs_once_after_the_widget_is_drawn(qtbot: Any) -> None:
    label = QLabel("名单")
    qtbot.addWidget(label)
    calls: list[bool] = []
    after_painted(label, lambda: calls.append(label.isVisible()), fallback_ms=60_000)
    qtbot.wait(50)
    assert calls == []  # not shown, not drawn: nothing yet
    label.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=5000)
    label.repaint()
    qtbot.wait(50)
    assert calls == [True]  # once, not at every paint


def test_runs_after_the_fallback_when_never_drawn(qtbot: Any) -> None:
    label = QLabel("名单")  # never shown, like a window started minimised
    qtbot.addWidget(label)
    calls: list[int] = []
    after_painted(label, lambda: calls.append(1), fallback_ms=100)
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)
    label.show()
    qtbot.wait(100)
    assert calls == [1]
