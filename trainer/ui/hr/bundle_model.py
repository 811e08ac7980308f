"""Table model for a progress-bundle preview: each learner in the bundle and what merging adds."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from trainer.store.exchange import LearnerChange, MergePlan
from trainer.ui.hr.models import FilteredRowsModel

Index = QModelIndex | QPersistentModelIndex


def brings_something(change: LearnerChange) -> bool:
    return change.action != "unchanged" or bool(change.new_attempts or change.lesson_changes)


class MergePlanModel(FilteredRowsModel):
    """Learners of a ``MergePlan``; ``set_only_changes`` hides those that bring nothing new."""

    COLUMNS = ("employee_no", "name", "department", "profile", "new_attempts", "lesson_changes")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent, filtered=True)

    def keep(self, row: LearnerChange) -> bool:
        return brings_something(row)

    def set_plan(self, plan: MergePlan | None) -> None:
        self.set_rows(plan.learners if plan is not None else ())

    def set_only_changes(self, only: bool) -> None:
        self.set_filtered(only)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Employee no."), self.tr("Name"), self.tr("Department"),
                  self.tr("On this machine"), self.tr("New answers"),
                  self.tr("Lesson records"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        change = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("new_attempts",
                                                                    "lesson_changes"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "profile":
            return {"new": self.tr("New here"), "updated": self.tr("Profile updated"),
                    "unchanged": self.tr("Already here")}.get(change.action, change.action)
        value = getattr(change, column)
        return value if value is not None else ""
