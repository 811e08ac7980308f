"""Qt item models for the learner screens: the course outline, and the roles and row text of
the sign-in list (whose model, reading the store a page at a time, is ``people_model``).

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
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from trainer.ui.learner.roles import HTML_ROLE, LEARNER_ROLE, MODULE_ID_ROLE, learner_details
from trainer.ui.learner.sitting import percent_text

__all__ = ["HTML_ROLE", "LEARNER_ROLE", "MODULE_ID_ROLE", "OutlineModel", "OutlineRow",
           "learner_details", "outline_rows", "status_text"]
ModelIndex = QModelIndex | QPersistentModelIndex


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

    def rows(self) -> list[OutlineRow]:
        return list(self._rows)

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
