"""Inline Markdown in every exercise type is rendered, safely (DESIGN §7): options, per-answer
feedback, steps, pairs and rubric points show *em*, **strong**, `code` and links as formatting,
never their asterisks; hostile HTML in them is dropped; links are shown, never followed; rows
that cannot show rich text (drop-downs, list rows, screen-reader names) get the plain words.

The validator already refuses a pack whose body names an image outside it, so the hostile
text is put into the exercises directly: the widgets must be safe on their own. The check for
an interpreted ``<img src="/etc/x.png">`` is the one of ``test_hostile_pack_text``."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from learner_helpers import FIXTURE
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget
from test_hostile_pack_text import HOSTILE, interpreted_pack_text

from trainer.content.grading import grade
from trainer.content.loader import load_pack
from trainer.content.model import Criterion, Option
from trainer.content.render import render_markdown
from trainer.ui.learner.exercises import ExerciseCard

MARKED = "*em* **strong** `code` [site](https://example.org) "
TEXT = MARKED + HOSTILE
PLAIN = "em strong code site x $\\undefined$"


@pytest.fixture(scope="module")
def pack() -> Any:
    return load_pack(FIXTURE)


def _marked(exercise: Any) -> Any:
    """The exercise with every short pack string written in Markdown plus hostile HTML."""
    n = max(len(exercise.options), len(exercise.items), len(exercise.pairs), len(exercise.rubric))
    return dataclasses.replace(
        exercise,
        options=tuple(Option(f"{TEXT} {i}", o.correct, f"{TEXT} fb{i}", o.credit)
                      for i, o in enumerate(exercise.options)),
        items=tuple(f"{TEXT} {i}" for i in range(len(exercise.items))),
        pairs=tuple((f"{TEXT} L{i}", f"{TEXT} R{i}") for i in range(len(exercise.pairs))),
        rubric=tuple(Criterion(c.points, f"{TEXT} c{i}") for i, c in enumerate(exercise.rubric)),
        explanation=TEXT, shuffle=False) if n or exercise.type == "fill" else exercise


def _shown(label: QLabel) -> str:
    """What the reader sees in a label (rich text as the document renders it)."""
    if label.textFormat() == Qt.TextFormat.PlainText:
        return label.text()
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def _answer_wrong(card: ExerciseCard) -> None:
    """Any answer that lets the card be graded (wrong where possible, so feedback shows)."""
    widget = card.input
    kind = card.exercise.type
    if kind in ("single", "truefalse", "multiple"):
        for index, option in enumerate(card.exercise.options):
            if not option.correct or kind == "multiple":
                widget.button(index).setChecked(True)
                if kind != "multiple":
                    break
    elif kind == "fill":
        widget.edit.setText("nothing like it")
    elif kind == "open":
        widget.edit.setPlainText("an answer")
        widget.boxes[0].setChecked(True) if widget.boxes else None
    elif kind == "order":
        widget.move_current(1)
    elif kind == "match":
        count = len(widget.combos)
        for left in range(count):
            widget.choose(left, (left + 1) % count)


@pytest.mark.parametrize("exercise_id", ["q-single", "q-multiple", "q-truefalse", "q-fill",
                                         "q-order", "q-match", "q-open"])
def test_every_exercise_type_renders_inline_markdown_safely(
        qtbot: Any, pack: Any, exercise_id: str) -> None:
    exercise = _marked(pack.exercise(exercise_id))
    card = ExerciseCard(exercise, lambda md: render_markdown(md, FIXTURE, FIXTURE), 1, seed=3)
    qtbot.addWidget(card)
    card.show()
    _answer_wrong(card)
    card.submit()
    card.show_grade(grade(exercise, card.response()))
    labels = card.findChildren(QLabel)
    shown = [_shown(label) for label in labels if label.isVisibleTo(card)]
    rich = [label.text() for label in labels
            if label.textFormat() == Qt.TextFormat.RichText and "<em>em</em>" in label.text()]
    if exercise.type != "fill":  # fill answers are typed as written: shown plain on purpose
        assert rich, "some label shows the pack's Markdown as formatting"
        for html in rich:
            assert "<strong>strong</strong>" in html and "<code>code</code>" in html
            assert '<a href="https://example.org">site</a>' in html
    assert not [s for s in shown if "*em*" in s or "**strong**" in s or "`code`" in s], shown
    assert any("em strong code site" in s for s in shown), "the explanation is rendered"
    for label in labels:  # a link is shown, never followed
        if "href" in label.text() and label is not card.question:
            assert not label.openExternalLinks()
            assert not label.textInteractionFlags() & (
                Qt.TextInteractionFlag.LinksAccessibleByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard), label.objectName()
    for combo in card.findChildren(QComboBox):
        assert [combo.itemText(i) for i in range(1, combo.count())] == [
            f"{PLAIN} R{i}" for i in range(combo.count() - 1)]
    for view in card.findChildren(QListWidget):
        assert sorted(view.item(r).text() for r in range(view.count())) == [
            f"{PLAIN} {i}" for i in range(view.count())]
    names = [b.accessibleName() for b in card.findChildren(QLabel)]
    assert not any("*em*" in name for name in names)
    problems = interpreted_pack_text()
    assert not problems, "\n".join(problems)


def test_clicking_a_link_in_an_option_picks_the_option(qtbot: Any, pack: Any) -> None:
    exercise = _marked(pack.exercise("q-single"))
    card = ExerciseCard(exercise, lambda md: md, 1, seed=3)
    qtbot.addWidget(card)
    card.show()
    row = card.input.rows[1]
    activated: list[str] = []
    row.label.linkActivated.connect(activated.append)
    qtbot.mouseClick(row.label, Qt.MouseButton.LeftButton)
    assert row.button.isChecked() and not activated
    assert row.button.accessibleName() == f"{PLAIN} 1"
