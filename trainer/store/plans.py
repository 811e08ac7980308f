"""Training plans (学习计划 / 培训班): HR or an administrator creates, assigns and imports them.

Every change is checked in full first (``plan_spec.spec_problems`` plus units and people
against this database) and written in one transaction with its audit entry, so a refused plan
leaves nothing behind. Who a plan is for is kept by name (unit path, job role, employee
number), the same on every machine, so plan files travel as they are.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, false, or_, select
from sqlalchemy.orm import Session

from trainer.store import audit
from trainer.store.db import Database
from trainer.store.errors import Duplicate, InvalidValue, NotFound
from trainer.store.models import Department, Learner, Plan, PlanAudience, PlanCourse
from trainer.store.permissions import Actor, require
from trainer.store.plan_spec import PlanCourse as CourseSpec
from trainer.store.plan_spec import PlanSpec, hours_text, spec_problems
from trainer.store.types import utcnow
from trainer.store.units import unit_path, within


class PlanInvalid(InvalidValue):
    """A plan that breaks the rules; ``problems`` lists each, naming where it is."""

    def __init__(self, what: str, problems: list[str]) -> None:
        shown = "; ".join(problems[:8]) + (f"; and {len(problems) - 8} more"
                                           if len(problems) > 8 else "")
        super().__init__(f"{what}: {shown}. Nothing was saved.",
                         hint="Correct these and try again.")
        self.problems = problems


def normalised(spec: PlanSpec) -> PlanSpec:
    """Unit paths written the way the store keeps them (局 / 科 → 局/科)."""
    audience = [(kind, _unit_or_as_is(value) if kind == "unit" else value.strip())
                for kind, value in spec.audience]
    return replace(spec, name=" ".join(spec.name.split()), audience=tuple(audience))


def _unit_or_as_is(value: str) -> str:
    try:
        return unit_path(value)
    except InvalidValue:
        return value  # check_plan reports it as no such unit, with where it is


def check_plan(session: Session, spec: PlanSpec, *, courses: Collection[str] | None,
               roles: Collection[str] | None) -> list[str]:
    """Every problem of the plan, the database's units and people included."""
    problems = spec_problems(spec, courses=courses, roles=roles)
    units = [v for k, v in spec.audience if k == "unit"]
    people = [v for k, v in spec.audience if k == "person"]
    known_units = set(session.scalars(select(Department.name).where(Department.name.in_(units))))
    known_people = set(session.scalars(select(Learner.employee_no)
                                       .where(Learner.employee_no.in_(people))))
    for n, unit in enumerate(units, start=1):
        if unit not in known_units:
            problems.append(f"audience unit {n} ({unit}): no such unit (import a roster "
                            "naming it first)")
    for n, number in enumerate(people, start=1):
        if number not in known_people:
            problems.append(f"audience person {n} ({number}): no learner has this employee "
                            "number")
    return problems


def create_plan(db: Database, spec: PlanSpec, *, actor: Actor | None,
                courses: Collection[str] | None, roles: Collection[str] | None) -> PlanSpec:
    """A new plan; PlanInvalid (nothing saved) when anything is wrong, Duplicate for its name."""
    require(actor, "hr")
    spec = normalised(spec)
    with db.session() as session:
        _refuse(session, spec, f"The plan {spec.name!r}", courses, roles)
        if session.scalars(select(Plan.id).where(Plan.name == spec.name)).first() is not None:
            raise Duplicate(f"A plan named {spec.name!r} already exists.",
                            hint="Choose another name, or assign people to that plan.")
        _write(session, spec, None)
        audit.record(session, actor, audit.PLAN_CREATE, summary(spec))
    return spec


def assign_plan(db: Database, name: str, audience: Iterable[tuple[str, str]], *,
                actor: Actor | None, roles: Collection[str] | None) -> PlanSpec:
    """Add units, job roles or people to a plan (kept: those already assigned)."""
    require(actor, "hr")
    with db.session() as session:
        row = _plan_row(session, name)
        spec = _spec(session, row)
        added = tuple(entry for entry in normalised(replace(spec, audience=tuple(audience)))
                      .audience if entry not in spec.audience)
        new = replace(spec, audience=spec.audience + tuple(dict.fromkeys(added)),
                      revision=spec.revision + 1)
        _refuse(session, new, f"Assigning the plan {spec.name!r}", None, roles)
        _write(session, new, row)
        audit.record(session, actor, audit.PLAN_ASSIGN, {"plan": spec.name, "uid": str(spec.uid),
                                                         "added": [list(e) for e in added]})
    return new


def import_plan(db: Database, spec: PlanSpec, *, actor: Actor | None, source: str,
                courses: Collection[str] | None, roles: Collection[str] | None,
                session: Session | None = None) -> str:
    """A plan from a file: ``created``, ``updated`` (a newer revision of a plan here) or
    ``unchanged`` (this revision or a newer one is here already)."""
    require(actor, "hr")
    spec = normalised(spec)
    if session is None:
        with db.session() as own:
            return import_plan(db, spec, actor=actor, source=source, courses=courses,
                               roles=roles, session=own)
    _refuse(session, spec, source, courses, roles)
    row = session.scalars(select(Plan).where(Plan.uid == spec.uid)).first()
    if row is not None and row.revision >= spec.revision:
        return "unchanged"
    clash = session.scalars(select(Plan.id).where(Plan.name == spec.name,
                                                  Plan.uid != spec.uid)).first()
    if clash is not None:
        raise Duplicate(f"{source}: another plan here is already named {spec.name!r}; nothing "
                        "was imported.", hint="Rename one of the two plans.")
    _write(session, spec, row)
    outcome = "created" if row is None else "updated"
    audit.record(session, actor, audit.PLAN_IMPORT, {**summary(spec), "file": source,
                                                     "outcome": outcome})
    return outcome


def list_plans(db: Database) -> list[PlanSpec]:
    """Every plan, newest period first."""
    with db.reader() as session:
        rows = session.scalars(select(Plan).order_by(Plan.starts_on.desc(), Plan.name)).all()
        return [_spec(session, row) for row in rows]


def get_plan(db: Database, name: str) -> PlanSpec:
    with db.reader() as session:
        return _spec(session, _plan_row(session, name))


def summary(spec: PlanSpec) -> dict[str, Any]:
    """What the audit log keeps of a plan."""
    return {"plan": spec.name, "uid": str(spec.uid), "revision": spec.revision,
            "period": [spec.starts_on.isoformat(), spec.ends_on.isoformat()],
            "required_hours": str(spec.required_hours),
            "compulsory": [c.pack_id for c in spec.compulsory],
            "electives": [c.pack_id for c in spec.electives],
            "audience": [list(entry) for entry in spec.audience]}


def audience_condition(spec: PlanSpec) -> Any:
    """SQL on Learner (outer-joined to Department): the people a plan is for."""
    units = [v for k, v in spec.audience if k == "unit"]
    roles = [v for k, v in spec.audience if k == "role"]
    people = [v for k, v in spec.audience if k == "person"]
    parts = [within(Department.name, unit) for unit in units]
    if roles:
        parts.append(Learner.job_role.in_(roles))
    if people:
        parts.append(Learner.employee_no.in_(people))
    return or_(*parts) if parts else false()


def plans_covering(session: Session, day: date) -> list[PlanSpec]:
    """Plans whose period includes ``day``."""
    rows = session.scalars(select(Plan).where(Plan.starts_on <= day, Plan.ends_on >= day)
                           .order_by(Plan.starts_on, Plan.name)).all()
    return [_spec(session, row) for row in rows]


def _refuse(session: Session, spec: PlanSpec, what: str, courses: Collection[str] | None,
            roles: Collection[str] | None) -> None:
    problems = check_plan(session, spec, courses=courses, roles=roles)
    if problems:
        raise PlanInvalid(what, problems)


def _plan_row(session: Session, name: str) -> Plan:
    row = session.scalars(select(Plan).where(Plan.name == " ".join(name.split()))).first()
    if row is None:
        raise NotFound(f"There is no plan named {name!r}.",
                       hint="See the plans with 'trainer plan list'.")
    return row


def _spec(session: Session, row: Plan) -> PlanSpec:
    courses = session.scalars(select(PlanCourse).where(PlanCourse.plan_id == row.id)
                              .order_by(PlanCourse.compulsory.desc(), PlanCourse.deadline,
                                        PlanCourse.pack_id)).all()
    audience = session.execute(select(PlanAudience.kind, PlanAudience.value)
                               .where(PlanAudience.plan_id == row.id)
                               .order_by(PlanAudience.kind, PlanAudience.value)).all()
    return PlanSpec(row.name, row.starts_on, row.ends_on,
                    Decimal(hours_text(Decimal(str(round(row.required_hours, 2))))),
                    tuple(CourseSpec(c.pack_id, c.compulsory, c.deadline) for c in courses),
                    tuple((k, v) for k, v in audience), row.uid, row.revision)


def _write(session: Session, spec: PlanSpec, row: Plan | None) -> None:
    """Insert or replace the plan's row, courses and audience."""
    now = utcnow()
    if row is None:
        row = Plan(uid=spec.uid, created_at=now)
        session.add(row)
    row.name, row.starts_on, row.ends_on = spec.name, spec.starts_on, spec.ends_on
    row.required_hours, row.revision, row.updated_at = (float(spec.required_hours),
                                                        spec.revision, now)
    session.flush()
    session.execute(delete(PlanCourse).where(PlanCourse.plan_id == row.id))
    session.execute(delete(PlanAudience).where(PlanAudience.plan_id == row.id))
    session.add_all([PlanCourse(plan_id=row.id, pack_id=c.pack_id, compulsory=c.compulsory,
                                deadline=c.deadline) for c in spec.courses])
    session.add_all([PlanAudience(plan_id=row.id, kind=k, value=v) for k, v in spec.audience])
    session.flush()
