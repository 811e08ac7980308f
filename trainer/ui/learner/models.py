"""Qt item models for the learner screens: the sign-in list and the course outline.

They adapt plain service results (``LearnerInfo``, module states) to views; no SQL here.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCollator,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from trainer.analytics.namesearch import matches, person_key, pinyin_loaded, query_words
from trainer.ui.learner.sitting import percent_text

LEARNER_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 2
HTML_ROLE = Qt.ItemDataRole.UserRole + 4
MODULE_ID_ROLE = Qt.ItemDataRole.UserRole + 3
ModelIndex = QModelIndex | QPersistentModelIndex


class LearnerListModel(QAbstractListModel):
    """The learners on this machine, one row each: name over employee number and department."""

    def __init__(self, learners: Sequence[Any] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._learners: list[Any] = by_name(learners)
        self._keys: list[str] = search_keys(self._learners)

    def set_learners(self, learners: Sequence[Any]) -> None:
        self.beginResetModel()
        self._learners = by_name(learners)
        # once per load, not per keystroke; pinyin only if it needs no import (first paint)
        self._keys = search_keys(self._learners, pinyin_loaded())
        self.endResetModel()

    def set_search_keys(self, learners: Sequence[Any], keys: list[str]) -> bool:
        """Take keys built on a worker (with pinyin) for ``learners``, if they are still the
        ones shown (in the order ``by_name`` gave both)."""
        if [learner.id for learner in learners] != [learner.id for learner in self._learners]:
            return False
        self._keys = keys
        return True

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
            return f"{learner.name}\n{learner_details(learner)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{learner.name}, {learner_details(learner)}"
        if role == HTML_ROLE:
            return (f"<div style='font-size:16px'>{html.escape(learner.name)}</div>"
                    f"<div style='font-size:13px'>{html.escape(learner_details(learner))}</div>")
        if role == LEARNER_ROLE:
            return learner
        if role == SEARCH_TEXT_ROLE:
            return self._keys[index.row()]
        return None

    def search_keys(self) -> list[str]:
        """Each row's search key: name (with pinyin), employee number, department (pinyin)."""
        return self._keys


def search_keys(learners: Sequence[Any], pinyin: bool = True) -> list[str]:
    """Each learner's search key (``namesearch.person_key``; the readings are cached)."""
    return [person_key(str(learner.name), str(learner.employee_no), learner.department,
                       pinyin=pinyin) for learner in learners]


def by_name(learners: Sequence[Any]) -> list[Any]:
    """Learners in Chinese dictionary order (pinyin, Qt's ICU collation for zh_CN: 陈 before
    张), then by employee number; 10,000 names sort in about 30 ms."""
    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ordered = sorted(learners, key=lambda learner: str(learner.employee_no))
    return sorted(ordered, key=lambda learner: collator.sortKey(str(learner.name)))


def learner_details(learner: Any) -> str:
    parts = [learner.employee_no, learner.department or ""]
    if learner.has_pin:
        parts.append(QCoreApplication.translate("LearnerListModel", "PIN"))
    return "  ·  ".join(p for p in parts if p)


class LearnerFilter(QSortFilterProxyModel):
    """Keeps the rows whose name, employee number or department contains every typed word,
    as written or in pinyin (full or initials: 张伟 by ``zhangwei`` or ``zw``)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._accepted: list[bool] | None = None
        self._accepted_keys: list[str] | None = None
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def refilter(self) -> None:
        """Apply the query again (the source's search keys changed)."""
        self.beginFilterChange()
        self._accepted = None
        self.endFilterChange()

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._words = query_words(query)
        self._accepted = None
        self.endFilterChange()

    def _decisions(self) -> list[bool] | None:
        """Every row decided in one list pass over the keys built when the list loaded (so
        Qt's per-row question is a look-up); redone when the learners are reloaded."""
        model = self.sourceModel()
        if not isinstance(model, LearnerListModel):
            return None
        keys = model.search_keys()
        if self._accepted is None or self._accepted_keys is not keys:
            self._accepted = [matches(key, self._words) for key in keys]
            self._accepted_keys = keys
        return self._accepted

    def filterAcceptsRow(self, row: int, parent: ModelIndex) -> bool:  # noqa: N802
        if not self._words:
            return True
        decided = self._decisions()
        if decided is not None:
            return decided[row]
        return matches(self.sourceModel().index(row, 0, parent).data(SEARCH_TEXT_ROLE) or "",
                       self._words)


@dataclass(frozen=True)
class OutlineRow:
    """One module in the course outline, with the learner's state."""

    module_id: str
    title: str
    kind: str
    minutes: int
    status: str  # "not_started" | "in_progress" | "completed" | "failed" (a final not passed)
    score: float | None  # 0..1 mean of best exercise scores, None before any attempt


_STATUS_TEXT = {
    "not_started": QT_TRANSLATE_NOOP("OutlineModel", "Not started"),
    "in_progress": QT_TRANSLATE_NOOP("OutlineModel", "In progress"),
    "completed": QT_TRANSLATE_NOOP("OutlineModel", "Done"),
    "failed": QT_TRANSLATE_NOOP("OutlineModel", "Not passed"),
}


def status_text(status: str) -> str:
    return QCoreApplication.translate("OutlineModel", _STATUS_TEXT.get(status, status))


def outline_rows(pack: Any, states: dict[str, Any], best: dict[str, float],
                 sitting: Any = None) -> list[OutlineRow]:
    """Combine the pack's modules with the learner's lesson states and best scores; the final
    assessment shows its best sitting (``sitting.score`` 0–100), not a mix of sittings, and is
    "failed" while no sitting passed."""
    from trainer.analytics.assessment import shown_status

    rows = []
    for module in pack.modules:
        state = states.get(module.id)
        scores = [best[e.id] for e in module.exercises if e.id in best]
        score = sum(scores) / len(scores) if scores else None
        if module.kind == "assessment":
            matches = sitting is not None and getattr(sitting, "module_id", module.id) == module.id
            score = sitting.score / 100 if matches else None
        status = shown_status(module, state.status if state else "not_started", sitting)
        rows.append(OutlineRow(module.id, module.title, module.kind, module.minutes, status,
                               score))
    return rows


def status_icon(status: str, size: int = 18) -> QIcon:
    """Empty ring, half-filled ring, filled disc: readable without colour as well as with it."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor("#1e8e3e") if status == "completed" else QColor("#1a73e8")
    if status == "not_started":
        colour = QColor("#9aa0a6")
    elif status == "failed":
        colour = QColor("#c5221f")
    painter.setPen(QPen(colour, 2))
    rect = QRectF(2, 2, size - 4, size - 4)
    painter.drawEllipse(rect)
    painter.setBrush(colour)
    if status == "completed":
        painter.drawEllipse(rect)
    elif status == "in_progress":
        painter.drawPie(rect, 90 * 16, 180 * 16)
    elif status == "failed":  # a ring crossed out: not passed, readable without colour
        painter.drawLine(rect.topLeft() + QPointF(3, 3), rect.bottomRight() - QPointF(3, 3))
        painter.drawLine(rect.topRight() + QPointF(-3, 3), rect.bottomLeft() + QPointF(3, -3))
    painter.end()
    return QIcon(pixmap)


class OutlineModel(QAbstractListModel):
    """The course outline: number and title over status, time and score."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OutlineRow] = []
        self._icons: dict[str, QIcon] = {}

    def set_rows(self, rows: Sequence[OutlineRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> OutlineRow:
        return self._rows[index]

    def row_of(self, module_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.module_id == module_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {row.title}\n{self.details(row)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.title}, {self.details(row)}"
        if role == HTML_ROLE:
            return (f"<div>{index.row() + 1}. {html.escape(row.title)}</div>"
                    f"<div style='font-size:13px'>{html.escape(self.details(row))}</div>")
        if role == Qt.ItemDataRole.DecorationRole:
            if row.status not in self._icons:
                self._icons[row.status] = status_icon(row.status)
            return self._icons[row.status]
        if role == Qt.ItemDataRole.ToolTipRole:
            return status_text(row.status)
        if role == MODULE_ID_ROLE:
            return row.module_id
        return None

    @staticmethod
    def details(row: OutlineRow) -> str:
        parts = [status_text(row.status)]
        if row.kind == "assessment":
            parts.append(QCoreApplication.translate("OutlineModel", "Final assessment"))
        elif row.kind == "case":
            parts.append(QCoreApplication.translate("OutlineModel", "Case"))
        parts.append(QCoreApplication.translate("OutlineModel", "%1 min")
                     .replace("%1", str(row.minutes)))
        if row.score is not None:  # a sitting keeps its decimal, as on its result page
            score = (percent_text(row.score * 100) if row.kind == "assessment"
                     else str(round(row.score * 100)))
            parts.append(QCoreApplication.translate("OutlineModel", "Score %1%").replace("%1", score))
        return "  ·  ".join(parts)
