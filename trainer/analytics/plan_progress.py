"""Where each person stands in a plan: 学时 earned (必修 / 选修) against the requirement and the
compulsory courses done, due or overdue. Shared by 我的学习任务 (one learner) and the HR plan
view and exports (everyone in the plan).

学时 come from the ledger (``analytics.credits.earned``: awards dated inside the plan's period);
a compulsory course is done when every counted module is completed and, where the course has a
final assessment, a sitting passed (summaries). Neither reads attempts, so the cost grows with
people and courses, never with answers. When a plan lists electives, only its courses count
toward its 学时; a plan without electives counts every course as an elective.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from trainer.analytics.assessment import final_assessment
from trainer.content.model import Pack
from trainer.store.models import Department, Learner, LessonProgress, SummarySitting
from trainer.store.plan_spec import PlanSpec
from trainer.store.plans import audience_condition

ZERO = Decimal("0.00")
DONE, DUE, OVERDUE = "done", "due", "overdue"


@dataclass(frozen=True)
class CourseStatus:
    """A compulsory course for one person: done (when), still due, or overdue."""

    pack_id: str
    title: str
    deadline: date | None
    status: str  # DONE, DUE or OVERDUE
    done_on: date | None = None


@dataclass(frozen=True)
class PersonProgress:
    """One person's standing in a plan."""

    learner_id: int
    employee_no: str
    name: str
    unit: str | None
    required: Decimal
    compulsory_hours: Decimal
    elective_hours: Decimal
    courses: tuple[CourseStatus, ...]

    @property
    def hours(self) -> Decimal:
        return self.compulsory_hours + self.elective_hours

    @property
    def compulsory_done(self) -> int:
        return sum(c.status == DONE for c in self.courses)

    @property
    def overdue(self) -> tuple[CourseStatus, ...]:
        return tuple(c for c in self.courses if c.status == OVERDUE)

    @property
    def complete(self) -> bool:
        """Required 学时 reached and every compulsory course done."""
        return self.hours >= self.required and self.compulsory_done == len(self.courses)


def people_query(spec: PlanSpec, *, learner_id: int | None = None, unit: str | None = None
                 ) -> Any:
    """(id, employee_no, name, unit) of the active people the plan is for."""
    from trainer.store.units import within

    query = (select(Learner.id, Learner.employee_no, Learner.name, Department.name)
             .outerjoin(Department, Department.id == Learner.department_id)
             .where(Learner.active.is_(True), audience_condition(spec))
             .order_by(Department.name, Learner.employee_no))
    if learner_id is not None:
        query = query.where(Learner.id == learner_id)
    if unit is not None:
        query = query.where(within(Department.name, unit))
    return query


def progress(session: Session, spec: PlanSpec, packs: Sequence[Pack], *, today: date,
             learner_id: int | None = None, unit: str | None = None) -> list[PersonProgress]:
    """Everyone in the plan (or one learner, or one unit with its sub-units), in unit order."""
    from trainer.analytics.credits import earned

    people = session.execute(people_query(spec, learner_id=learner_id, unit=unit)).all()
    if not people:
        return []
    ids = [row[0] for row in people]
    by_id = {p.id: p for p in packs}
    audience = people_query(spec, learner_id=learner_id, unit=unit).with_only_columns(
        Learner.id).order_by(None).subquery("audience")
    done = course_done(session, [by_id[c.pack_id] for c in spec.compulsory
                                 if c.pack_id in by_id], audience)
    hours = earned(session, start=spec.starts_on, end=min(spec.ends_on, today), learner_ids=ids)
    compulsory = {c.pack_id for c in spec.compulsory}
    electives = {c.pack_id for c in spec.electives}
    result = []
    for ident, number, name, unit_name in people:
        mine = hours.get(ident, {})
        must = sum((h for p, h in mine.items() if p in compulsory), ZERO)
        free = sum((h for p, h in mine.items() if p not in compulsory
                    and (not electives or p in electives)), ZERO)
        courses = tuple(_status(c.pack_id, by_id, c.deadline, done.get((ident, c.pack_id)),
                                today) for c in spec.compulsory)
        result.append(PersonProgress(ident, number, name, unit_name, spec.required_hours,
                                     must, free, courses))
    return result


def _status(pack_id: str, packs: Mapping[str, Pack], deadline: date | None,
            done_on: date | None, today: date) -> CourseStatus:
    title = packs[pack_id].title if pack_id in packs else pack_id
    if done_on is not None:
        return CourseStatus(pack_id, title, deadline, DONE, done_on)
    late = deadline is not None and deadline < today
    return CourseStatus(pack_id, title, deadline, OVERDUE if late else DUE)


def course_done(session: Session, packs: Sequence[Pack], audience: Any
                ) -> dict[tuple[int, str], date]:
    """(learner, pack) → the day the course was done, for the audience's finished courses."""
    if not packs:
        return {}
    counted = {p.id: [m.id for m in p.modules if m.kind != "reference"
                      and m is not final_assessment(p)] for p in packs}
    lp = LessonProgress
    lessons = (select(lp.learner_id, lp.pack_id, func.count(), func.max(lp.updated_at))
               .where(lp.learner_id.in_(select(audience.c.id)), lp.status == "completed",
                      or_(*(and_(lp.pack_id == pack, lp.module_id.in_(modules))
                            for pack, modules in counted.items())))
               .group_by(lp.learner_id, lp.pack_id))
    finished: dict[tuple[int, str], datetime | None] = {}
    for learner, pack, count, last in session.execute(lessons):
        if count >= len(counted[pack]):
            finished[(learner, pack)] = last
    finals = [p.id for p in packs if final_assessment(p) is not None]
    if finals:
        s = SummarySitting
        passed = dict(((learner, pack), first) for learner, pack, first in session.execute(
            select(s.learner_id, s.pack_id, func.min(s.started_at))
            .where(s.pack_id.in_(finals), s.learner_id.in_(select(audience.c.id)),
                   s.points * 100.0 >= s.pass_mark * s.total)
            .group_by(s.learner_id, s.pack_id)))
        finished.update({key: first for key, first in passed.items() if not counted[key[1]]})
        for key in [k for k in finished if k[1] in finals]:
            if key not in passed:
                del finished[key]
            else:
                last = finished[key]
                finished[key] = passed[key] if last is None else max(last, passed[key])
    return {key: moment.date() for key, moment in finished.items() if moment is not None}
