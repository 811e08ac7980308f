"""Everything the "My progress" page shows, gathered from analytics in one call (no Qt).

Kept apart from the widgets so the numbers can be checked without a window, and so the page
builds from one plain value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from trainer.analytics.assessment import AssessmentResult, assessment_result
from trainer.analytics.learner import (
    CourseCompletion,
    WrongExercise,
    activity_by_day,
    completion,
    wrong_exercises,
)
from trainer.analytics.peers import group_mean
from trainer.analytics.recommend import Recommendation, recommend
from trainer.analytics.scoring import CompetencyScore, role_targets
from trainer.content.model import Framework, Pack

ACTIVITY_DAYS = 26 * 7  # half a year of calendar


@dataclass(frozen=True)
class DashboardData:
    learner_id: int
    department: str | None
    framework: Framework | None  # for titles, in the interface's language when a pack has it
    packs: tuple[Pack, ...]
    scores: dict[str, CompetencyScore]
    role_id: str | None
    targets: dict[str, float]  # competency → score that reaches the role's target level
    department_mean: dict[str, float]
    courses: tuple[CourseCompletion, ...]
    assessments: dict[str, AssessmentResult]
    activity: dict[date, int]
    today: date
    recommendations: tuple[Recommendation, ...]
    wrong: tuple[WrongExercise, ...]
    titles: dict[tuple[str, str], str] = field(default_factory=dict)  # (pack, module) → title
    recent_pack: str | None = None  # the course studied last: the completion list's default
    credit_year: int = 0  # this year in the organisation's time zone
    credit_hours: Decimal = Decimal("0.00")  # 学时 awarded in it

    @property
    def seconds(self) -> int:
        return sum(c.seconds for c in self.courses)

    @property
    def answers(self) -> int:
        return sum(self.activity.values())

    def answers_since(self, days: int) -> int:
        first = self.today - timedelta(days=days - 1)
        return sum(n for day, n in self.activity.items() if day >= first)


def display_framework(packs: list[Pack], language: str) -> Framework | None:
    """The framework of a pack in the interface language (titles), else the first pack's."""
    if not packs:
        return None
    prefix = language.split("_")[0].split("-")[0].lower()
    for pack in packs:
        if pack.language.lower().startswith(prefix):
            return pack.framework
    return packs[0].framework


def _in_language(packs: list[Pack], language: str) -> list[Pack]:
    """Packs in the interface language (all when none is): where a newcomer would start."""
    prefix = language.split("_")[0].split("-")[0].lower()
    return [p for p in packs if p.language.lower().startswith(prefix)] or packs


def courses_taken(db: Any, learner_id: int, packs: list[Pack]) -> list[Pack]:
    """Packs the learner is enrolled in or has studied, in library order."""
    from trainer.analytics.learner import time_spent
    from trainer.store.progress import enrollments

    ids = set(enrollments(db, learner_id)) | set(time_spent(db, learner_id))
    return [p for p in packs if p.id in ids]


def default_role(user: Any, framework: Framework | None) -> str | None:
    """The learner's recorded job-role profile when the framework knows it, else None."""
    role = getattr(user, "job_role", None)
    if framework is None or role is None:
        return None
    return role if role in {r.id for r in framework.roles} else None


def load_dashboard(db: Any, user: Any, packs: list[Pack], *, role_id: str | None,
                   language: str = "zh_CN", today: date | None = None) -> DashboardData:
    """Scores, targets, department mean, completion, activity and advice for one learner."""
    from trainer.analytics.learner import best_scores
    from trainer.analytics.scoring import exercise_weights, merged_framework, score_competencies

    framework = display_framework(packs, language)
    role_known = framework is not None and role_id in {r.id for r in framework.roles}
    role = role_id if role_known else None
    best = best_scores(db, user.id, [p.id for p in packs])
    department_mean: dict[str, float] = {}
    if user.department:  # cached until a write changes it (issue 14: 10,000 learners)
        department_mean = group_mean(db, packs, department=user.department)
    taken = courses_taken(db, user.id, packs)
    day = today or datetime.now().astimezone().date()
    results = {p.id: r for p in taken if (r := assessment_result(db, user.id, p)) is not None}
    year, hours = credits_this_year(db, user.id)
    return DashboardData(
        learner_id=user.id, department=user.department, framework=framework,
        packs=tuple(packs),
        scores=score_competencies(best, exercise_weights(packs), merged_framework(packs)),
        role_id=role,
        targets=role_targets(framework, role) if framework and role else {},
        department_mean=department_mean,
        courses=tuple(completion(db, user.id, p) for p in taken), assessments=results,
        activity=activity_by_day(db, user.id, days=ACTIVITY_DAYS, today=day), today=day,
        recommendations=tuple(recommend(taken or _in_language(packs, language), best, role)),
        wrong=tuple(wrong_exercises(db, user.id, packs)),
        titles={(p.id, m.id): m.title for p in packs for m in p.modules},
        recent_pack=recent_pack(db, user.id, taken, language), credit_year=year,
        credit_hours=hours)


def credits_this_year(db: Any, learner_id: int) -> tuple[int, Decimal]:
    """This year (the organisation's) and the learner's 学时 awarded in it."""
    from trainer.analytics.credits import current_rule, year_total

    year = current_rule(db).local_date(datetime.now().astimezone()).year
    return year, year_total(db, learner_id, year)


def recent_pack(db: Any, learner_id: int, taken: list[Pack], language: str) -> str | None:
    """The course the learner studied last, else the first taken in the interface language."""
    from trainer.store.progress import last_position

    last = last_position(db, learner_id)
    if last is not None and any(p.id == last.pack_id for p in taken):
        return last.pack_id
    return _in_language(taken, language)[0].id if taken else None
