"""Eliding buttons keep their measurements between layout passes (the dashboard's layout asked
each button for its size hint dozens of times), yet follow every change of text, font or style."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont

from trainer.ui.common.elide import ElidingButton


def test_size_hint_follows_text_font_and_style(qtbot: Any) -> None:
    button = ElidingButton("学习“数据共享与开放”")
    qtbot.addWidget(button)
    short = button.sizeHint().width()
    button.setText("学习“数据共享与开放” — 5 道练习待掌握")
    longer = button.sizeHint().width()
    assert longer > short
    font = QFont(button.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    button.setFont(font)
    bigger = button.sizeHint()
    assert bigger.width() > longer * 1.5
    button.setStyleSheet("padding: 0 60px;")
    assert button.sizeHint().width() >= bigger.width() + 100


def test_elides_to_the_width_given_and_keeps_the_full_text(qtbot: Any) -> None:
    text = "Study “Lesson 4: Building and sharing data together” — 5 exercises to master"
    button = ElidingButton(text)
    qtbot.addWidget(button)
    button.resize(button.minimumSizeHint().width(), button.sizeHint().height())
    button.show()
    qtbot.waitExposed(button)
    assert button.text() != text and button.text().endswith("…")
    assert button.full_text() == text and text in button.toolTip()
    button.resize(button.sizeHint())
    assert button.text() == text
