"""我的学习任务: what a learner's plans ask of them now, for the top of the course library and
the dashboard. One learner's rows only (the plans covering today, their compulsory courses,
the ledger's 学时), so it stays within its 50 ms budget however large the organisation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from trainer.analytics.plan_progress import PersonProgress, progress
from trainer.content.model import Pack
from trainer.store.permissions import Actor, require_self_or
from trainer.store.plan_spec import PlanSpec
from trainer.store.plans import plans_covering


@dataclass(frozen=True)
class CourseMark:
    """How the library labels a course for this learner: 必修 (with the deadline) or 选修."""

    compulsory: bool
    deadline: date | None = None


@dataclass(frozen=True)
class LearnerTasks:
    today: date
    year_hours: Decimal
    plans: tuple[tuple[PlanSpec, PersonProgress], ...] = ()
    marks: dict[str, CourseMark] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.plans


def learner_tasks(db: Any, learner_id: int, packs: Sequence[Pack], *, actor: Actor | None,
                  today: date | None = None) -> LearnerTasks:
    """The learner's current plans with their standing, 学时 this year, and course marks."""
    from trainer.analytics.credits import earned

    require_self_or(actor, learner_id, "hr")
    day = today or date.today()
    found: list[tuple[PlanSpec, PersonProgress]] = []
    with db.reader() as session:
        for spec in plans_covering(session, day):
            mine = progress(session, spec, packs, today=day, learner_id=learner_id)
            if mine:
                found.append((spec, mine[0]))
        year = sum(earned(session, year=day.year, learner_ids=[learner_id])
                   .get(learner_id, {}).values(), Decimal("0.00"))
    return LearnerTasks(day, year, tuple(found), course_marks(spec for spec, _ in found))


def course_marks(plans: Any) -> dict[str, CourseMark]:
    """必修 wins over 选修; of several deadlines the earliest counts."""
    marks: dict[str, CourseMark] = {}
    for spec in plans:
        for course in spec.courses:
            old = marks.get(course.pack_id)
            if course.compulsory:
                deadline = course.deadline
                if old is not None and old.compulsory and old.deadline is not None:
                    deadline = old.deadline if deadline is None else min(deadline, old.deadline)
                marks[course.pack_id] = CourseMark(True, deadline)
            elif old is None:
                marks[course.pack_id] = CourseMark(False)
    return marks
