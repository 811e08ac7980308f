"""The HR plan view as data: everyone's standing, roll-ups per unit with its sub-units, and the
overdue list. The screen, the CSV/XLSX/PDF exports and ``trainer plan report`` all show this
one ``PlanReport``, so they cannot disagree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from trainer.analytics.plan_progress import PersonProgress, progress
from trainer.content.model import Pack
from trainer.store.permissions import Actor, require
from trainer.store.plan_spec import PlanSpec
from trainer.store.plans import get_plan
from trainer.store.units import ancestors

NO_UNIT = ""


@dataclass(frozen=True)
class UnitRollup:
    """A unit with everything under it: people, how many completed the plan, 学时 on average."""

    unit: str  # path; NO_UNIT for people without one
    depth: int
    people: int
    complete: int
    overdue: int
    mean_hours: Decimal

    @property
    def share(self) -> float:
        return self.complete / self.people if self.people else 0.0


@dataclass(frozen=True)
class PlanReport:
    plan: PlanSpec
    today: date
    people: tuple[PersonProgress, ...]
    units: tuple[UnitRollup, ...]

    @property
    def overdue(self) -> tuple[PersonProgress, ...]:
        return tuple(p for p in self.people if p.overdue)


def plan_report(db: Any, name: str, packs: Sequence[Pack], *, actor: Actor | None,
                today: date | None = None, unit: str | None = None) -> PlanReport:
    """The plan's report (HR or administrator), optionally for one unit and its sub-units."""
    require(actor, "hr")
    spec = get_plan(db, name)
    day = today or date.today()
    with db.reader() as session:
        people = progress(session, spec, packs, today=day, unit=unit)
    return PlanReport(spec, day, tuple(people), tuple(rollups(people)))


def rollups(people: Sequence[PersonProgress]) -> list[UnitRollup]:
    """One row per unit, each counting its own people and its sub-units', in tree order.

    People are tallied once per unit of their own, then each tally is added to the units
    above it: a few hundred units, not 10,000 people × three levels.
    """
    own: dict[str, list[Any]] = {}
    for person in people:
        tally = own.setdefault(person.unit or NO_UNIT, [0, 0, 0, Decimal(0)])
        tally[0] += 1
        tally[1] += person.complete
        tally[2] += bool(person.overdue)
        tally[3] += person.hours
    totals: dict[str, list[Any]] = {}
    for unit, (count, complete, overdue, hours) in own.items():
        for above in ancestors(unit) if unit else [NO_UNIT]:
            tally = totals.setdefault(above, [0, 0, 0, Decimal(0)])
            tally[0] += count
            tally[1] += complete
            tally[2] += overdue
            tally[3] += hours
    return [UnitRollup(unit, unit.count("/") if unit else 0, count, complete, overdue,
                       (hours / count).quantize(Decimal("0.01")))
            for unit, (count, complete, overdue, hours) in sorted(
                totals.items(), key=lambda item: (item[0] == NO_UNIT, item[0].split("/")))]


def plan_catalogue(packs: Sequence[Pack]) -> tuple[set[str], set[str]]:
    """The course ids and job-role ids a plan may name here: the installed packs' and the
    roles their competency frameworks define (the CLI and the HR screen check the same)."""
    from trainer.analytics.scoring import merged_framework

    framework = merged_framework(packs)
    return {p.id for p in packs}, ({r.id for r in framework.roles} if framework else set())
