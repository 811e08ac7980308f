"""“New plan…” on the HR screen's Plans tab: name, period, required 学时, each installed course
as compulsory (with an optional deadline), elective or not in the plan, and whom it is for
(units with their sub-units, job roles, employee numbers). The store checks everything
(``store.plans.create_plan``, HR or administrator, audited); a refused plan keeps the dialog
open with the problems listed, and nothing is saved."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.errors import present_error
from trainer.ui.common.wheel import guard_wheel
from trainer.ui.common.work import Work, run_work

NO_DEADLINE = QDate(2000, 1, 1)  # shown as "no deadline" (the date edit's special value)
KINDS = ("none", "compulsory", "elective")


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class PlanDialog(QDialog):
    """See the module docstring; ``spec()`` is what OK would save."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.work: Work | None = None
        self.setWindowTitle(self.tr("New plan"))
        self.packs = list(ctx.library.packs())
        year = date.today().year
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. %1年度干部网络学习计划").replace("%1", str(year)))
        self.starts = guard_wheel(QDateEdit(QDate(year, 1, 1)))
        self.ends = guard_wheel(QDateEdit(QDate(year, 12, 31)))
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.hours = guard_wheel(QDoubleSpinBox())
        self.hours.setRange(0, 1000)
        self.hours.setDecimals(2)
        self.hours.setSingleStep(0.5)
        self.hours.setValue(50)
        self.courses = self._course_table()
        self.units = self._checklist(self._unit_items())
        self.roles = self._checklist(self._role_items())
        self.people = QLineEdit()
        self.people.setPlaceholderText(self.tr("Employee numbers, separated by commas"))
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        period = QHBoxLayout()
        period.addWidget(self.starts)
        period.addWidget(self.ends)
        form.addRow(self.tr("&Period:"), period)
        form.addRow(self.tr("&Required 学时:"), self.hours)
        form.addRow(self.tr("Courses:"), self.courses)
        audience = QHBoxLayout()
        audience.addWidget(self.units, 3)
        audience.addWidget(self.roles, 2)
        form.addRow(self.tr("For units and job roles:"), audience)
        form.addRow(self.tr("And these &people:"), self.people)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                       | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create plan"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(760, 620)

    def _course_table(self) -> QTableWidget:
        table = QTableWidget(len(self.packs), 3)
        table.setHorizontalHeaderLabels([self.tr("Course"), self.tr("In the plan"),
                                         self.tr("Deadline")])
        table.verticalHeader().setVisible(False)
        self.kind_boxes: dict[str, QComboBox] = {}
        self.deadlines: dict[str, QDateEdit] = {}
        for row, pack in enumerate(self.packs):
            title = QTableWidgetItem(pack.title)  # plain text: a pack's title is never HTML
            title.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 0, title)
            kind = guard_wheel(QComboBox())
            for key, text in zip(KINDS, (self.tr("Not in the plan"), self.tr("Compulsory (必修)"),
                                         self.tr("Elective (选修)")), strict=True):
                kind.addItem(text, key)
            deadline = guard_wheel(QDateEdit(NO_DEADLINE))
            deadline.setMinimumDate(NO_DEADLINE)
            deadline.setSpecialValueText(self.tr("no deadline"))
            deadline.setDisplayFormat("yyyy-MM-dd")
            deadline.setCalendarPopup(True)
            deadline.setEnabled(False)
            kind.currentIndexChanged.connect(
                lambda _i, k=kind, d=deadline: d.setEnabled(k.currentData() == "compulsory"))
            table.setCellWidget(row, 1, kind)
            table.setCellWidget(row, 2, deadline)
            self.kind_boxes[pack.id], self.deadlines[pack.id] = kind, deadline
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _unit_items(self) -> list[tuple[str, str]]:
        from trainer.store.departments import list_departments

        return [("    " * d.name.count("/") + d.name.rsplit("/", 1)[-1], "unit:" + d.name)
                for d in list_departments(self.ctx.db)]

    def _role_items(self) -> list[tuple[str, str]]:
        from trainer.analytics.scoring import merged_framework

        framework = merged_framework(self.packs)
        return [(r.title, "role:" + r.id) for r in framework.roles] if framework else []

    @staticmethod
    def _checklist(items: list[tuple[str, str]]) -> QListWidget:
        widget = QListWidget()
        for text, key in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            widget.addItem(item)
        return widget

    def spec(self) -> Any:
        """The plan the dialog describes (checked by the store when saved)."""
        from trainer.store.plan_spec import PlanCourse, PlanSpec

        courses = []
        for pack_id, box in self.kind_boxes.items():
            kind = box.currentData()
            if kind == "none":
                continue
            edit = self.deadlines[pack_id]
            deadline = (_day(edit) if kind == "compulsory" and edit.date() != NO_DEADLINE
                        else None)
            courses.append(PlanCourse(pack_id, kind == "compulsory", deadline))
        audience = [tuple(str(item.data(Qt.ItemDataRole.UserRole)).split(":", 1))
                    for widget in (self.units, self.roles) for item in
                    (widget.item(i) for i in range(widget.count()))
                    if item.checkState() == Qt.CheckState.Checked]
        audience += [("person", number) for number in re.split(r"[\s,，;；、]+",
                                                               self.people.text()) if number]
        return PlanSpec(self.name.text(), _day(self.starts), _day(self.ends),
                        Decimal(str(round(self.hours.value(), 2))), tuple(courses),
                        tuple((k, v) for k, v in audience))

    def save(self) -> Work:
        from trainer.analytics.plan_report import plan_catalogue

        spec, db, actor = self.spec(), self.ctx.db, self.ctx.user
        courses, roles = plan_catalogue(self.packs)

        def create(_progress: Any) -> Any:
            from trainer.store.plans import create_plan

            return create_plan(db, spec, actor=actor, courses=courses, roles=roles)
        self.buttons.setEnabled(False)
        self.work = run_work(self, self.ctx, create, title=self.tr("Saving the plan…"),
                             changes="plans", on_success=lambda _s: self.accept(),
                             on_failure=self._refused)
        return self.work

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        present_error(self, exc)  # the dialog stays open with what was typed
