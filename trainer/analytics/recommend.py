"""What to study next: for the largest gaps to the learner's role profile, the modules and
exercises that train those competencies and are not yet mastered.

Order: the largest gap first; within a gap, the modules where the most can be gained (sum of
competency weight × what is still missing per exercise), ties in course order. A module is
suggested once, for the largest gap it serves. Assessments and reference modules are never
suggested: the assessment measures, it does not train.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from trainer.analytics.errors import UnknownRole
from trainer.analytics.scoring import (
    MASTERED,
    CompetencyScore,
    ExerciseKey,
    RoleGap,
    exercise_weights,
    level_for,
    merged_framework,
    role_gap,
    score_competencies,
)
from trainer.content.model import Framework, Pack

TRAINING_KINDS = ("lesson", "case")


@dataclass(frozen=True)
class Suggestion:
    pack_id: str
    module_id: str
    module_title: str
    exercise_ids: tuple[str, ...]  # not yet mastered, most weight on the competency first
    unanswered: int  # of those, never answered
    gain: float  # weight × missing share, summed: how much the competency can rise


@dataclass(frozen=True)
class Recommendation:
    gap: RoleGap
    suggestions: tuple[Suggestion, ...]


def weakest_gaps(framework: Framework, scores: Mapping[str, CompetencyScore]) -> list[RoleGap]:
    """Without a role profile: every competency below the top level, weakest first."""
    gaps = []
    levels = framework.levels
    for competency in framework.competencies:
        found = scores.get(competency.id)
        score = found.score if found else None
        level = level_for(framework, score)
        index = levels.index(level) if level is not None else -1
        if index + 1 >= len(levels):
            continue
        target = levels[index + 1]
        gaps.append(RoleGap(competency.id, target, level, score, 1, target.min - (score or 0.0)))
    gaps.sort(key=lambda g: (g.score is not None, g.score or 0.0, g.competency_id))
    return gaps


def _suggest(packs: Sequence[Pack], competency: str, best: Mapping[ExerciseKey, float],
             taken: set[tuple[str, str]]) -> list[Suggestion]:
    found = []
    for pack in packs:
        for module in pack.modules:
            if module.kind not in TRAINING_KINDS or (pack.id, module.id) in taken:
                continue
            todo = [(e.weights[competency], -i, e.id) for i, e in enumerate(module.exercises)
                    if e.weights.get(competency, 0) > 0
                    and best.get((pack.id, e.id), 0.0) < MASTERED]
            if not todo:
                continue
            gain = sum(w * (1.0 - best.get((pack.id, e), 0.0)) for w, _, e in todo)
            todo.sort(reverse=True)
            unanswered = sum((pack.id, e) not in best for _, _, e in todo)
            found.append(Suggestion(pack.id, module.id, module.title,
                                    tuple(e for _, _, e in todo), unanswered, gain))
    order = {(p.id, m.id): i for i, (p, m) in enumerate((p, m) for p in packs for m in p.modules)}
    found.sort(key=lambda s: (-round(s.gain, 9), order[(s.pack_id, s.module_id)]))
    return found


def recommend(packs: Sequence[Pack], best: Mapping[ExerciseKey, float], role_id: str | None, *,
              gaps: int = 3, per_gap: int = 3) -> list[Recommendation]:
    """Pure rule behind ``recommendations``: best results in, ordered study advice out."""
    framework = merged_framework(packs)
    if framework is None:
        return []
    scores = score_competencies(best, exercise_weights(packs), framework)
    if role_id is None:
        ranked = weakest_gaps(framework, scores)
    else:
        try:
            ranked = role_gap(framework, scores, role_id)
        except KeyError:
            known = ", ".join(r.id for r in framework.roles)
            raise UnknownRole(f"The role profile {role_id!r} is not in the competency framework.",
                              hint=f"Use one of: {known}.") from None
    taken: set[tuple[str, str]] = set()
    advice = []
    for gap in ranked:
        suggestions = _suggest(packs, gap.competency_id, best, taken)[:per_gap]
        if not suggestions:
            continue
        taken |= {(s.pack_id, s.module_id) for s in suggestions}
        advice.append(Recommendation(gap, tuple(suggestions)))
        if len(advice) == gaps:
            break
    return advice


def recommendations(db: Any, learner_id: int, packs: Iterable[Pack], role_id: str | None, *,
                    gaps: int = 3, per_gap: int = 3) -> list[Recommendation]:
    """Study advice for a learner's largest gaps to their role (weakest areas without one)."""
    from trainer.analytics.learner import best_scores

    packs = list(packs)
    best = best_scores(db, learner_id, [p.id for p in packs])
    return recommend(packs, best, role_id, gaps=gaps, per_gap=per_gap)
