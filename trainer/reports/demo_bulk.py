"""The fast bulk generator behind ``trainer.reports.demo.generate`` (export benchmarks).

Answers are graded once per exercise and variant, then reused: a million attempts cost only the
row inserts (executemany in one transaction), not a million gradings.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from trainer.analytics import summaries
from trainer.content.errors import ResponseInvalid
from trainer.content.grading import grade
from trainer.content.model import Exercise, Pack
from trainer.reports.demo_answers import make_response
from trainer.reports.demo_people import make_people
from trainer.store import credits, summary
from trainer.store.db import Database
from trainer.store.exchange import (
    bulk_insert,
    department_ids,
    indexes_built_after,
    learner_ids,
)
from trainer.store.models import Attempt, Enrollment, Learner, LessonProgress

Variant = tuple[dict[str, Any], float | None]
EPOCH = datetime(2026, 1, 5, tzinfo=UTC)  # fixed, so the data is the same on every run


def _variants(exercise: Exercise, rng: random.Random) -> tuple[list[Variant], list[Variant]]:
    """A few right and wrong answers to this exercise with their real grades."""
    right: list[Variant] = []
    wrong: list[Variant] = []
    for knows, bucket in ((True, right), (False, wrong)):
        for _ in range(3):
            response = make_response(exercise, knows, rng)
            try:
                bucket.append((response, grade(exercise, response).score))
            except ResponseInvalid:
                continue
    return right, wrong


def bulk_rows(db: Database, *, learners: int, attempts_per_learner: int, seed: int,
              pack: Pack, days: int) -> int:
    """Write the learners, their enrolment and progress, and their attempts; returns attempts."""
    rng = random.Random(seed)
    exercises = [e for e in pack.exercises()]
    graded = {e.id: _variants(e, rng) for e in exercises}
    exercises = [e for e in exercises if graded[e.id][0] and graded[e.id][1]]
    if not exercises:
        raise ValueError(f"the pack {pack.id} has no exercises to answer")
    people = make_people(rng, learners, staff=False)
    summaries.ensure(db, [pack])  # the weights first: the summaries are derived once, below
    with db.session() as session:
        departments = department_ids(session, (p.department for p in people))
        bulk_insert(session, Learner, (
            {"employee_no": p.employee_no, "name": p.name, "role": "learner",
             "department_id": departments[p.department]} for p in people))
        ids = list(learner_ids(session, [p.employee_no for p in people]).values())
        bulk_insert(session, Enrollment, ({"learner_id": i, "pack_id": pack.id,
                                           "enrolled_at": EPOCH} for i in ids))
        bulk_insert(session, LessonProgress, _lessons(ids, pack, rng))
        with indexes_built_after(session, Attempt):
            written = bulk_insert(session, Attempt, _attempts(
                ids, exercises, graded, pack, rng, attempts_per_learner, days, db.device_id))
        summary.refresh(session, learner_ids=ids)
        credits.sync(session, learner_ids=ids)
    return written


def _lessons(ids: list[int], pack: Pack, rng: random.Random) -> Iterator[dict[str, Any]]:
    for learner_id in ids:
        reached = rng.randrange(len(pack.modules) + 1)
        for index, module in enumerate(pack.modules[:reached]):
            done = index < reached - 1 or rng.random() < 0.5
            yield {"learner_id": learner_id, "pack_id": pack.id, "module_id": module.id,
                   "status": "completed" if done else "in_progress",
                   "seconds": module.minutes * 60, "position": {"scroll": 1.0 if done else 0.5},
                   "updated_at": EPOCH + timedelta(days=index),
                   "completed_at": EPOCH + timedelta(days=index) if done else None}


def _attempts(ids: list[int], exercises: list[Exercise],
              graded: dict[str, tuple[list[Variant], list[Variant]]], pack: Pack,
              rng: random.Random, per_learner: int, days: int,
              device: uuid.UUID | None) -> Iterator[dict[str, Any]]:
    span = days * 86_400
    count = len(exercises)
    prefix = rng.getrandbits(64) << 64  # ids ascend, so the primary key index only appends
    serial = 0
    for learner_id in ids:
        ability = rng.uniform(0.35, 0.95)
        offset = rng.randrange(count)
        times = sorted(rng.randrange(span) for _ in range(per_learner))
        for n, second in enumerate(times):
            exercise = exercises[(offset + n) % count]
            right, wrong = graded[exercise.id]
            chance = ability + 0.15 * n / per_learner  # a learning curve
            response, score = rng.choice(right if rng.random() < chance else wrong)
            started = EPOCH + timedelta(seconds=second)
            finished = started + timedelta(seconds=30 + second % 90)
            serial += 1
            yield {"id": uuid.UUID(int=prefix | serial, version=4),
                   "learner_id": learner_id, "pack_id": pack.id,
                   "pack_version": pack.version, "exercise_id": exercise.id,
                   "response": response, "score": score, "weights": exercise.weights,
                   "started_at": started, "finished_at": finished, "device_id": device,
                   "recorded_at": finished}
