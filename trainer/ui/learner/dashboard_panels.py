"""The non-chart parts of "My progress": summary tiles, study advice, the retry list and the
certificates of passed courses. Each panel only shows values and emits what the learner asked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.analytics.learner import WrongExercise
from trainer.analytics.recommend import Recommendation
from trainer.content.model import Framework, Pack
from trainer.ui.common.elide import ElidingButton
from trainer.ui.common.plain import escape, plain_label, plain_tip


def plain_question(markdown: str, limit: int = 70) -> str:
    """The first line of a question without Markdown marks, shortened for a table cell."""
    text = " ".join(line.strip() for line in markdown.strip().splitlines()[:3])
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*`#>]+", "", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Tile(QFrame):
    """A big figure with a caption (study time, answers this week …)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("DashboardTile")
        self.value = QLabel()
        self.value.setObjectName("TileValue")
        self.value.setStyleSheet("font-size: 22px; font-weight: 600;")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: str, caption: str) -> None:
        self.value.setText(value)
        self.caption.setText(caption)


def _clear(layout: Any) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()  # at once: deleteLater only acts on the next turn of the event loop
            widget.deleteLater()


class RecommendationsPanel(QWidget):
    """For each of the largest gaps: what it is, then one button per module to study."""

    openRequested = Signal(str, str, str)  # pack id, module id, first exercise id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[ElidingButton] = []

    def show_advice(self, advice: Sequence[Recommendation], framework: Framework | None,
                    titles: dict[tuple[str, str], str], *, role_chosen: bool,
                    empty_text: str | None = None, subject: str | None = None) -> None:
        """``empty_text``: what to say without a role when there is nothing left to advise;
        ``subject``: the learner's name when someone else (HR) looks at their advice."""
        _clear(self.box)
        self.buttons = []
        if not advice:
            if subject is not None:
                text = (self.tr("%1 has reached every target of the role profile.")
                        if role_chosen else empty_text or
                        self.tr("%1 has not answered enough exercises for advice yet."))
                text = text.replace("%1", subject)
            else:
                text = (self.tr("Every target of your role profile is reached. Well done!")
                        if role_chosen else empty_text or
                        self.tr("Answer a few exercises to get advice on what to study."))
            empty = QLabel(text)
            empty.setWordWrap(True)
            self.box.addWidget(empty)
        for item in advice:
            self.box.addWidget(self._heading(item, framework))
            for suggestion in item.suggestions:
                title = titles.get((suggestion.pack_id, suggestion.module_id),
                                   suggestion.module_title)
                todo = len(suggestion.exercise_ids)
                button = ElidingButton(self.tr("Study “%1” — %n exercise(s) to master", "",
                                               todo).replace("%1", title),
                                       mode=Qt.TextElideMode.ElideMiddle)
                button.setToolTip(self.tr("Opens the module at its first exercise not "
                                          "mastered yet."))
                button.setStyleSheet("text-align: left; padding: 5px 10px;")
                button.clicked.connect(
                    lambda _=False, s=suggestion: self.openRequested.emit(
                        s.pack_id, s.module_id, s.exercise_ids[0]))
                self.box.addWidget(button)
                self.buttons.append(button)
        self.box.addStretch(1)

    def _heading(self, item: Recommendation, framework: Framework | None) -> QLabel:
        gap = item.gap
        titles = {c.id: c.title for c in framework.competencies} if framework else {}
        levels = {level.id: level.name for level in framework.levels} if framework else {}
        name = titles.get(gap.competency_id, gap.competency_id)
        if gap.level is not None and gap.score is not None:
            now = (self.tr("%1 (%n point(s))", "", round(gap.score))
                   .replace("%1", levels.get(gap.level.id, gap.level.name)))
        else:
            now = self.tr("not assessed yet")
        target = levels.get(gap.target.id, gap.target.name)
        label = QLabel(self.tr("<b>%1</b>: now %2, target %3").replace("%1", escape(name))
                       .replace("%2", escape(now)).replace("%3", escape(target)))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        return label


class RetryTable(QTableWidget):
    """Exercises answered but not yet mastered, newest first, each with a Retry button."""

    retryRequested = Signal(str, str)  # pack id, exercise id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.cellDoubleClicked.connect(lambda row, _col: self._retry(row))
        self.items: list[WrongExercise] = []

    def show_items(self, items: Sequence[WrongExercise], packs: dict[str, Pack],
                   limit: int = 50) -> None:
        self.items = list(items)[:limit]
        self.setRowCount(0)  # drops the old rows' Retry buttons
        self.setHorizontalHeaderLabels([self.tr("Module"), self.tr("Question"),
                                        self.tr("Best"), self.tr("Tries"), ""])
        self.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            pack = packs[item.pack_id]
            module = pack.module(item.module_id)
            question = plain_question(pack.exercise(item.exercise_id).question)
            cells = [module.title, question, f"{item.best * 100:.0f}%", str(item.tries)]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column >= 2:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(row, column, cell)
            button = QPushButton(self.tr("Retry"))
            button.clicked.connect(lambda _=False, r=row: self._retry(r))
            self.setCellWidget(row, 4, button)
        self.setVisible(bool(self.items))
        rows = min(len(self.items), 8)  # the page scrolls; the table need not
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        self.setFixedHeight(height + sum(self.rowHeight(r) for r in range(rows)) + 4)

    def _retry(self, row: int) -> None:
        if 0 <= row < len(self.items):
            item = self.items[row]
            self.retryRequested.emit(item.pack_id, item.exercise_id)


class CertificatesPanel(QWidget):
    """Passed courses with a button to save their certificate, and a way to check a code."""

    saveRequested = Signal(str)  # pack id
    verifyRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)

    def show_passed(self, passed: Sequence[tuple[str, str, str]],
                    subject: str | None = None) -> None:
        """``passed``: (pack id, course title, "passed on … with …") per course; ``subject``
        names the learner when someone else (HR) is looking."""
        _clear(self.box)
        if not passed:
            note = QLabel(self.tr("Pass a course's final assessment to receive its certificate.")
                          if subject is None else
                          self.tr("%1 has not passed a final assessment yet.")
                          .replace("%1", subject))
            note.setWordWrap(True)
            self.box.addWidget(note)
        for pack_id, title, detail in passed:
            row = QHBoxLayout()
            label = QLabel(f"<b>{_escape(title)}</b><br>{_escape(detail)}")
            label.setWordWrap(True)
            row.addWidget(label, 1)
            button = QPushButton(self.tr("Save Certificate…"))
            button.clicked.connect(lambda _=False, p=pack_id: self.saveRequested.emit(p))
            row.addWidget(button)
            holder = QWidget()
            holder.setLayout(row)
            self.box.addWidget(holder)
        verify = QPushButton(self.tr("Check a Certificate Code…"))
        verify.clicked.connect(self.verifyRequested.emit)
        self.box.addWidget(verify, 0, Qt.AlignmentFlag.AlignLeft)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


STATUS_COLOURS = {"completed": ("#009E73", "#2FBF8F"), "in_progress": ("#E69F00", "#E69F00"),
                  "not_started": ("#a9aeb8", "#4a4f58"),
                  "failed": ("#D55E00", "#E07B39")}  # Okabe-Ito green / orange, grey, vermilion


class CompletionList(QWidget):
    """One row per module: its title (click to open it), a progress bar, and the status."""

    openRequested = Signal(str, str)  # pack id, module id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain_label()
        self.title.setStyleSheet("font-size: 15px;")
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(10)
        self.rows.setVerticalSpacing(3)
        self.rows.setColumnStretch(0, 3)
        self.rows.setColumnStretch(1, 2)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.title)
        box.addLayout(self.rows)
        box.addStretch(1)
        self.buttons: list[ElidingButton] = []
        self.bars: list[QProgressBar] = []

    def show_rows(self, pack_id: str, title: str,
                  rows: Sequence[tuple[str, str, float, str, str, str]], *, dark: bool) -> None:
        """``rows``: (module id, title, percent, status key, status text, details)."""
        _clear(self.rows)
        self.title.setText(title)
        self.buttons, self.bars = [], []
        self._style(dark)
        for index, (module_id, name, percent, status, status_text, note) in enumerate(rows):
            button = ElidingButton(name)
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(self.tr("Open this module"))
            button.clicked.connect(lambda _=False, m=module_id: self.openRequested.emit(pack_id,
                                                                                        m))
            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setValue(round(percent))
            bar.setFormat(f"{percent:.0f}%")
            bar.setMaximumHeight(14)
            bar.setToolTip(plain_tip(note))
            bar.setProperty("status", status if status in STATUS_COLOURS else "not_started")
            label = QLabel(status_text)
            self.rows.addWidget(button, index, 0)
            self.rows.addWidget(bar, index, 1)
            self.rows.addWidget(label, index, 2)
            self.buttons.append(button)
            self.bars.append(bar)

    def _style(self, dark: bool) -> None:
        """One style sheet for all rows (a sheet per widget would be parsed 50 times)."""
        rules = ["QPushButton { text-align: left; padding: 1px 2px; }",
                 "QProgressBar { text-align: center; font-size: 10px; }"]
        rules += [f'QProgressBar[status="{key}"]::chunk {{ background: {colours[int(dark)]}; }}'
                  for key, colours in STATUS_COLOURS.items()]
        sheet = "\n".join(rules)
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)
