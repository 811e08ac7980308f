"""Qt item models for the HR screen: any report table (``reports.tables`` columns) as a model,
and a proxy that sorts by the real values and filters on free text.

The columns are the ones the exports write, so a cell on screen shows the very value a CSV,
XLSX or PDF cell holds (one decimal for scores and percentages).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from trainer.analytics.namesearch import SEPARATOR, matches, name_key, query_words, text_key
from trainer.analytics.rounding import shown
from trainer.reports.tables import Column
from trainer.ui.common.plain import plain_tip

ValueRole = Qt.ItemDataRole.UserRole + 1  # the raw value (sorting, tests)
RowRole = Qt.ItemDataRole.UserRole + 2  # the row object behind a line
AnyIndex = QModelIndex | QPersistentModelIndex
NUMERIC = ("number", "percent", "integer", "hours")


def display(value: Any, kind: str) -> str:
    """How a value reads in a cell (the same rounding as the files)."""
    if value is None or value == "":
        return "—"
    if kind in ("number", "percent"):
        return shown(value)  # 四舍五入, the rule every file follows
    if kind == "hours":  # 学时 come in quarters: 0.25 must not read 0.2
        return shown(value, 2)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def table_values(columns: Sequence[Column], items: Sequence[Any]) -> list[list[Any]]:
    """Every cell's value, row by row (Qt-free: fine on a worker thread)."""
    getters = [c.value for c in columns]
    return [[get(item) for get in getters] for item in items]


class ReportTableModel(QAbstractTableModel):
    """Rows of one report table; values are computed once per row when the rows are set."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns: list[Column] = []
        self.items: list[Any] = []
        self._values: list[list[Any]] = []
        self._keys: list[str] | None = None  # search keys, built on the first search

    def set_rows(self, columns: Sequence[Column], items: Sequence[Any],
                 values: list[list[Any]] | None = None) -> None:
        """Show ``items``; ``values`` (from ``table_values``) may be computed on a worker."""
        self.beginResetModel()
        self.columns = list(columns)
        self.items = list(items)
        self._values = values if values is not None else table_values(self.columns, self.items)
        self._keys = None
        self.endResetModel()

    def search_key(self, row: int) -> str:
        """The row's text cells as a search key (names with pinyin read as names, other text
        with pinyin); built for every row at the first search, not per keystroke."""
        if self._keys is None:
            text = [(i, c.key == "name") for i, c in enumerate(self.columns) if c.kind == "text"]
            self._keys = [SEPARATOR.join((name_key if is_name else text_key)(str(values[i]))
                                         for i, is_name in text if values[i])
                          for values in self._values]
        return self._keys[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        value = self._values[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(value, column.kind)
        if role == ValueRole:
            return value
        if role == RowRole:
            return self.items[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind in NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "text" and value:
            return plain_tip(str(value))  # names come from rosters and packs: never HTML
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole:  # what the figure counts, where it says
            column = self.columns[section]
            return plain_tip(f"{column.header}\n{column.note}" if column.note else column.header)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by a column's values (numbers as numbers, empty cells last either
        way): a Python list sort, far quicker than a proxy comparing 10,000 rows pairwise."""
        if not 0 <= column < len(self.columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        present = [i for i, v in enumerate(self._values) if v[column] is not None]
        empty = [i for i, v in enumerate(self._values) if v[column] is None]
        text = any(isinstance(self._values[i][column], str) for i in present)
        present.sort(key=lambda i: (str(self._values[i][column]).casefold() if text
                                    else self._values[i][column]), reverse=descending)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        position = {old_row: new_row for new_row, old_row in enumerate(present + empty)}
        self.items = [self.items[i] for i in present + empty]
        self._values = [self._values[i] for i in present + empty]
        if self._keys is not None:
            self._keys = [self._keys[i] for i in present + empty]
        self.changePersistentIndexList(
            old, [self.index(position[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    def column_of(self, key: str) -> int:
        """The column number for a column key (e.g. "completion"), -1 if absent."""
        return next((i for i, c in enumerate(self.columns) if c.key == key), -1)


class ReportFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose text columns contain every word typed in the search box, as written
    or in pinyin (full or initials: 张伟 by ``zhangwei`` or ``zw``); sorting is passed on to
    the source model (see ``ReportTableModel.sort``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, ReportTableModel):
            model.sort(column, order)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = query_words(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: AnyIndex) -> bool:  # noqa: N802
        if not self._words:
            return True
        model = self.sourceModel()
        assert isinstance(model, ReportTableModel)
        return matches(model.search_key(row), self._words)


class FilteredRowsModel(QAbstractTableModel):
    """A table of a preview's rows (one per ``COLUMNS`` entry across) that can show all of them
    or only those ``keep`` selects; the roster and progress-bundle previews build on it."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None, *, filtered: bool = False) -> None:
        super().__init__(parent)
        self._all: tuple[Any, ...] = ()
        self._rows: tuple[Any, ...] = ()
        self._filtered = filtered

    def keep(self, row: Any) -> bool:
        """Whether ``row`` shows while filtered."""
        raise NotImplementedError

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._all = tuple(rows)
        self._apply_filter()
        self.endResetModel()

    def set_filtered(self, on: bool) -> None:
        self.beginResetModel()
        self._filtered = on
        self._apply_filter()
        self.endResetModel()

    def _apply_filter(self) -> None:
        self._rows = tuple(r for r in self._all if self.keep(r)) if self._filtered else self._all

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.COLUMNS)
