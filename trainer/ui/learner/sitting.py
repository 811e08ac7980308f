"""The result of one final-assessment sitting: percent, pass/fail and a per-competency breakdown.

Pure Python (no Qt), so it is tested on its own. Unanswered questions count as 0; answers that
wait for a trainer (score None) count as 0 until scored and are reported as pending.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


def percent_text(percent: float) -> str:
    """A sitting's score as shown everywhere (result page, outline, start page): one decimal."""
    return f"{round(float(percent), 1):g}"


@dataclass(frozen=True)
class CompetencyResult:
    competency_id: str
    title: str
    percent: float
    exercises: int


@dataclass(frozen=True)
class SittingResult:
    percent: float
    pass_mark: int
    passed: bool
    answered: int
    total: int
    pending: int
    competencies: tuple[CompetencyResult, ...]


def sitting_result(pack: Any, module: Any, scores: Mapping[str, float | None],
                   answered: set[str] | None = None,
                   questions: Sequence[Any] | None = None) -> SittingResult:
    """Score a sitting from ``scores`` (exercise id → 0..1, None = waits for a trainer) over
    its ``questions`` (those drawn from a pool; default: every question of the module)."""
    exercises = list(module.exercises if questions is None else questions)
    total = len(exercises)
    value = sum(float(scores.get(e.id) or 0.0) for e in exercises)
    percent = 100.0 * value / total if total else 0.0
    pass_mark = int(module.pass_mark if module.pass_mark is not None else pack.pass_mark)
    pending = sum(1 for e in exercises if e.id in scores and scores[e.id] is None)
    given = answered if answered is not None else set(scores)
    return SittingResult(round(percent, 1), pass_mark, percent >= pass_mark,
                         sum(1 for e in exercises if e.id in given), total, pending,
                         _by_competency(pack, exercises, scores))


def _by_competency(pack: Any, exercises: list[Any],
                   scores: Mapping[str, float | None]) -> tuple[CompetencyResult, ...]:
    weighted: dict[str, float] = {}
    weights: dict[str, float] = {}
    counts: dict[str, int] = {}
    for exercise in exercises:
        score = float(scores.get(exercise.id) or 0.0)
        for competency, weight in exercise.weights.items():
            weighted[competency] = weighted.get(competency, 0.0) + weight * score
            weights[competency] = weights.get(competency, 0.0) + weight
            counts[competency] = counts.get(competency, 0) + 1
    results = []
    for competency in weights:
        try:
            title = pack.framework.competency(competency).title
        except KeyError:
            title = competency
        percent = 100.0 * weighted[competency] / weights[competency] if weights[competency] else 0
        results.append(CompetencyResult(competency, title, round(percent, 1), counts[competency]))
    order = {c.id: i for i, c in enumerate(pack.framework.competencies)}
    results.sort(key=lambda r: order.get(r.competency_id, len(order)))
    return tuple(results)
