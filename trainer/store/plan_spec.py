"""A training plan as plain values (``PlanSpec``) and the checks it must pass before anything is
written, whether it comes from the command line, the HR screen or a plan file.

Pure: the caller says which courses and job roles exist (the store knows no packs), and the
store's service checks units and people against the database. Every problem names where it is
(``compulsory course 2``, ``audience unit 1``) so a plan file's author can find it.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from trainer.store.models import PLAN_AUDIENCES

MAX_HOURS = Decimal(1000)  # a cadre plan asks 50 学时 a year; 1,000 is a typing slip
MAX_YEARS = 5  # the national cadre-training plans run five years (2023–2027)
MAX_COURSES = 500
MAX_AUDIENCE = 10_000
MAX_NAME = 200


@dataclass(frozen=True)
class PlanCourse:
    pack_id: str
    compulsory: bool
    deadline: date | None = None


@dataclass(frozen=True)
class PlanSpec:
    """What a plan says; ``uid`` and ``revision`` identify it across machines."""

    name: str
    starts_on: date
    ends_on: date
    required_hours: Decimal
    courses: tuple[PlanCourse, ...] = ()
    audience: tuple[tuple[str, str], ...] = ()  # (kind, value): unit path, job role, employee no
    uid: uuid.UUID = field(default_factory=uuid.uuid4)
    revision: int = 1

    @property
    def compulsory(self) -> tuple[PlanCourse, ...]:
        return tuple(c for c in self.courses if c.compulsory)

    @property
    def electives(self) -> tuple[PlanCourse, ...]:
        return tuple(c for c in self.courses if not c.compulsory)


def year_period(year: int) -> tuple[date, date]:
    """1 January to 31 December of ``year``."""
    return date(year, 1, 1), date(year, 12, 31)


def parse_hours(value: object, where: str = "required 学时") -> Decimal:
    """学时 as a Decimal with at most two decimals; ValueError naming ``where`` otherwise."""
    try:
        hours = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValueError(f"{where}: {str(value)[:40]!r} is not a number of 学时") from None
    if not hours.is_finite() or isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{where}: {value!r} is not a number of 学时")
    if hours < 0:
        raise ValueError(f"{where}: {hours} is negative")
    if hours > MAX_HOURS:
        raise ValueError(f"{where}: {hours} is more than {MAX_HOURS} 学时 (a typing slip?)")
    if hours != hours.quantize(Decimal("0.01")):
        raise ValueError(f"{where}: {hours} has more than two decimals")
    return Decimal(hours_text(hours))


def hours_text(hours: Decimal) -> str:
    """学时 as people write them: 50, 0.5, 12.25 (never 5E+1 or 50.00)."""
    return f"{hours.normalize():f}" if hours else "0"


def spec_problems(spec: PlanSpec, *, courses: Collection[str] | None = None,
                  roles: Collection[str] | None = None) -> list[str]:
    """Everything wrong with the plan on its own (``courses``/``roles``: those that exist)."""
    problems: list[str] = []
    if not spec.name.strip() or len(spec.name) > MAX_NAME:
        problems.append(f"name: must be 1 to {MAX_NAME} characters")
    if spec.ends_on < spec.starts_on:
        problems.append(f"period: ends {spec.ends_on} before it starts {spec.starts_on}")
    elif (spec.ends_on - spec.starts_on).days > 366 * MAX_YEARS:
        problems.append(f"period: {spec.starts_on} to {spec.ends_on} is longer than "
                        f"{MAX_YEARS} years")
    try:
        parse_hours(spec.required_hours)
    except ValueError as exc:
        problems.append(str(exc))
    if spec.revision < 1:
        problems.append(f"revision: {spec.revision} is not a positive number")
    problems += _course_problems(spec, courses)
    problems += _audience_problems(spec, roles)
    return problems


def _course_problems(spec: PlanSpec, known: Collection[str] | None) -> list[str]:
    problems: list[str] = []
    if len(spec.courses) > MAX_COURSES:
        problems.append(f"courses: {len(spec.courses)} is more than {MAX_COURSES}")
    seen: set[str] = set()
    counters = {True: 0, False: 0}
    for course in spec.courses:
        counters[course.compulsory] += 1
        where = (f"compulsory course {counters[True]}" if course.compulsory
                 else f"elective {counters[False]}") + f" ({course.pack_id})"
        if course.pack_id in seen:
            problems.append(f"{where}: listed twice")
        seen.add(course.pack_id)
        if known is not None and course.pack_id not in known:
            problems.append(f"{where}: no course with this id is installed")
        if course.deadline is not None and not course.compulsory:
            problems.append(f"{where}: only compulsory courses have a deadline")
        elif course.deadline is not None and course.deadline < spec.starts_on:
            problems.append(f"{where}: deadline {course.deadline} is before the period starts "
                            f"({spec.starts_on})")
        elif course.deadline is not None and course.deadline > spec.ends_on:
            problems.append(f"{where}: deadline {course.deadline} is after the period ends "
                            f"({spec.ends_on})")
    return problems


def _audience_problems(spec: PlanSpec, roles: Collection[str] | None) -> list[str]:
    problems: list[str] = []
    if len(spec.audience) > MAX_AUDIENCE:
        problems.append(f"audience: {len(spec.audience)} entries is more than {MAX_AUDIENCE}")
    counters: dict[str, int] = {}
    for kind, value in spec.audience:
        counters[kind] = counters.get(kind, 0) + 1
        where = f"audience {kind} {counters[kind]} ({value})"
        if kind not in PLAN_AUDIENCES:
            problems.append(f"{where}: unknown kind (use unit, role or person)")
        elif not value.strip() or len(value) > MAX_NAME:
            problems.append(f"{where}: empty or longer than {MAX_NAME} characters")
        elif kind == "role" and roles is not None and value not in roles:
            problems.append(f"{where}: no course's competency framework has this job role")
    if len(set(spec.audience)) != len(spec.audience):
        problems.append("audience: an entry is listed twice")
    return problems
