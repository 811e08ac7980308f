"""``trainer report export --table credits``: one row per person with 学时 this year (必修 /
选修), the requirement of their current plans and their compulsory courses done and overdue.

A person in several current plans gets one row: the largest requirement, every distinct
compulsory course once. 学时 are the ledger's awards dated in the year, all courses counted;
必修 are those earned in a course compulsory for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from trainer.analytics.filters import CohortFilter
from trainer.analytics.plan_progress import CourseStatus, progress
from trainer.analytics.sql import learner_conditions
from trainer.content.model import Pack
from trainer.store.models import Department, Learner
from trainer.store.permissions import Actor, require
from trainer.store.plans import plans_covering

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CreditRow:
    employee_no: str
    name: str
    unit: str | None
    hours: Decimal
    compulsory_hours: Decimal
    elective_hours: Decimal
    required: Decimal | None  # None: in no current plan
    compulsory_done: int
    compulsory_total: int
    overdue: int
    plans: str


def credit_rows(db: Any, packs: Sequence[Pack], *, actor: Actor | None,
                flt: CohortFilter | None = None, today: date | None = None) -> list[CreditRow]:
    """Every active person the filter keeps (unit with sub-units, job role), by unit."""
    from trainer.analytics.credits import earned

    require(actor, "hr")
    day = today or date.today()
    with db.reader() as session:
        people = session.execute(
            select(Learner.id, Learner.employee_no, Learner.name, Department.name)
            .outerjoin(Department, Department.id == Learner.department_id)
            .where(*learner_conditions(flt))
            .order_by(Department.name, Learner.employee_no)).all()
        hours = earned(session, year=day.year)
        courses: dict[int, dict[str, CourseStatus]] = {}
        required: dict[int, Decimal] = {}
        names: dict[int, list[str]] = {}
        for spec in plans_covering(session, day):
            for mine in progress(session, spec, packs, today=day):
                required[mine.learner_id] = max(required.get(mine.learner_id, ZERO),
                                                mine.required)
                names.setdefault(mine.learner_id, []).append(spec.name)
                statuses = courses.setdefault(mine.learner_id, {})
                for course in mine.courses:
                    statuses.setdefault(course.pack_id, course)
    rows = []
    for ident, number, name, unit in people:
        mine = hours.get(ident, {})
        compulsory = courses.get(ident, {})
        must = sum((h for p, h in mine.items() if p in compulsory), ZERO)
        total = sum(mine.values(), ZERO)
        rows.append(CreditRow(number, name, unit, total, must, total - must, required.get(ident),
                              sum(c.status == "done" for c in compulsory.values()),
                              len(compulsory),
                              sum(c.status == "overdue" for c in compulsory.values()),
                              "; ".join(names.get(ident, []))))
    return rows
