"""``credit_hours`` (学时) in packs: reading the values authors declare and checking them.

A module's ``credit_hours`` is what completing it earns; a course's is the sum of its modules'
and, when given, is a cross-check: every module must then declare its own, adding up to it.
Modules that declare none earn what the organisation's rule gives for their ``minutes``
(decided where the pack meets the learners' records, not here). Values are counted in quarter
hours (0.25); a module may declare at most 50 学时, a course 500 — more is a typing mistake.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from trainer.content.model import Module
from trainer.content.problems import Problems
from trainer.content.yamltext import Fields, describe

KEY = "credit_hours"
STEP = Decimal("0.25")
MODULE_LIMIT = Decimal("50")
COURSE_LIMIT = Decimal("500")


def read_hours(fields: Fields, limit: Decimal) -> Decimal | None:
    """The declared 学时 of a module or course (None when absent); a bad value is a problem
    on its line and reads as absent."""
    if KEY not in fields.data or fields.data[KEY] is None:
        return None
    value = fields.data[KEY]
    hours: Decimal | None = None
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        try:
            hours = Decimal(str(value).strip())
        except InvalidOperation:
            hours = None
    if hours is None or not hours.is_finite():
        fields.problems.error(fields.file, fields.line(KEY), f"'{KEY}' in {fields.where} must "
                              f"be a number of 学时 such as 1 or 0.5 (got {describe(value)}).")
        return None
    if hours < 0 or hours > limit:
        fields.problems.error(fields.file, fields.line(KEY), f"'{KEY}' in {fields.where} must "
                              f"be from 0 to {limit} 学时 (got {value}); check for a typing "
                              "mistake.")
        return None
    if hours % STEP:
        fields.problems.error(fields.file, fields.line(KEY), f"'{KEY}' in {fields.where} must "
                              f"be a multiple of 0.25 学时 such as 0.25, 0.5 or 1.5 (got {value}).")
        return None
    return hours.quantize(Decimal("0.01"))


def shown(hours: Decimal) -> str:
    """2.00 → '2', 0.50 → '0.5': how an author writes it."""
    return f"{hours.normalize():f}"


def check_course_hours(course: Decimal | None, line: int, modules: list[Module],
                       problems: Problems) -> None:
    """A course total needs every module to declare its own, adding up to the total."""
    if course is None or not modules:
        return
    missing = [m for m in modules if m.credit_hours is None]
    declared = shown(course)
    if missing:
        names = ", ".join(m.file for m in missing[:3]) + (" …" if len(missing) > 3 else "")
        problems.error("course.yaml", line, f"the course declares {KEY}: {declared} but "
                       f"{len(missing)} module(s) declare none ({names}); give each module "
                       f"its own '{KEY}:' adding up to {declared}, or remove the course's line "
                       "to let the modules decide.")
        return
    total = sum((m.credit_hours or Decimal(0) for m in modules), Decimal("0.00"))
    if total != course:
        problems.error("course.yaml", line, f"the course declares {KEY}: {declared} but its "
                       f"modules add up to {shown(total)}; make them agree (the course's value is "
                       "the sum of its modules').")
