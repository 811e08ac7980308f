"""The common interface of every exercise input widget, and the factory that picks one."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from trainer.content.inline import inline_html


class ExerciseInput(QWidget):
    """Collects one response; responses always use the author's indices, whatever the display order."""

    changed = Signal()
    submitRequested = Signal()  # e.g. Enter in a text field

    def __init__(self, exercise: Any, seed: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exercise = exercise
        self._rng = random.Random(seed)

    def shuffled(self, count: int) -> list[int]:
        """Display order for ``count`` author items: shuffled when the exercise asks for it."""
        order = list(range(count))
        if getattr(self.exercise, "shuffle", False) and count > 1:
            original = list(order)
            for _ in range(5):  # avoid showing the author's (answer) order when possible
                self._rng.shuffle(order)
                if order != original:
                    break
        return order

    def response(self) -> dict[str, Any] | None:
        """The response as JSON-able data, or None while the learner has not answered."""
        raise NotImplementedError

    def complete(self) -> bool:
        """Whether practice may submit: a response, and every part of it given (matching
        needs every partner); a hand-in takes whatever ``response`` holds."""
        return self.response() is not None

    def set_response(self, response: dict[str, Any]) -> None:
        """Show a previous response (e.g. the last attempt after a restart)."""
        raise NotImplementedError

    def set_locked(self, locked: bool) -> None:
        """Read-only after submitting, editable again on retry."""
        self.setEnabled(not locked)

    def show_solution(self, show: bool) -> None:
        """Mark right and wrong parts after grading; types without marks ignore it."""


def pack_label(text: str, name: str = "", html: str | None = None) -> QLabel:
    """A word-wrapped label showing pack text with its inline Markdown rendered.

    Pack text reaches rich text only through the sanitiser (``inline_html``); ``html`` is for
    a caller that built its own text around such output (escaping its own parts). Links are
    shown, never followed: the label does not let the mouse or keyboard activate them.
    """
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setOpenExternalLinks(False)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    label.setText(inline_html(text) if html is None else html)
    if name:
        label.setObjectName(name)
    return label


def _indices(values: Sequence[Any]) -> list[int]:
    return [int(v) for v in values]


def create_input(exercise: Any, seed: int | None = None, parent: QWidget | None = None) -> ExerciseInput:
    """The input widget for ``exercise.type``; ``seed`` fixes the shuffled order of one attempt."""
    from trainer.ui.learner.exercises.arrange import MatchInput, OrderInput
    from trainer.ui.learner.exercises.choice import ChoiceInput
    from trainer.ui.learner.exercises.text import FillInput, OpenInput

    kinds: dict[str, type[ExerciseInput]] = {
        "single": ChoiceInput,
        "truefalse": ChoiceInput,
        "multiple": ChoiceInput,
        "fill": FillInput,
        "open": OpenInput,
        "order": OrderInput,
        "match": MatchInput,
    }
    try:
        kind = kinds[exercise.type]
    except KeyError:
        raise ValueError(f"Unknown exercise type {exercise.type!r} ({exercise.id})") from None
    return kind(exercise, seed, parent)


__all__ = ["ExerciseInput", "create_input", "pack_label", "_indices"]
