"""Question pools of an assessment: ``draw:`` (competency → questions per sitting) and
``max_recall:``, read from the front matter, checked against the questions the module gives, and
the random draw a sitting uses (courses/README.md, "题库抽题").

A pool that cannot fill a sitting is an error, found when the pack is validated, so a learner
never meets a sitting the pack cannot build. The draw itself is pure (a ``random.Random`` is
passed in), so the store and the tests decide where randomness comes from.
"""

from __future__ import annotations

import math
import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from trainer.content.model import Exercise, Module
from trainer.content.problems import did_you_mean
from trainer.content.yamltext import Fields, LineDict, describe

_TRIES = 64  # random draws tried before the one with the fewest recall questions


@dataclass
class Pool:
    draw: dict[str, int] = field(default_factory=dict)
    max_recall: float | None = None


def read_pool(fields: Fields, kind: str, exercises: Sequence[Exercise],
              competencies: Collection[str]) -> Pool:
    """``draw:`` and ``max_recall:`` of a module, with every problem reported at its line."""
    pool = Pool()
    problems, file = fields.problems, fields.file
    if "draw" in fields.data and fields.data["draw"] is not None:
        pool.draw = _draw(fields, competencies)
    if "max_recall" in fields.data and fields.data["max_recall"] is not None:
        pool.max_recall = _share(fields)
    for key in ("draw", "max_recall"):
        if key in fields.data and kind != "assessment":
            problems.warning(file, fields.line(key), f"'{key}' applies only to 'kind: "
                             f"assessment'; this module is '{kind}'.")
    if kind != "assessment":
        return Pool()
    if pool.max_recall is not None and not pool.draw:
        problems.warning(file, fields.line("max_recall"), "'max_recall' has no effect without "
                         "'draw'; every question is used in each sitting.")
    if pool.draw:
        _check_fill(fields, pool, exercises)
    return pool


def _draw(fields: Fields, competencies: Collection[str]) -> dict[str, int]:
    value = fields.data["draw"]
    problems, file = fields.problems, fields.file
    if not isinstance(value, LineDict) or not value:
        problems.error(file, fields.line("draw"), "'draw' must list competencies with the "
                       f"number of questions a sitting draws (got {describe(value)}); write "
                       "e.g. 'draw: {data-sharing: 3, data-security: 3}'.")
        return {}
    draw: dict[str, int] = {}
    for key, count in value.items():
        line = value.line_of(key)
        name = str(key)
        if competencies and name not in competencies:
            problems.error(file, line, f"'draw' names competency '{name}', which "
                           f"competencies.yaml does not define{did_you_mean(name, competencies)}")
            continue
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 1000:
            problems.error(file, line, f"the number of questions to draw for '{name}' must be "
                           f"a whole number from 1 to 1000 (got {describe(count)}).")
            continue
        draw[name] = count
    return draw


def _share(fields: Fields) -> float | None:
    value = fields.data["max_recall"]
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        fields.problems.error(fields.file, fields.line("max_recall"), "'max_recall' must be a "
                              f"share above 0 and at most 1, e.g. 0.5 (got {describe(value)}).")
        return None
    return float(value)


def _check_fill(fields: Fields, pool: Pool, exercises: Sequence[Exercise]) -> None:
    problems, file = fields.problems, fields.file
    by_competency = members(exercises)
    lines = fields.data["draw"]
    for competency, count in pool.draw.items():
        have = len(by_competency.get(competency, ()))
        if have < count:
            problems.error(file, lines.line_of(competency), f"'draw' takes {count} question(s) "
                           f"of '{competency}' per sitting, but the pool has {have}; add "
                           "questions whose first competency is this one, or draw fewer.")
    named = {str(key) for key in lines}  # a wrong count is reported already, not again here
    for exercise in exercises:
        if exercise.competency not in named:
            problems.warning(exercise.file, exercise.line, f"exercise {exercise.id} is never "
                             f"drawn: its competency '{exercise.competency}' is not in the "
                             "module's 'draw'; add it there or move the question.")
    if pool.max_recall is not None and not problems.has_errors:
        least = fewest_recall(pool.draw, by_competency)
        allowed = recall_allowed(pool.draw, pool.max_recall)
        if least > allowed:
            problems.error(file, fields.line("max_recall"), f"every sitting would have at "
                           f"least {least} recall question(s) of {sum(pool.draw.values())}, "
                           f"but 'max_recall: {pool.max_recall:g}' allows {allowed}; add "
                           "questions that are not 'cognitive: recall', or raise the share.")


def members(exercises: Sequence[Exercise]) -> dict[str, list[Exercise]]:
    """The pool per primary competency, in document order."""
    result: dict[str, list[Exercise]] = {}
    for exercise in exercises:
        if exercise.competency is not None:
            result.setdefault(exercise.competency, []).append(exercise)
    return result


def recall_allowed(draw: dict[str, int], share: float | None) -> int:
    """Most recall questions a sitting may have: fewer than ``share`` of its questions."""
    total = sum(draw.values())
    if share is None:
        return total
    return max(0, math.ceil(share * total - 1e-9) - 1)


def fewest_recall(draw: dict[str, int], by_competency: dict[str, list[Exercise]]) -> int:
    """Recall questions a sitting cannot avoid: where a competency lacks other questions."""
    least = 0
    for competency, count in draw.items():
        others = sum(1 for e in by_competency.get(competency, ()) if e.cognitive != "recall")
        least += max(0, count - others)
    return least


def draw_questions(module: Module, rng: random.Random,
                   previous: Collection[str] = ()) -> tuple[str, ...]:
    """Exercise ids for one sitting, in the module's order: ``draw[c]`` at random from each
    competency's pool, preferring questions the ``previous`` sitting did not have (a retake
    sees other questions where the pool allows), with recall under ``max_recall``.

    Without ``draw`` every question is used. Raises ``ValueError`` for a pool the validator
    would have refused (too few questions)."""
    if not module.draw:
        return tuple(e.id for e in module.exercises)
    by_competency = members(module.exercises)
    for competency, count in module.draw.items():
        if len(by_competency.get(competency, ())) < count:
            raise ValueError(f"the pool of {module.id} has too few questions of {competency}")
    allowed = recall_allowed(module.draw, module.max_recall)
    seen = set(previous)
    chosen: set[str] = set()
    for attempt in range(_TRIES + 1):
        chosen = set()
        for competency, count in module.draw.items():
            ranked = sorted(by_competency[competency], key=lambda e: (
                attempt == _TRIES and e.cognitive == "recall", e.id in seen, rng.random()))
            chosen.update(e.id for e in ranked[:count])
        recall = sum(1 for e in module.exercises if e.id in chosen and e.cognitive == "recall")
        if recall <= allowed:
            break
    return tuple(e.id for e in module.exercises if e.id in chosen)


@dataclass(frozen=True)
class PoolRow:
    """One competency of a pool as the workspace shows it."""

    competency_id: str
    pool: int  # questions whose primary competency this is
    draw: int  # of which one sitting takes
    recall: int  # questions of the pool marked 'cognitive: recall'


def pool_rows(module: Module) -> list[PoolRow]:
    """Per competency of the ``draw``: pool size, draw count and recall questions in the pool
    (the workspace's summary of a pool; empty without ``draw``)."""
    by_competency = members(module.exercises)
    return [PoolRow(competency, len(by_competency.get(competency, ())), count,
                    sum(1 for e in by_competency.get(competency, ()) if e.cognitive == "recall"))
            for competency, count in module.draw.items()]
