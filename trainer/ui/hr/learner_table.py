"""HR's learner table for a whole organisation: rows fetched as the view scrolls, sorted and
searched in SQL, so the first rows show long before the whole table is gathered.

The model keeps the ordered ids of the table's rows (``analytics.people.table_ids``: the
order and the search are SQL) and the rows read so far. Before the report's figures are
gathered, a page's rows come from ``cohort.learner_table(..., only=ids)`` — the very values
the whole table holds for them; once they are gathered (the exports and charts need them
anyway), rows come from there, and a column SQL cannot sort (completion, scores, answers)
is sorted by its values — until then such a sort waits for them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from trainer.reports.tables import Column
from trainer.ui.common.plain import plain_tip
from trainer.ui.hr.models import NUMERIC, RowRole, ValueRole, display

log = logging.getLogger(__name__)
PAGE = 100
AnyIndex = QModelIndex | QPersistentModelIndex
IdsFn = Callable[[Sequence[str], str | None, bool], list[int]]  # words, order, descending
RowsFn = Callable[[Sequence[int]], list[Any]]  # LearnerRows of these ids


_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, ValueRole, RowRole,
                    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole})


def fit_columns(view: Any, columns: Sequence[Column]) -> None:
    """Column widths from each column's width in characters (the one the XLSX export uses)
    and its header, not from the cells: measuring a page of cells asks for ~20,000 values."""
    metrics = view.fontMetrics()
    header = view.horizontalHeader()
    for section, column in enumerate(columns):
        header.resizeSection(section, max(metrics.averageCharWidth() * column.width,
                                          metrics.horizontalAdvance(column.header)) + 24)


class LearnerTableModel(QAbstractTableModel):
    """See the module docstring. ``column_of``, ``ValueRole`` and ``RowRole`` as in
    ``ReportTableModel``, so the screen and the tests read both alike."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns: list[Column] = []
        self._ids: list[int] = []
        self._shown = 0
        self._rows: dict[int, Any] = {}
        self._values: dict[int, list[Any]] = {}
        self._ids_fn: IdsFn | None = None
        self._rows_fn: RowsFn | None = None
        self._complete = False
        self._words: tuple[str, ...] = ()
        self._sort: tuple[int, bool] | None = None  # column, descending
        self._first = False
        self.sql_orders: tuple[str, ...] = ()

    # --- sources ------------------------------------------------------------------------------

    def begin(self, ids_fn: IdsFn, rows_fn: RowsFn, sql_orders: Sequence[str]) -> None:
        """A new filter: how to read its ids and rows (the rows shown stay until it comes)."""
        self._ids_fn, self._rows_fn, self.sql_orders = ids_fn, rows_fn, tuple(sql_orders)
        self._complete = False
        self._first = False

    def show_first(self, columns: Sequence[Column], ids: Sequence[int],
                   rows: Sequence[Any]) -> None:
        """The new filter's first page (read on a worker), in the current search and order
        if they changed meanwhile."""
        if self._complete:
            return  # the whole table came first
        self.beginResetModel()
        self.columns, self._ids = list(columns), list(ids)
        self._rows = {r.learner_id: r for r in rows}
        self._values = {}
        self._shown = min(len(self._ids), PAGE)
        self._first = True
        self.endResetModel()
        if self._words or self._sort is not None:
            self._reorder()

    def show_all(self, columns: Sequence[Column], rows: Sequence[Any]) -> None:
        """Every row's figures are gathered: read rows from them, and apply a sort by values
        asked for meanwhile. The rows fetched so far stay fetched."""
        self._complete = True
        if self._first and len(columns) == len(self.columns):  # same rows: the selection stays
            self.columns = list(columns)
            self._rows = {r.learner_id: r for r in rows}
            self._values = {}
            if self._shown:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(self._shown - 1, len(self.columns) - 1))
        else:
            self.beginResetModel()
            self.columns = list(columns)
            self._rows = {r.learner_id: r for r in rows}
            self._values = {}
            if not self._first:  # no first page came: the figures' order (the same as SQL's)
                self._ids = [r.learner_id for r in rows]
                self._shown = min(len(self._ids), PAGE)
            self.endResetModel()
        if self._words or self._sort is not None:
            self._reorder()

    # --- fetching -----------------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: N802, B008
        if not self.canFetchMore(parent):
            return
        more = self._ids[self._shown:self._shown + PAGE]
        missing = [i for i in more if i not in self._rows]
        if missing and self._rows_fn is not None:
            try:
                self._rows.update((r.learner_id, r) for r in self._rows_fn(missing))
            except Exception as exc:  # noqa: BLE001 - the rows stay unread; the figures follow
                log.warning("Could not read more of the learner table: %s", exc)
                return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + len(more) - 1)
        self._shown += len(more)
        self.endInsertRows()

    # --- sorting and searching ----------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._reorder(keep=True)

    def set_search(self, text: str) -> None:
        """Keep the rows whose name, number or department contains every typed word (as
        written or in pinyin), in SQL."""
        from trainer.analytics.namesearch import query_words

        self._words = tuple(query_words(text))
        self._reorder()

    def _by_sql(self, column: int) -> bool:
        return self.columns[column].key in self.sql_orders

    def _reorder(self, keep: bool = False) -> None:
        """New ids for the current search and sort: the first page of them (as many rows as
        were shown, with ``keep``); selected learners keep their selection where shown."""
        if self._ids_fn is None:
            return
        sort = self._sort
        key = self.columns[sort[0]].key if sort and self._by_sql(sort[0]) else None
        try:
            ids = self._ids_fn(self._words, key, bool(sort and sort[1]))
        except Exception as exc:  # noqa: BLE001 - the table stays as it was
            log.warning("Could not search the learner table: %s", exc)
            return
        if sort is not None and key is None:
            if not self._complete:
                return  # a sort by figures waits for them (show_all applies it)
            ids = self._sorted_by_values(ids, sort[0], sort[1])
        shown = max(PAGE, self._shown) if keep else PAGE
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        learners = [self._ids[i.row()] if i.row() < len(self._ids) else None for i in old]
        self._ids, self._shown = ids, min(len(ids), shown)
        self._ensure_rows(self._ids[:self._shown])
        where = {learner: row for row, learner in enumerate(self._ids[:self._shown])}
        self.changePersistentIndexList(old, [
            self.index(where[learner], i.column()) if learner in where else QModelIndex()
            for i, learner in zip(old, learners, strict=True)])
        self.layoutChanged.emit()

    def _ensure_rows(self, ids: Sequence[int]) -> None:
        missing = [i for i in ids if i not in self._rows]
        if missing and self._rows_fn is not None:
            self._rows.update((r.learner_id, r) for r in self._rows_fn(missing))

    def _sorted_by_values(self, ids: list[int], column: int, descending: bool) -> list[int]:
        """By a column's values (numbers as numbers), empty cells last either way."""
        get = self.columns[column].value
        values = {i: get(self._rows[i]) for i in ids if i in self._rows}
        present = [i for i in ids if values.get(i) is not None]
        empty = [i for i in ids if values.get(i) is None]
        text = any(isinstance(values[i], str) for i in present)
        present.sort(key=lambda i: str(values[i]).casefold() if text else values[i],
                     reverse=descending)
        return present + empty

    # --- reading ------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """Rows in the table (fetched or not)."""
        return len(self._ids)

    def column_of(self, key: str) -> int:
        return next((i for i, c in enumerate(self.columns) if c.key == key), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def _cells(self, row: int) -> tuple[Any, list[Any]] | None:
        learner = self._ids[row] if 0 <= row < self._shown else None
        item = self._rows.get(learner) if learner is not None else None
        if item is None:
            return None
        if learner not in self._values:
            self._values[learner] = [c.value(item) for c in self.columns]
        return item, self._values[learner]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:  # a view asks ~10 roles per cell: answer the rest at once
            return None
        found = self._cells(index.row()) if index.isValid() else None
        if found is None:
            return None
        item, values = found
        column, value = self.columns[index.column()], values[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(value, column.kind)
        if role == ValueRole:
            return value
        if role == RowRole:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (Qt.AlignmentFlag.AlignRight if column.kind in NUMERIC
                          else Qt.AlignmentFlag.AlignLeft)
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "text" and value:
            return plain_tip(str(value))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            header = self.columns[section].header
            return header if role == Qt.ItemDataRole.DisplayRole else plain_tip(header)
        return None
