"""Qt item models for the learner screens: the sign-in list and the course outline.

They adapt plain service results (``LearnerInfo``, module states) to views; no SQL here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

LEARNER_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
ModelIndex = QModelIndex | QPersistentModelIndex


def fold(text: str) -> str:
    """Case-, width- and space-insensitive form for matching (``ＺＨＡＮＧ`` finds ``zhang``)."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


class LearnerListModel(QAbstractListModel):
    """The learners on this machine, one row each: name over employee number and department."""

    def __init__(self, learners: Sequence[Any] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._learners: list[Any] = list(learners)

    def set_learners(self, learners: Sequence[Any]) -> None:
        self.beginResetModel()
        self._learners = list(learners)
        self.endResetModel()

    def learner(self, row: int) -> Any:
        return self._learners[row]

    def row_of(self, learner_id: Any) -> int:
        for row, learner in enumerate(self._learners):
            if learner.id == learner_id:
                return row
        return -1

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._learners)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._learners):
            return None
        learner = self._learners[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{learner.name}\n{_details(learner)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{learner.name}, {_details(learner)}"
        if role == LEARNER_ROLE:
            return learner
        if role == SEARCH_TEXT_ROLE:
            return fold(" ".join([learner.name, learner.employee_no, learner.department or ""]))
        return None


def _details(learner: Any) -> str:
    parts = [learner.employee_no, learner.department or ""]
    if learner.has_pin:
        parts.append(QCoreApplication.translate("LearnerListModel", "PIN"))
    return "  ·  ".join(p for p in parts if p)


class LearnerFilter(QSortFilterProxyModel):
    """Keeps the rows whose name, employee number or department contains every typed word."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._words = [fold(w) for w in query.split() if fold(w)]
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: ModelIndex) -> bool:  # noqa: N802
        if not self._words:
            return True
        text = self.sourceModel().index(row, 0, parent).data(SEARCH_TEXT_ROLE) or ""
        return all(word in text for word in self._words)


@dataclass(frozen=True)
class OutlineRow:
    """One module in the course outline, with the learner's state."""

    module_id: str
    title: str
    kind: str
    minutes: int
    status: str  # "not_started" | "in_progress" | "done"
    score: float | None  # 0..1 mean of best exercise scores, None before any attempt
