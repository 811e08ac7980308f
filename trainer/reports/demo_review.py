"""Demo review history: 今日复习 and 每日一练 in the last weeks of the demo, so the review panel,
the 错题本, the streak and the calendar have something true to show.

After a person's study (``demo_study``) their practice answers are replayed through the same
scheduler the app uses (``store.review.advance``). About a third of the people then keep a
review habit: on some days of the last four weeks they answer what is due (the first five as
每日一练, the rest as 今日复习). Their own random stream keeps the study itself unchanged, and
every review answer is an ordinary attempt marked as review, as in the app.
"""

from __future__ import annotations

import math
import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from trainer.content.errors import ResponseInvalid
from trainer.content.grading import grade
from trainer.content.model import Pack
from trainer.reports.demo_answers import make_response
from trainer.reports.demo_study import Study, difficulty
from trainer.store.review import ItemState, advance, rating_for

PRACTICE_KINDS = ("lesson", "case")
HABIT_DAYS = 28
DAILY = 5


def _practice_ids(pack: Pack) -> set[str]:
    return {e.id for m in pack.modules if m.kind in PRACTICE_KINDS for e in m.exercises}


def _rating(row: dict[str, Any]) -> int | None:
    return rating_for(row["score"], (row["finished_at"] - row["started_at"]).total_seconds())


def replay(pack: Pack, attempts: list[dict[str, Any]]) -> dict[str, ItemState]:
    """Review items (by exercise id) after the practice answers, oldest first."""
    practice = _practice_ids(pack)
    states: dict[str, ItemState] = {}
    for row in sorted(attempts, key=lambda r: r["finished_at"]):
        rating = _rating(row)
        if row["exercise_id"] in practice and rating is not None:
            states[row["exercise_id"]] = advance(states.get(row["exercise_id"], ItemState()),
                                                 rating, row["finished_at"])
    return states


def practise(study: Study, pack: Pack, seed: int, end: datetime
             ) -> tuple[dict[str, ItemState], list[dict[str, Any]]]:
    """Review days in one person's last four weeks: their items and the review marks
    (``attempt_id``, ``kind``, ``rating``, ``answered_at``); attempts go into ``study``."""
    rng = random.Random(f"{seed}-review-{study.person.employee_no}")
    studied = sorted(study.attempts, key=lambda r: r["finished_at"])
    if not studied or rng.random() > 0.35:
        return replay(pack, studied), []
    habit = rng.uniform(0.25, 0.75)
    practice = _practice_ids(pack)
    states: dict[str, ItemState] = {}
    marks: list[dict[str, Any]] = []
    for back in range(HABIT_DAYS, -1, -1):
        day = end - timedelta(days=back)
        clock = day.replace(hour=rng.randrange(0, 11), minute=rng.randrange(60))
        while studied and studied[0]["finished_at"] <= clock:  # the study up to that moment
            row = studied.pop(0)
            rating = _rating(row)
            if row["exercise_id"] in practice and rating is not None:
                states[row["exercise_id"]] = advance(states.get(row["exercise_id"], ItemState()),
                                                     rating, row["finished_at"])
        if back == 0 or rng.random() > habit:
            continue
        due = sorted((s.due, key) for key, s in states.items() if s.due and s.due <= clock)
        for number, (_due, exercise_id) in enumerate(due[:DAILY + 3]):
            clock = _review(study, pack, rng, states, exercise_id, clock, marks,
                            "daily" if number < DAILY else "review")
    for exercise_id, state in replay(pack, studied).items():  # study after the last review day
        states[exercise_id] = state if exercise_id not in states else _replay_onto(
            states[exercise_id], [r for r in studied if r["exercise_id"] == exercise_id])
    return states, marks


def _replay_onto(state: ItemState, rows: list[dict[str, Any]]) -> ItemState:
    for row in rows:
        rating = _rating(row)
        if rating is not None:
            state = advance(state, rating, row["finished_at"])
    return state


def _review(study: Study, pack: Pack, rng: random.Random, states: dict[str, ItemState],
            exercise_id: str, clock: datetime, marks: list[dict[str, Any]], kind: str
            ) -> datetime:
    exercise = pack.exercise(exercise_id)
    state = states[exercise_id]
    skill = study.ability + 1.2 + 0.25 * state.reviews - difficulty(exercise)
    response = make_response(exercise, rng.random() < 1 / (1 + math.exp(-skill)), rng)
    try:
        result = grade(exercise, response)
    except ResponseInvalid:
        return clock
    finished = clock + timedelta(seconds=rng.randrange(8, 90))
    row = {"id": uuid.UUID(int=rng.getrandbits(128), version=4), "pack_id": pack.id,
           "pack_version": pack.version, "exercise_id": exercise_id, "response": response,
           "score": result.score, "weights": dict(exercise.weights), "started_at": clock,
           "finished_at": finished, "recorded_at": finished}
    rating = _rating(row)
    if rating is None:
        return clock
    study.attempts.append(row)
    states[exercise_id] = advance(state, rating, finished)
    marks.append({"attempt_id": row["id"], "kind": kind, "rating": rating,
                  "answered_at": finished})
    return finished + timedelta(seconds=rng.randrange(3, 20))


def item_rows(pack: Pack, learner_id: int, states: dict[str, ItemState]
              ) -> list[dict[str, Any]]:
    """ReviewItem columns for ``bulk_insert``."""
    return [{"learner_id": learner_id, "pack_id": pack.id, "exercise_id": exercise_id,
             "card": s.card, "due": s.due, "last_review": s.last_review, "reviews": s.reviews,
             "wrong": s.wrong, "spaced_right": s.spaced_right}
            for exercise_id, s in sorted(states.items())]
