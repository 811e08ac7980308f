"""One exercise as a card: question, answer widget, submit, feedback with explanation, retry."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from trainer.content.inline import inline_html
from trainer.ui.learner.exercises.base import ExerciseInput, create_input

_seeds = itertools.count(1)


class FeedbackMode(enum.Enum):
    PRACTICE = "practice"  # submit → feedback at once, retry allowed
    EXAM = "exam"  # no feedback until the whole assessment is handed in


_TYPE_NAMES = {
    "single": QT_TRANSLATE_NOOP("ExerciseCard", "Single choice"),
    "multiple": QT_TRANSLATE_NOOP("ExerciseCard", "Multiple choice: tick every correct answer"),
    "truefalse": QT_TRANSLATE_NOOP("ExerciseCard", "True or false"),
    "fill": QT_TRANSLATE_NOOP("ExerciseCard", "Fill in the blank"),
    "order": QT_TRANSLATE_NOOP("ExerciseCard", "Put in order"),
    "match": QT_TRANSLATE_NOOP("ExerciseCard", "Match the pairs"),
    "open": QT_TRANSLATE_NOOP("ExerciseCard", "Written answer"),
}


def type_name(kind: str) -> str:
    """Translated name of an exercise type, shown above the question."""
    return QCoreApplication.translate("ExerciseCard", _TYPE_NAMES.get(kind, kind))


def _label(object_name: str, rich: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ExerciseCard(QFrame):
    """Shows one exercise; emits ``submitted(response)`` and leaves grading and saving to others."""

    submitted = Signal(object)  # response dict, author indices
    retried = Signal()

    def __init__(self, exercise: Any, render: Callable[[str], str], number: int = 0,
                 mode: FeedbackMode = FeedbackMode.PRACTICE, seed: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exercise = exercise
        self.mode = mode
        self._render = render
        self.setObjectName("exerciseCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.started_at = datetime.now(UTC)
        self.touched = False  # the learner has changed the answer or submitted
        self.saving_blocked = False  # nothing can be saved: submitting is not offered
        heading = self.tr("Exercise %1 · %2") if number else "%2"
        self.kind = _label("exerciseKind")
        self.kind.setText(heading.replace("%1", str(number)).replace("%2", type_name(exercise.type)))
        self.question = _label("question", rich=True)
        self.question.setText(render(exercise.question))
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.submit_button = QPushButton(self.tr("Submit answer"))
        self.submit_button.setObjectName("primary")
        self.submit_button.setEnabled(False)
        self.submit_button.clicked.connect(self.submit)
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.clicked.connect(self.retry)
        self.retry_button.hide()
        self._feedback: QFrame | None = None  # built on first grading (keeps opening quick)
        self.blocked_note = _label("hint")  # why Submit is off (see block_saving)
        self.blocked_note.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.blocked_note, 1)  # takes the free width when shown
        buttons.addStretch(0)  # otherwise this does: the buttons stay on the right
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.submit_button)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(20, 16, 20, 16)
        self._layout.setSpacing(10)
        self._layout.addWidget(self.kind)
        self._layout.addWidget(self.question)
        self.input: ExerciseInput = self._make_input(seed)
        self._layout.addWidget(self.input)
        self._layout.addLayout(buttons)
        self._update_submit()
        if mode is FeedbackMode.EXAM:
            self.submit_button.hide()

    @property
    def feedback_box(self) -> QFrame:
        """Verdict, per-answer feedback and explanation; hidden until graded."""
        if self._feedback is None:
            self.verdict = _label("verdict")
            self.details = _label("feedback", rich=True)  # pack feedback: sanitised HTML only
            self.explanation = _label("explanation", rich=True)
            box = QFrame()
            box.setObjectName("feedbackBox")
            inner = QVBoxLayout(box)
            for widget in (self.verdict, self.details, self.explanation):
                inner.addWidget(widget)
            box.hide()
            self._layout.addWidget(box)
            self._feedback = box
        return self._feedback

    def _make_input(self, seed: int | None) -> ExerciseInput:
        widget = create_input(self.exercise, next(_seeds) if seed is None else seed, self)
        widget.changed.connect(self._update_submit)
        widget.changed.connect(self._touch)
        widget.submitRequested.connect(self.submit)
        return widget

    def _touch(self) -> None:
        self.touched = True

    def _update_submit(self) -> None:
        self.submit_button.setEnabled(not self.saving_blocked and self.input.complete())

    def block_saving(self, note: str, tip: str) -> None:
        """Answers could not be saved (the owner knows why): Submit is switched off, a short
        ``note`` beside it and ``tip`` on it say so; earlier answers and feedback stay visible."""
        self.saving_blocked = True
        self.submit_button.setToolTip(tip)
        self.blocked_note.setText(note)
        self.blocked_note.show()
        self._update_submit()

    def response(self) -> dict[str, Any] | None:
        return self.input.response()

    def submit(self) -> None:
        """Lock the answer and hand it on; the owner calls ``show_grade`` when graded."""
        response = self.input.response()
        if (response is None or not self.input.complete() or self.mode is FeedbackMode.EXAM
                or self.saving_blocked):
            return
        self.input.set_locked(True)
        self.submit_button.setEnabled(False)
        self.touched = True
        self.submitted.emit(response)

    def retry(self) -> None:
        """A fresh attempt: new shuffle, answer cleared, feedback hidden — except a written
        answer, whose text is kept to improve on (only the rubric ticks are cleared)."""
        old = self.input
        written = old.response() if self.exercise.type == "open" else None
        self.input = self._make_input(None)
        if written is not None:
            self.input.set_response({"text": written.get("text", "")})
        self._layout.replaceWidget(old, self.input)
        old.deleteLater()
        if self._feedback is not None:
            self._feedback.hide()
        self.retry_button.hide()
        self.submit_button.show()
        self._update_submit()
        self.started_at = datetime.now(UTC)
        self.retried.emit()

    def show_grade(self, grade: Any) -> None:
        """Feedback after grading: verdict with score, per-answer feedback and the explanation."""
        self.input.set_locked(True)
        self.input.show_solution(True)
        box = self.feedback_box
        self.verdict.setText(verdict_text(grade))
        state = "pending" if grade.score is None else "wrong" if not grade.answered else (
            "right" if grade.correct else ("partial" if grade.score > 0 else "wrong"))
        box.setProperty("state", state)
        box.style().unpolish(box)
        box.style().polish(box)
        inline = self.exercise.type in ("single", "multiple", "truefalse")
        lines = [] if inline else [line for line in grade.feedback if line]
        self.details.setText("<br>".join(inline_html(line) for line in lines))
        self.details.setVisible(bool(lines))
        explanation = self.exercise.explanation or ""
        self.explanation.setText(self._render(explanation) if explanation else "")
        self.explanation.setVisible(bool(explanation))
        box.show()
        self.submit_button.hide()
        self.retry_button.setVisible(self.mode is FeedbackMode.PRACTICE)

    def refresh_explanation(self) -> None:
        """Show the explanation again (its HTML has arrived from a worker), if it is shown."""
        explanation = self.exercise.explanation or ""
        if self._feedback is not None and explanation:
            self.explanation.setText(self._render(explanation))

    def restore(self, response: dict[str, Any], grade: Any | None) -> None:
        """Show an earlier attempt as it was answered (after a restart)."""
        self.input.set_response(response)
        self._update_submit()
        if grade is not None:
            self.show_grade(grade)


def verdict_text(grade: Any) -> str:
    if not getattr(grade, "answered", True):
        return QCoreApplication.translate("ExerciseCard", "Not answered. Score: 0%")
    if grade.score is None:
        return QCoreApplication.translate("ExerciseCard", "Submitted. A trainer will score this answer.")
    percent = round(grade.score * 100)
    if grade.correct:
        return QCoreApplication.translate("ExerciseCard", "Correct! Score: %1%").replace("%1", str(percent))
    if grade.score > 0:
        return QCoreApplication.translate("ExerciseCard", "Partly correct. Score: %1%").replace("%1", str(percent))
    return QCoreApplication.translate("ExerciseCard", "Not correct. Score: %1%").replace("%1", str(percent))
