"""Fill-in (a line of text) and open response (free text with the rubric for self-assessment)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from trainer.content.inline import inline_html, inline_plain
from trainer.ui.common.plain import escape
from trainer.ui.learner.exercises.base import ExerciseInput
from trainer.ui.learner.exercises.choice import OptionRow


class FillInput(ExerciseInput):
    """One line of text; Enter submits. Matching (loose/exact) is the grader's business."""

    def __init__(self, exercise: Any, seed: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(exercise, seed, parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Type your answer"))
        self.edit.setAccessibleName(self.tr("Your answer"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        self.edit.returnPressed.connect(self.submitRequested.emit)
        self.solution = QLabel()
        self.solution.setObjectName("solution")
        self.solution.setWordWrap(True)
        self.solution.setTextFormat(Qt.TextFormat.PlainText)  # answers are typed as written
        self.solution.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.solution)

    def response(self) -> dict[str, Any] | None:
        text = self.edit.text().strip()
        return {"text": text} if text else None

    def set_response(self, response: dict[str, Any]) -> None:
        self.edit.setText(str(response.get("text", "")))

    def set_locked(self, locked: bool) -> None:
        self.edit.setReadOnly(locked)

    def show_solution(self, show: bool) -> None:
        answers = " / ".join(self.exercise.answers)
        self.solution.setText(self.tr("Accepted answers: %1").replace("%1", answers))
        self.solution.setVisible(show and bool(answers))


class OpenInput(ExerciseInput):
    """A written answer; with self-grading the learner then ticks the rubric criteria it meets."""

    def __init__(self, exercise: Any, seed: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(exercise, seed, parent)
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(self.tr("Write your answer here"))
        self.edit.setAccessibleName(self.tr("Your answer"))
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(110)
        self.edit.textChanged.connect(self.changed.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.boxes: list[QCheckBox] = []
        self.self_graded = getattr(exercise, "grading", "self") != "trainer"
        if self.self_graded:
            intro = QLabel(self.tr("Then tick each point your answer covers:"))
            intro.setWordWrap(True)
            layout.addWidget(intro)
            for criterion in exercise.rubric:
                box = QCheckBox()
                label = self.tr("%1 (%n point(s))", "", int(criterion.points))
                row = OptionRow(box, criterion.text,
                                html=escape(label).replace("%1", inline_html(criterion.text)),
                                plain=label.replace("%1", inline_plain(criterion.text)))
                box.toggled.connect(lambda _c: self.changed.emit())
                self.boxes.append(box)
                layout.addWidget(row)
        else:
            note = QLabel(self.tr("A trainer will read and score this answer."))
            note.setObjectName("hint")
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(note)

    def response(self) -> dict[str, Any] | None:
        text = self.edit.toPlainText().strip()
        if not text:
            return None
        ticked = [i for i, box in enumerate(self.boxes) if box.isChecked()]
        return {"text": text, "ticked": ticked}

    def set_response(self, response: dict[str, Any]) -> None:
        self.edit.setPlainText(str(response.get("text", "")))
        ticked = set(response.get("ticked", []))
        for i, box in enumerate(self.boxes):
            box.setChecked(i in ticked)

    def set_locked(self, locked: bool) -> None:
        self.edit.setReadOnly(locked)
        for box in self.boxes:
            box.setEnabled(not locked)
