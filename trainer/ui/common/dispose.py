"""Destroying a large widget a slice at a time, as long pages are built.

``deleteLater()`` destroys a widget and everything in it within one turn of the event loop: a
500 KB lesson left for another module (about two hundred text runs and cards, 1,700 widgets)
held the window 40–80 ms while it went. ``dispose_in_slices`` destroys the widget's
self-contained parts (its cards, its text runs) as many per turn as fit in about a frame, the
last first, then the widget itself, so the window keeps painting and answering meanwhile.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

__all__ = ["STEP_SECONDS", "dispose_in_slices"]

STEP_SECONDS = 0.012  # per turn of the event loop: within a frame (16 ms) with the turn's rest


def dispose_in_slices(root: QWidget, parts: Sequence[QWidget],
                      step: float = STEP_SECONDS) -> None:
    """Destroy ``parts`` over the next turns of the event loop, then ``root``.

    ``parts`` are descendants of ``root`` that stand alone: none inside another, none an
    internal of a Qt widget (a scroll area's viewport or bar), nothing else in the app holding
    on to them. Each turn destroys at least one part and stops once ``step`` seconds have gone,
    so one part's destruction is the most a turn can exceed it by. ``root`` should be off the
    page already (hidden, out of its layout). Should ``root`` be destroyed meanwhile (its
    parent went), its remaining parts go with it and nothing more is scheduled."""
    remaining = list(parts)

    def destroy_a_slice() -> None:
        deadline = time.perf_counter() + step
        while remaining:
            part = remaining.pop()
            if shiboken6.isValid(part):
                shiboken6.delete(part)
            if time.perf_counter() >= deadline:
                break
        if remaining:
            QTimer.singleShot(0, root, destroy_a_slice)
        else:
            root.deleteLater()

    QTimer.singleShot(0, root, destroy_a_slice)
