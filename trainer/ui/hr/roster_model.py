"""Table model for the roster preview: one row per roster line, what importing it would do, and
every problem in the user's language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from trainer.store.roster_import import RosterPlan, RowPlan
from trainer.ui.common.counts import counts
from trainer.ui.common.plain import plain_tip
from trainer.ui.hr.models import FilteredRowsModel

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
PROBLEM_COLOUR = QColor("#c62828")


def problem_text(problem: str) -> str:
    """A roster problem in the user's language; unknown codes fall back to the English text."""
    code, args = getattr(problem, "code", ""), getattr(problem, "args", {})
    texts = {
        "missing_number": translate("RosterProblem", "missing employee number"),
        "bad_number": translate("RosterProblem", "employee number %1 may only hold letters, "
                                "digits and . _ / - (at most %2)"),
        "missing_name": translate("RosterProblem", "missing name"),
        "long_name": translate("RosterProblem", "name longer than %1"),
        "long_department": translate("RosterProblem", "department longer than %1"),
        "unit_empty_part": translate("RosterProblem", "unit %1 has an empty part between its / "
                                     "marks (write 局/科)"),
        "unit_too_deep": translate("RosterProblem", "unit %1 has more than %2 levels"),
        "unknown_role": translate("RosterProblem", "unknown role %1 (use 学员, 培训师, 人事, 管理员 "
                                  "or learner, trainer, hr, admin)"),
        "bad_email": translate("RosterProblem", "email %1 is not an address like "
                               "name@example.gov.cn"),
        "short_pin": translate("RosterProblem", "PIN shorter than %1"),
        "long_pin": translate("RosterProblem", "PIN longer than %1"),
        "duplicate": translate("RosterProblem", "duplicate employee number %1 (also on line %2)"),
        "grant_needs_admin": translate("RosterProblem", "only an administrator may give the "
                                       "role %1"),
        "role_needs_pin": translate("RosterProblem", "a %1 account needs a PIN (add a PIN "
                                    "column)"),
        "last_admin": translate("RosterProblem", "%1 is the only administrator and cannot be "
                                "demoted"),
        "lost_zeros": translate("RosterProblem", "employee number %1 looks like %2 without its "
                                "leading zeros (Excel drops them: format the column as text)"),
        "added_zeros": translate("RosterProblem", "employee number %1 looks like the stored "
                                 "%2 with leading zeros: probably the same person (correct the "
                                 "number, or import it as a new person on purpose)"),
        "similar_number": translate("RosterProblem", "employee number %1 differs from %2 on line "
                                    "%3 only by leading zeros: probably the same person"),
        "decimal_number": translate("RosterProblem", "employee number %1 ends in .0, as a "
                                    "program writes a number cell; write %2 (format the column "
                                    "as text before exporting)"),
        "scientific_number": translate("RosterProblem", "employee number %1 was shown by Excel "
                                       "in scientific notation and lost its last digits (format "
                                       "the column as text and type the numbers again)"),
        "line_break": translate("RosterProblem", "the %1 cell holds a line break (remove it: a "
                                "roster cell is one line)"),
        "extra_cells": translate("RosterProblem", "%1 but the header has %2: a %3 inside a "
                                 "cell moves the cells after it (put that cell in quotes)"),
    }
    template = texts.get(code)
    if template is None:
        return str(problem)
    for number, key in enumerate(_ARG_ORDER.get(code, ()), start=1):
        value = args.get(key, "")
        if code in ("grant_needs_admin", "role_needs_pin"):
            value = role_text(value)
        elif code == "line_break":
            value = field_text(_FIELD_KEYS.get(value, value))
        elif code == "extra_cells" and key == "separator":
            value = _separator_text(value)
        elif (code, key) == ("extra_cells", "count") or key == "limit" and code != "bad_number":
            value = _counted(code, key, value)
        template = template.replace(f"%{number}", value)
    return template


def _counted(code: str, key: str, value: str) -> str:
    """A count with its noun ("4 characters", "1 cell"); as given when it is not a number."""
    try:
        number = int(str(value))
    except ValueError:
        return value
    return counts().cells(number) if code == "extra_cells" else counts().characters(number)


# Which argument fills %1, %2 … in each translated problem.
_ARG_ORDER: dict[str, tuple[str, ...]] = {
    "bad_number": ("number", "limit"), "long_name": ("limit",), "long_department": ("limit",),
    "unit_empty_part": ("unit",), "unit_too_deep": ("unit", "limit"),
    "unknown_role": ("role",), "bad_email": ("email",), "short_pin": ("limit",),
    "long_pin": ("limit",), "duplicate": ("number", "lines"), "grant_needs_admin": ("role",),
    "role_needs_pin": ("role",), "last_admin": ("name",), "lost_zeros": ("number", "stored"),
    "added_zeros": ("number", "stored"), "similar_number": ("number", "other", "lines"),
    "scientific_number": ("number",), "decimal_number": ("number", "whole"),
    "line_break": ("field",), "extra_cells": ("count", "width", "separator")}
# The English field titles a problem carries (roster.FIELD_TITLES), back to their keys.
_FIELD_KEYS = {"employee number": "employee_no", "name": "name", "department": "department",
               "parent unit": "parent_unit",
               "role": "role", "email": "email", "PIN": "pin"}


def _separator_text(name: str) -> str:
    names = {"comma": translate("RosterProblem", "comma"),
             "tab": translate("RosterProblem", "tab"),
             "semicolon": translate("RosterProblem", "semicolon"),
             "vertical bar": translate("RosterProblem", "vertical bar")}
    return names.get(name, name)


def role_text(role: str | None) -> str:
    names = {"learner": translate("Roles", "learner"), "trainer": translate("Roles", "trainer"),
             "hr": translate("Roles", "HR"), "admin": translate("Roles", "administrator")}
    return names.get(role or "", role or "")


def field_text(field: str) -> str:
    names = {"employee_no": translate("RosterFields", "employee number"),
             "name": translate("RosterFields", "name"),
             "department": translate("RosterFields", "department"),
             "parent_unit": translate("RosterFields", "parent unit"),
             "role": translate("RosterFields", "role"), "email": translate("RosterFields", "email"),
             "pin": translate("RosterFields", "PIN"), "new": translate("RosterFields", "new")}
    return names.get(field, field)


class RosterPlanModel(FilteredRowsModel):
    """Rows of a ``RosterPlan``; ``set_only_problems`` hides the rows that are fine."""

    COLUMNS = ("line", "employee_no", "name", "department", "role", "result", "problems")

    def keep(self, row: RowPlan) -> bool:
        return bool(row.problems)

    def set_plan(self, plan: RosterPlan | None) -> None:
        self.set_rows(plan.rows if plan is not None else ())

    def set_only_problems(self, only: bool) -> None:
        self.set_filtered(only)

    def row_plan(self, row: int) -> RowPlan:
        return self._rows[row]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Line"), self.tr("Employee no."), self.tr("Name"),
                  self.tr("Department"), self.tr("Role"), self.tr("Result"), self.tr("Problems"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        plan = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(plan, column)
        if role == Qt.ItemDataRole.ToolTipRole and plan.problems:
            return plain_tip("\n".join(problem_text(p) for p in plan.problems))
        if role == Qt.ItemDataRole.ForegroundRole and plan.problems and column in (
                "result", "problems"):
            return PROBLEM_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "line":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, plan: RowPlan, column: str) -> Any:
        row = plan.row
        if column == "line":
            return row.line
        if column == "role":
            return role_text(row.role) if row.role else ""
        if column == "result":
            return self.action_text(plan)
        if column == "problems":
            return "; ".join(problem_text(p) for p in plan.problems)
        return getattr(row, column) or ""

    def action_text(self, plan: RowPlan) -> str:
        if plan.action == "create":
            return self.tr("New")
        if plan.action == "update":
            return self.tr("Update: %1").replace("%1", ", ".join(field_text(f)
                                                                 for f in plan.changes))
        if plan.action == "unchanged":
            return self.tr("No change")
        return self.tr("Not imported")
