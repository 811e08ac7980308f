"""The rules of a final-assessment sitting that outlives the window: time left, resuming, and
handing in (the saved answers graded, as the screen would have done).

The screen and the tests read the time through ``clock`` (replace it to control time). With a
time limit, the pack's ``time_away`` says what happens while the learner is away: "runs" (the
clock is the wall clock from the start; a sitting whose limit passed meanwhile is handed in with
the answers saved) or "pauses" (only time with the sitting open counts).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from trainer.content.model import Exercise, Module, Pack
from trainer.content.pool import draw_questions
from trainer.store import sittings as store
from trainer.store.sittings import SittingState


def _now() -> datetime:
    return datetime.now(UTC)


clock: Callable[[], datetime] = _now  # the one time source of sittings (tests replace it)


def time_left(state: SittingState, at: datetime, on_screen: float = 0.0) -> float | None:
    """Seconds left at ``at`` (None: no limit). ``on_screen``: time open since ``seconds_used``
    was last saved, for a clock that pauses while away."""
    if state.time_limit is None:
        return None
    if state.clock == "runs":
        used = (at - state.started_at).total_seconds()
    else:
        used = state.seconds_used + on_screen
    return max(0.0, state.time_limit - used)


def begin(db: Any, learner_id: int, pack: Pack, module: Module,
          rng: random.Random | None = None) -> SittingState:
    """A new sitting of the final, saved before the first question shows. From a question
    pool (``draw:``) its questions are drawn now, others than the last sitting's where the pool
    allows, and kept with it, so resuming shows the same ones."""
    limit = int(module.time_limit) * 60 if module.time_limit else None
    questions = None
    if module.draw:
        previous = store.last_questions(db, learner_id, pack.id, module.id)
        questions = list(draw_questions(module, rng or random.SystemRandom(), previous))
    return store.begin_sitting(db, learner_id, pack.id, pack.version, module.id,
                               started_at=clock(), time_limit=limit, clock=module.time_away,
                               questions=questions)


def questions(module: Module, state: SittingState | None) -> tuple[Exercise, ...]:
    """The questions of a sitting, in the order shown: those drawn for it (ids a newer pack
    no longer has are left out), else every question of the module."""
    if state is None or state.questions is None:
        return module.exercises
    by_id = {e.id: e for e in module.exercises}
    drawn = tuple(by_id[i] for i in state.questions if i in by_id)
    return drawn or module.exercises


@dataclass(frozen=True)
class Graded:
    rows: list[dict[str, Any]]  # what becomes attempts: answered questions only
    scores: dict[str, float | None]  # exercise id → score (None: waits for a trainer)
    grades: dict[str, Any]  # exercise id → Grade, for every question (the review)


def grade_answers(module: Module, answers: Mapping[str, Any],
                  state: SittingState | None = None) -> Graded:
    """Grade a sitting's answers to its questions (``questions``); a question without an
    answer is unanswered and not saved, nor is an answer to a question not drawn."""
    from trainer.content.grading import grade

    rows, scores, grades = [], {}, {}
    for exercise in questions(module, state):
        response = answers.get(exercise.id)
        result = grade(exercise, response)
        grades[exercise.id] = result
        if not result.answered or response is None:
            continue
        scores[exercise.id] = result.score
        rows.append({"exercise_id": exercise.id, "response": response, "score": result.score,
                     "weights": dict(exercise.weights)})
    return Graded(rows, scores, grades)


def hand_in(db: Any, module: Module, state: SittingState, answers: Mapping[str, Any],
            at: datetime) -> tuple[Graded, bool]:
    """Grade and hand in; the bool is False when the sitting had been handed in already."""
    graded = grade_answers(module, answers, state)
    return graded, store.hand_in(db, state.id, graded.rows, at=at)


@dataclass(frozen=True)
class Resumed:
    open: SittingState | None  # the sitting to continue, if any
    handed_in: bool  # a sitting whose time ran out while away was handed in just now


def resume(db: Any, learner_id: int, pack: Pack, module: Module) -> Resumed:
    """The learner's open sitting of an assessment module; one whose limit passed while away
    (clock "runs") is handed in first, dated when its time ran out."""
    state = store.open_sitting(db, learner_id, pack.id, module.id)
    if state is None:
        return Resumed(None, False)
    now = clock()
    left = time_left(state, now)
    if left is not None and left <= 0:
        limit = timedelta(seconds=state.time_limit or 0)
        at = min(now, state.started_at + limit) if state.time_limit else now
        hand_in(db, module, state, state.answers, max(at, state.started_at))
        return Resumed(None, True)
    return Resumed(state, False)
