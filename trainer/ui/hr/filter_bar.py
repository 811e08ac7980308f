"""The HR screen's filter row: department, job role, course and an optional date range.

It only turns choices into a ``CohortFilter`` (analytics) and says when they change; the
screen decides when to query.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from trainer.analytics.filters import CohortFilter
from trainer.ui.common.wheel import guard_wheel


class FilterBar(QWidget):
    """Combo boxes and dates; ``changed`` fires whenever the filter they describe changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.department = guard_wheel(QComboBox())
        self.role = guard_wheel(QComboBox())
        self.course = guard_wheel(QComboBox())
        for box in (self.department, self.role, self.course):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.use_since = QCheckBox()
        self.use_until = QCheckBox()
        self.since = guard_wheel(QDateEdit(QDate.currentDate().addMonths(-3)))
        self.until = guard_wheel(QDateEdit(QDate.currentDate()))
        for check, edit in ((self.use_since, self.since), (self.use_until, self.until)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(lambda _on: self.changed.emit())
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.labels = [QLabel() for _ in range(3)]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, box in zip(self.labels, (self.department, self.role, self.course),
                              strict=True):
            label.setBuddy(box)
            layout.addWidget(label)
            layout.addWidget(box)
        for widget in (self.use_since, self.since, self.use_until, self.until):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.labels[0].setText(self.tr("&Department"))
        self.labels[1].setText(self.tr("Job &role"))
        self.labels[2].setText(self.tr("&Course"))
        self.use_since.setText(self.tr("From"))
        self.use_until.setText(self.tr("to"))
        self.since.setAccessibleName(self.tr("From date"))
        self.until.setAccessibleName(self.tr("To date"))
        tip = self.tr("Answers, last activity, completed modules and passed final assessments "
                      "count inside the dates; scores and levels are where each learner stood "
                      "at the end of the last day.")
        for widget in (self.use_since, self.since, self.use_until, self.until):
            widget.setToolTip(tip)
        for box in (self.department, self.role, self.course):
            if box.count():
                box.setItemText(0, self.tr("All"))

    def set_choices(self, departments: Sequence[str], roles: Sequence[tuple[str, str]],
                    courses: Sequence[tuple[str, str]]) -> None:
        """Fill the boxes (keeping what was chosen when it still exists), without signals."""
        self._fill(self.department, [(d, d) for d in departments])
        self._fill(self.role, roles)
        self._fill(self.course, courses)

    def _fill(self, box: QComboBox, items: Sequence[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("All"), None)
        for value, title in items:
            box.addItem(title, value)
        found = box.findData(current) if current is not None else 0
        box.setCurrentIndex(max(found, 0))
        box.blockSignals(False)

    def choose(self, *, department: str | None = None, role: str | None = None,
               course: str | None = None, since: date | None = None,
               until: date | None = None) -> None:
        """Set several filters at once (drill-down links, tests); one ``changed`` signal."""
        self.blockSignals(True)
        for box, value in ((self.department, department), (self.role, role),
                           (self.course, course)):
            box.setCurrentIndex(max(box.findData(value), 0) if value is not None else 0)
        for check, edit, day in ((self.use_since, self.since, since),
                                 (self.use_until, self.until, until)):
            check.setChecked(day is not None)
            if day is not None:
                edit.setDate(QDate(day.year, day.month, day.day))
        self.blockSignals(False)
        self.changed.emit()

    def current(self) -> CohortFilter:
        """The filter as chosen; raises InvalidFilter when the start is after the end."""
        return CohortFilter(
            department=self.department.currentData(), role=self.role.currentData(),
            course=self.course.currentData(),
            since=_day(self.since) if self.use_since.isChecked() else None,
            until=_day(self.until) if self.use_until.isChecked() else None)


def _day(edit: QDateEdit) -> date:
    value: Any = edit.date()
    return date(value.year(), value.month(), value.day())
