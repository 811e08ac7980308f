"""Destroying a widget a slice per turn of the event loop (``common.dispose``): its parts go
over several turns, the last first, then the widget; if its parent destroys it meanwhile, the
rest goes with it and nothing is touched afterwards."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from trainer.ui.common.dispose import dispose_in_slices


def _page(parts: int) -> tuple[QWidget, QWidget, list[QLabel]]:
    parent = QWidget()
    root = QWidget(parent)
    layout = QVBoxLayout(root)
    labels = [QLabel(f"part {n}") for n in range(parts)]
    for label in labels:
        layout.addWidget(label)
    return parent, root, labels


def test_parts_go_a_slice_per_turn_the_last_first_then_the_widget(qapp: QApplication) -> None:
    parent, root, labels = _page(5)
    gone: list[str] = []
    for n, label in enumerate(labels):
        label.destroyed.connect(lambda *_a, n=n: gone.append(f"part {n}"))
    root.destroyed.connect(lambda *_a: gone.append("root"))
    dispose_in_slices(root, labels, step=0)  # one part per turn
    for turn in range(1, 6):
        qapp.processEvents()
        assert len(gone) == turn, gone
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the widget, now empty
    qapp.processEvents()
    assert gone == ["part 4", "part 3", "part 2", "part 1", "part 0", "root"]
    assert parent.findChildren(QWidget) == []


def test_a_widget_destroyed_meanwhile_takes_its_parts_along(qapp: QApplication) -> None:
    parent, root, labels = _page(5)
    dispose_in_slices(root, labels, step=0)
    qapp.processEvents()
    alive: list[Any] = [label for label in labels if isValid(label)]
    assert len(alive) == 4
    parent.deleteLater()  # e.g. the course page closes: no slice runs on a deleted widget
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for _ in range(5):
        qapp.processEvents()
    assert not any(isValid(label) for label in labels) and not isValid(root)
