"""Page "notebook" (错题本): every exercise answered wrong or partly wrong, grouped by course,
module or competency. Choosing one shows the last answer as given, graded again, with the right
answer and the explanation; "Try again" redoes it as a review answer. A practice exercise leaves
the book after two spaced right answers; a final's questions are shown after hand-in, to read.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.context import AppContext
from trainer.ui.common.wheel import guard_wheel
from trainer.ui.common.work import run_work
from trainer.ui.learner.exercises import ExerciseCard, FeedbackMode
from trainer.ui.learner.recorder import AttemptRecorder
from trainer.ui.learner.rendering import renderer
from trainer.ui.learner.style import apply_learner_style

log = logging.getLogger(__name__)
_MARKS = re.compile(r"[*_`#>\[\]!]|\(\S*\)")


def short_question(markdown: str, limit: int = 60) -> str:
    """The question as one plain line for the list (Markdown marks dropped)."""
    text = " ".join(_MARKS.sub("", markdown).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def load_notebook(ctx: AppContext) -> list[Any]:
    from trainer.analytics.notebook import notebook

    user = ctx.user
    return notebook(ctx.db, user.id, ctx.library.packs()) if user is not None else []


class NotebookPage(QWidget):
    """The 错题本: a grouped list on the left, the chosen exercise on the right."""

    GROUPS = ("course", "module", "competency")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entries: list[Any] = []
        self.card: ExerciseCard | None = None
        self.recorders: list[AttemptRecorder] = []
        self.setObjectName("NotebookPage")
        apply_learner_style(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.group_label = QLabel()
        self.group_box = guard_wheel(QComboBox())
        self.group_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.group_label.setBuddy(self.group_box)
        self.hint = QLabel()
        self.hint.setObjectName("subtitle")
        self.hint.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(True)
        self.tree.currentItemChanged.connect(lambda item, _old: self._choose(item))
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.detail = QVBoxLayout()
        self._layout()
        self.retranslate()

    def _layout(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.group_label)
        head.addWidget(self.group_box)
        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(self.note)
        column.addLayout(self.detail)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(right)
        self.scroll = scroll
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(scroll)
        split.setStretchFactor(1, 2)
        split.setSizes([380, 620])
        self.tree.setMinimumWidth(260)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 24, 28, 24)
        outer.addLayout(head)
        outer.addWidget(self.hint)
        outer.addWidget(split, 1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Wrong-answer book"))
        self.tree.setAccessibleName(self.tr("Exercises in the wrong-answer book"))
        self.scroll.setAccessibleName(self.tr("The chosen exercise"))
        self.group_label.setText(self.tr("&Group by:"))
        names = (self.tr("Course"), self.tr("Module"), self.tr("Competency"))
        current = max(self.group_box.currentIndex(), 0)
        self.group_box.blockSignals(True)
        self.group_box.clear()
        for key, name in zip(self.GROUPS, names, strict=True):
            self.group_box.addItem(name, key)
        self.group_box.setCurrentIndex(current)
        self.group_box.blockSignals(False)
        self.tree.setHeaderLabels([self.tr("Exercise"), self.tr("Last score")])
        self._show_hint()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def on_shown(self) -> None:
        self.reload()

    def reload(self) -> Any:
        return run_work(self, self.ctx, lambda _p: load_notebook(self.ctx), show_progress=False,
                        on_success=self._loaded)

    def _loaded(self, entries: list[Any]) -> None:
        self.entries = entries
        self._fill()

    def _show_hint(self) -> None:
        self.hint.setText(
            self.tr("%n exercise(s). An exercise leaves the book once you answer it right in two "
                    "reviews about a day apart.", "", len(self.entries))
            if self.entries else self.tr("No wrong answers to go over. Well done!"))

    def _fill(self) -> None:
        from trainer.analytics.notebook import group_title

        by = self.group_box.currentData() or "course"
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for entry in self.entries:
            heading = group_title(entry, by)
            group = groups.get(heading)
            if group is None:
                group = groups[heading] = QTreeWidgetItem(self.tree, [heading, ""])
                group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            score = "" if entry.score is None else f"{round(entry.score * 100)}%"
            item = QTreeWidgetItem(group, [short_question(entry.exercise.question), score])
            item.setData(0, Qt.ItemDataRole.UserRole, entry)
            item.setToolTip(0, f"{entry.pack.title} · {entry.module.title}")
        self.tree.expandAll()
        self.tree.resizeColumnToContents(1)
        self.tree.setColumnWidth(0, max(self.tree.width() - self.tree.columnWidth(1) - 24, 160))
        self._show_hint()
        first = next((groups[h].child(0) for h in groups), None)
        if first is not None:
            self.tree.setCurrentItem(first)
        else:
            self._clear_card()
            self.note.clear()

    def _clear_card(self) -> None:
        if self.card is not None:
            self.detail.removeWidget(self.card)
            self.card.deleteLater()
            self.card = None

    def _choose(self, item: QTreeWidgetItem | None) -> None:
        entry = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if entry is None:
            return
        self._clear_card()
        mode = FeedbackMode.PRACTICE if entry.redo else FeedbackMode.EXAM
        self.card = ExerciseCard(entry.exercise, renderer(entry.pack, entry.module), mode=mode)
        self._restore(entry)
        if entry.redo:
            recorder = AttemptRecorder(self.ctx, entry.pack, self)
            recorder.review_kind = "notebook"
            recorder.attach(self.card)
            self.recorders.append(recorder)
        when = entry.answered_at.astimezone().strftime("%Y-%m-%d %H:%M")
        self.note.setText(
            (self.tr("Your last answer (%1), the right one and the explanation. Press Try again "
                     "to redo it.") if entry.redo else
             self.tr("A question of the final assessment you handed in (%1): to read, not to "
                     "redo.")).replace("%1", when))
        self.detail.addWidget(self.card)
        self.card.show()

    def _restore(self, entry: Any) -> None:
        from trainer.content.grading import grade

        assert self.card is not None
        try:
            self.card.restore(entry.response, grade(entry.exercise, entry.response))
        except (KeyError, IndexError, TypeError, ValueError) as exc:  # the pack changed since
            log.info("Last answer to %s not shown: %s", entry.exercise.id, exc)
