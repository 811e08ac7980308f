"""Ordering (drag to reorder, or Ctrl+Up/Down) and matching (choose each item's partner)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer.content.inline import inline_html, inline_plain
from trainer.ui.common.plain import escape
from trainer.ui.common.wheel import guard_wheel
from trainer.ui.learner.exercises.base import ExerciseInput, pack_label

AUTHOR_INDEX = Qt.ItemDataRole.UserRole


def pair_sides(pair: Any) -> tuple[str, str]:
    """A match pair as (left, right), whether the model gives a tuple or an object."""
    if isinstance(pair, tuple | list):
        return str(pair[0]), str(pair[1])
    return str(pair.left), str(pair.right)


class OrderInput(ExerciseInput):
    """A list the learner rearranges; the response lists author indices in the chosen order.

    The shuffled starting order is not an answer: until the learner moves a step (or an earlier
    answer is restored) the response is None, so an untouched question stays unanswered."""

    def __init__(self, exercise: Any, seed: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(exercise, seed, parent)
        self.moved = False
        self.list = QListWidget()
        self.list.setObjectName("orderList")
        self.list.setAccessibleName(self.tr("Steps to put in order"))
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setWordWrap(True)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for index in self.shuffled(len(exercise.items)):
            item = QListWidgetItem(inline_plain(str(exercise.items[index])))  # rows are plain
            item.setData(AUTHOR_INDEX, index)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.model().rowsMoved.connect(lambda *_: self._moved())
        self.up = QPushButton(self.tr("Move up"))
        self.down = QPushButton(self.tr("Move down"))
        self.up.clicked.connect(lambda: self.move_current(-1))
        self.down.clicked.connect(lambda: self.move_current(1))
        self.list.installEventFilter(self)
        self._refit = QTimer(self)  # owned, so it never fires after the widget is gone
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_height)
        self.solution = pack_label("", "solution")
        self.solution.hide()
        buttons = QHBoxLayout()  # below the hint, so a narrow column never scrolls sideways
        hint = QLabel(self.tr("Drag the steps, or select one and press Ctrl+↑ / Ctrl+↓."))
        self.list.setAccessibleDescription(hint.text())  # how to reorder, read out on focus
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons.addStretch(1)
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.solution)
        self._fit_height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Ctrl+Up / Ctrl+Down move the selected step (the keyboard way to reorder)."""
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            key_event = QKeyEvent(event) if not isinstance(event, QKeyEvent) else event
            if key_event.modifiers() & Qt.KeyboardModifier.ControlModifier and key_event.key() in (
                    Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_current(-1 if key_event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        refit = getattr(self, "_refit", None)
        if refit is not None and event.type() in (QEvent.Type.FontChange,
                                                  QEvent.Type.StyleChange):
            refit.start()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        rows = sum(self.list.sizeHintForRow(r) for r in range(self.list.count()))
        self.list.setFixedHeight(rows + 2 * self.list.frameWidth() + 6)

    def _moved(self) -> None:
        self.moved = True
        self.changed.emit()

    def move_current(self, step: int) -> None:
        """Keyboard alternative to dragging: move the selected step up or down."""
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count() or not self.list.isEnabled():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.moved = True
        self.changed.emit()

    def order(self) -> list[int]:
        return [int(self.list.item(r).data(AUTHOR_INDEX)) for r in range(self.list.count())]

    def response(self) -> dict[str, Any] | None:
        return {"order": self.order()} if self.moved else None

    def set_response(self, response: dict[str, Any]) -> None:
        wanted = [int(i) for i in response.get("order", [])]
        if sorted(wanted) != list(range(self.list.count())):
            return
        items = {int(self.list.item(r).data(AUTHOR_INDEX)): r for r in range(self.list.count())}
        taken = {i: self.list.item(r) for i, r in items.items()}
        for _ in range(self.list.count()):
            self.list.takeItem(0)
        for index in wanted:
            self.list.addItem(taken[index])
        self.moved = True  # an earlier answer is an answer (no ``changed``: not a new edit)

    def set_locked(self, locked: bool) -> None:
        self.list.setEnabled(not locked)
        self.up.setEnabled(not locked)
        self.down.setEnabled(not locked)

    def show_solution(self, show: bool) -> None:
        steps = "<br>".join(f"{n}. {inline_html(str(text))}"
                            for n, text in enumerate(self.exercise.items, 1))
        self.solution.setText(escape(self.tr("Correct order:")) + "<br>" + steps)
        self.solution.setVisible(show)


class MatchInput(ExerciseInput):
    """Each left item gets a drop-down of the (shuffled) right items to choose its partner from.

    The response holds the partners chosen so far (None until the first one), so a half-done
    question is graded on what was picked and an untouched one stays unanswered."""

    def __init__(self, exercise: Any, seed: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(exercise, seed, parent)
        sides = [pair_sides(p) for p in exercise.pairs]
        right_order = self.shuffled(len(sides))
        grid = QGridLayout(self)  # each item above its drop-down: long texts wrap, never scroll
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(4)
        self.combos: list[QComboBox] = []
        self.marks: list[QLabel] = []
        for row, (left, _right) in enumerate(sides):
            label = pack_label(left)
            combo = _partner_box([(self.tr("Choose…"), None)]  # drop-down rows are plain
                                 + [(inline_plain(sides[index][1]), index) for index in right_order])
            combo.setAccessibleName(self.tr("Partner of %1").replace("%1", inline_plain(left)))
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            label.setBuddy(combo)
            mark = pack_label("", "solution")
            mark.hide()
            grid.addWidget(label, 3 * row, 0)
            grid.addWidget(combo, 3 * row + 1, 0)
            grid.addWidget(mark, 3 * row + 2, 0)
            if row:
                grid.setRowMinimumHeight(3 * row, label.fontMetrics().height() + 12)
            self.combos.append(combo)
            self.marks.append(mark)
        self._sides = sides

    def choose(self, left: int, right: int) -> None:
        """Pick ``right`` (author index) as the partner of ``left`` (used by tests and restore)."""
        combo = self.combos[left]
        combo.setCurrentIndex(max(0, combo.findData(right)))

    def response(self) -> dict[str, Any] | None:
        chosen = {str(left): int(combo.currentData()) for left, combo in enumerate(self.combos)
                  if combo.currentData() is not None}
        return {"pairs": chosen} if chosen else None

    def complete(self) -> bool:
        return all(combo.currentData() is not None for combo in self.combos)

    def set_response(self, response: dict[str, Any]) -> None:
        for left, right in dict(response.get("pairs", {})).items():
            if 0 <= int(left) < len(self.combos):
                self.choose(int(left), int(right))

    def show_solution(self, show: bool) -> None:
        for left, (combo, mark) in enumerate(zip(self.combos, self.marks, strict=True)):
            right_text = self._sides[left][1]
            ok = combo.currentData() == left
            partner = escape(self.tr("Correct partner: %1")).replace("%1", inline_html(right_text))
            mark.setText("" if ok else partner)
            mark.setVisible(show and not ok)
            combo.setProperty("state", ("right" if ok else "wrong") if show else "")
            combo.style().unpolish(combo)
            combo.style().polish(combo)


def _partner_box(items: list[tuple[str, int | None]]) -> QComboBox:
    """A drop-down as narrow as the column allows (not as wide as its longest choice); the
    list wraps long choices and the chosen one is readable in full as a tooltip."""
    combo = guard_wheel(QComboBox())
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    combo.view().setWordWrap(True)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
    for text, data in items:
        combo.addItem(text, data)
        combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
    combo.currentIndexChanged.connect(lambda i: combo.setToolTip(combo.itemText(i) if i > 0 else ""))
    return combo

