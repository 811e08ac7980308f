"""The competency model's arithmetic (DESIGN §4) as pure functions over plain values.

A competency score is the weighted mean of a learner's best result per exercise, 0–100, with the
number of exercises behind it. Everything else (single learner, cohorts) follows these rules, so
the screens, exports and tests agree on every number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trainer.analytics.rounding import settled
from trainer.content.model import Framework, Level, Pack

ExerciseKey = tuple[str, str]  # (pack id, exercise id)
Weights = Mapping[ExerciseKey, Mapping[str, float]]

MASTERED = 0.8  # a best result (0..1) at or above this counts as mastered


@dataclass(frozen=True)
class CompetencyScore:
    competency_id: str
    score: float  # 0–100
    exercises: int  # how many answered exercises the score rests on
    level: Level | None


@dataclass(frozen=True)
class RoleGap:
    competency_id: str
    target: Level
    level: Level | None  # reached level, None when there is no evidence yet
    score: float | None
    gap_levels: int  # target level position − reached level position (≥ 1)
    gap_points: float  # target level's minimum − score (score 0 when no evidence)


def exercise_weights(packs: Iterable[Pack]) -> dict[ExerciseKey, dict[str, float]]:
    """Competency weights of every exercise in the given packs, keyed by (pack id, exercise id)."""
    return {(pack.id, ex.id): dict(ex.weights) for pack in packs for ex in pack.exercises()
            if ex.weights}


def assessment_marks(pack: Pack) -> dict[str, tuple[int, int]]:
    """Final-assessment exercise id → (questions in one sitting, pass mark in percent). With a
    question pool every question of the pool maps to the draw's size: a sitting's points are
    summed over the questions it drew, whichever they were."""
    marks = {}
    for module in pack.modules:
        if module.kind == "assessment" and module.exercises:
            mark = module.pass_mark if module.pass_mark is not None else pack.pass_mark
            marks.update((e.id, (module.sitting_size, int(mark))) for e in module.exercises)
    return marks


def merged_framework(packs: Iterable[Pack]) -> Framework | None:
    """One framework for several packs: the first pack's, plus competencies and roles others add."""
    packs = list(packs)
    if not packs:
        return None
    first = packs[0].framework
    competencies = list(first.competencies)
    roles = list(first.roles)
    seen_c = {c.id for c in competencies}
    seen_r = {r.id for r in roles}
    for pack in packs[1:]:
        competencies += [c for c in pack.framework.competencies if c.id not in seen_c]
        roles += [r for r in pack.framework.roles if r.id not in seen_r]
        seen_c |= {c.id for c in pack.framework.competencies}
        seen_r |= {r.id for r in pack.framework.roles}
    return Framework(first.levels, tuple(competencies), tuple(roles))


def level_for(framework: Framework, score: float | None) -> Level | None:
    """Highest framework level whose minimum the score reaches (None without a score).

    Boundaries are inclusive and exact (39.99 is below 40), but the last-bit noise of a
    database's float sums (74.99999999999999 on one, 75.00000000000001 on the other) cannot
    change a level: the score is ``rounding.settled`` first.
    """
    return None if score is None else framework.level_for(settled(score))


def score_competencies(best: Mapping[ExerciseKey, float], weights: Weights,
                       framework: Framework | None = None) -> dict[str, CompetencyScore]:
    """Weighted mean of best results (0..1) per competency, as 0–100 with its evidence count.

    Exercises without weights (not in the packs) are ignored; so are competencies nobody answered.
    """
    sums: dict[str, float] = {}
    totals: dict[str, float] = {}
    counts: dict[str, int] = {}
    for key, result in best.items():
        for competency, weight in weights.get(key, {}).items():
            if weight <= 0:
                continue
            sums[competency] = sums.get(competency, 0.0) + weight * result
            totals[competency] = totals.get(competency, 0.0) + weight
            counts[competency] = counts.get(competency, 0) + 1
    scores: dict[str, CompetencyScore] = {}
    for competency, total in totals.items():
        value = 100.0 * sums[competency] / total
        level = level_for(framework, value) if framework is not None else None
        scores[competency] = CompetencyScore(competency, value, counts[competency], level)
    return scores


def best_results(rows: Iterable[tuple[str, str, float | None]]) -> dict[ExerciseKey, float]:
    """Best score per (pack, exercise) from (pack id, exercise id, score) rows; pending rows skipped."""
    best: dict[ExerciseKey, float] = {}
    for pack_id, exercise_id, score in rows:
        if score is None:
            continue
        key = (pack_id, exercise_id)
        if score > best.get(key, -1.0):
            best[key] = score
    return best


def role_gap(framework: Framework, scores: Mapping[str, CompetencyScore],
             role_id: str) -> list[RoleGap]:
    """Competencies where the learner is below the role's target level, largest gap first.

    Raises KeyError for a role the framework does not define.
    """
    role = framework.role(role_id)
    position = {level.id: index for index, level in enumerate(framework.levels)}
    by_id = {level.id: level for level in framework.levels}
    gaps: list[RoleGap] = []
    for competency_id, target_id in role.targets.items():
        target = by_id.get(target_id)
        if target is None:
            continue
        found = scores.get(competency_id)
        score = found.score if found else None
        level = level_for(framework, score)
        reached = position[level.id] if level is not None else -1
        if reached >= position[target.id]:
            continue
        gaps.append(RoleGap(competency_id, target, level, score, position[target.id] - reached,
                            target.min - (score or 0.0)))
    gaps.sort(key=lambda g: (-g.gap_levels, -g.gap_points, g.competency_id))
    return gaps


def role_targets(framework: Framework, role_id: str) -> dict[str, float]:
    """The role's target per competency as the score (0–100) that reaches the target level."""
    by_id = {level.id: level for level in framework.levels}
    role = framework.role(role_id)
    return {c: float(by_id[t].min) for c, t in role.targets.items() if t in by_id}
