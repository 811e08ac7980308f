"""Single choice, true/false (radio buttons) and multiple choice (check boxes)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from trainer.content.inline import inline_html, inline_plain
from trainer.ui.learner.exercises.base import ExerciseInput, pack_label


class _ClickableLabel(QLabel):
    """Word-wrapped option text, its inline Markdown rendered (sanitised HTML only); clicking
    it clicks its button (buttons themselves never wrap), a link in it is never followed."""

    def __init__(self, html: str, button: QAbstractButton) -> None:
        super().__init__()
        self._button = button
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(False)
        self.setText(html)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        if event.button() == Qt.MouseButton.LeftButton and self._button.isEnabled():
            self._button.click()
        super().mouseReleaseEvent(event)


class OptionRow(QWidget):
    """One option: button, wrapped text and, after grading, a mark and the option's feedback."""

    def __init__(self, button: QAbstractButton, text: str, html: str | None = None,
                 plain: str | None = None) -> None:
        """``text`` is the pack's Markdown; a caller that wraps it in its own words passes the
        finished ``html`` (built from ``inline_html``) and ``plain`` (for screen readers)."""
        super().__init__()
        self.button = button
        self.setObjectName("optionRow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # state colours
        button.setAccessibleName(inline_plain(text) if plain is None else plain)
        self.label = _ClickableLabel(inline_html(text) if html is None else html, button)
        self._text_box = QVBoxLayout()
        self._text_box.setSpacing(2)
        self._text_box.addWidget(self.label)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(6, 4, 6, 4)
        self._row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self._row.addLayout(self._text_box, 1)
        self._marks: tuple[QLabel, QLabel] | None = None  # built when graded

    def _mark_labels(self) -> tuple[QLabel, QLabel]:
        if self._marks is None:
            mark = QLabel()
            mark.setObjectName("optionMark")
            feedback = pack_label("", "optionFeedback")
            self._text_box.addWidget(feedback)
            self._row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
            self._marks = (mark, feedback)
        return self._marks

    @property
    def mark(self) -> QLabel:
        return self._mark_labels()[0]

    @property
    def feedback(self) -> QLabel:
        return self._mark_labels()[1]

    def set_state(self, state: str, mark: str, feedback: str) -> None:
        """state: "" | "right" | "partial" | "wrong" | "missed" — drives the style sheet's
        colours ("partial": a picked option that earns part of the marks, neutral grey)."""
        if self._marks is None and not (state or mark or feedback):
            return
        self.setProperty("state", state)
        self.style().unpolish(self)
        self.style().polish(self)
        self.mark.setText(mark)
        self.mark.setVisible(bool(mark))
        self.feedback.setText(inline_html(feedback))
        self.feedback.setVisible(bool(feedback))


class ChoiceInput(ExerciseInput):
    """Radio buttons for single and true/false, check boxes for multiple; shuffled per attempt.

    Radio buttons share a button group (Tab stops at the group, arrows choose); check boxes do
    not: Qt lets only one button of any group take Tab, and each check box is its own choice,
    so each is a Tab stop of its own, as keyboard users expect."""

    def __init__(self, exercise: Any, seed: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(exercise, seed, parent)
        self.multiple = exercise.type == "multiple"
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multiple)
        self.rows: dict[int, OptionRow] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for index in self.shuffled(len(exercise.options)):
            button: QAbstractButton = QCheckBox() if self.multiple else QRadioButton()
            row = OptionRow(button, exercise.options[index].text)
            if self.multiple:
                button.toggled.connect(lambda *_: self.changed.emit())
            else:
                self.group.addButton(button, index)
            self.rows[index] = row
            layout.addWidget(row)
        self.group.idToggled.connect(lambda *_: self.changed.emit())

    def display_order(self) -> list[int]:
        """Author indices in the order shown (tests and screen readers follow it)."""
        return list(self.rows)

    def button(self, author_index: int) -> QAbstractButton:
        return self.rows[author_index].button

    def chosen(self) -> list[int]:
        return sorted(i for i, row in self.rows.items() if row.button.isChecked())

    def response(self) -> dict[str, Any] | None:
        chosen = self.chosen()
        if not chosen:
            return None
        if self.multiple:
            return {"choices": chosen}
        return {"choice": chosen[0]}

    def set_response(self, response: dict[str, Any]) -> None:
        picked = response.get("choices", [response.get("choice")])
        self.group.setExclusive(False)
        for index, row in self.rows.items():
            row.button.setChecked(index in picked)
        self.group.setExclusive(not self.multiple)

    def set_locked(self, locked: bool) -> None:
        """Only the buttons are locked, so the text stays easy to read next to its feedback."""
        for row in self.rows.values():
            row.button.setEnabled(not locked)

    def show_solution(self, show: bool) -> None:
        chosen = set(self.chosen())
        for index, row in self.rows.items():
            option = self.exercise.options[index]
            if not show:
                row.set_state("", "", "")
                continue
            picked = index in chosen
            if option.correct:
                state = "right" if picked else "missed"
                mark = self.tr("Correct answer")
            elif picked and option.credit > 0:  # a near miss the author gave some marks
                state = "partial"
                mark = self.tr("Partly correct")
            else:
                state = "wrong" if picked else ""
                mark = self.tr("Not correct") if picked else ""
            feedback = (option.feedback or "") if picked else ""
            row.set_state(state, mark, feedback)
