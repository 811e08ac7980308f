"""The demonstration's annual plan (学习计划): the built-in course compulsory by a deadline that
falls inside the simulated study, so some people finish in time and some miss it, and the
English version as an elective; assigned to every bureau (with its sections)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from trainer.store.db import Database
from trainer.store.departments import list_departments
from trainer.store.permissions import Actor
from trainer.store.plan_spec import PlanCourse, PlanSpec
from trainer.store.plans import create_plan

REQUIRED_HOURS = Decimal(12)  # most of the built-in course's 学时: reachable, not by everyone
ELECTIVE = "digital-government-en"


def demo_plan_spec(db: Database, course: str, end: datetime, days: int) -> PlanSpec:
    """The plan for the simulated period ending ``end``: the compulsory course due 30 days
    before the end (a third of a 90-day run), so those still studying then are overdue."""
    first = (end - timedelta(days=days)).date()
    starts, ends = date(first.year, 1, 1), date(end.year, 12, 31)
    deadline = max(first, (end - timedelta(days=max(1, days // 3))).date())
    units = sorted({d.name.split("/")[0] for d in list_departments(db)})
    return PlanSpec(f"{end.year}年度数字政府专题学习计划", starts, ends, REQUIRED_HOURS,
                    (PlanCourse(course, True, deadline), PlanCourse(ELECTIVE, False)),
                    tuple(("unit", unit) for unit in units))


def create_demo_plan(db: Database, course: str, end: datetime, days: int, *,
                     actor: Actor | None) -> PlanSpec | None:
    """Create the plan (once: a resumed demo run finds it there)."""
    from trainer.store.errors import Duplicate

    spec = demo_plan_spec(db, course, end, days)
    try:
        return create_plan(db, spec, actor=actor, courses={course, ELECTIVE}, roles=None)
    except Duplicate:
        return None
