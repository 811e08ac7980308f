"""Demonstration data: a fictional city's staff studying the built-in course for 90 days.

``fill_demo`` simulates each person (ability, pace, drop-outs, retries, a learning curve) and
grades their answers with the real grader, so every screen and report has something true to
show. ``generate`` is the fast bulk generator the export benchmarks use (1 M attempts).
Both are deterministic for a given seed (and end date), and write in one transaction.
"""

from __future__ import annotations

import math
import random
import uuid
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from trainer.config import bundled_courses_dir
from trainer.content.errors import ResponseInvalid
from trainer.content.grading import grade
from trainer.content.model import Exercise, Module, Pack
from trainer.errors import TrainerError
from trainer.reports.demo_answers import make_response
from trainer.reports.demo_people import Person, make_people
from trainer.store import audit
from trainer.store.db import Database
from trainer.store.exchange import bulk_insert, department_ids, learner_ids
from trainer.store.models import Attempt, Enrollment, Learner, LessonProgress
from trainer.store.permissions import COMMAND_LINE, Actor, require
from trainer.store.security import hash_pin

DEMO_PACK = "digital-government"
DEMO_PIN = "123456"


class DemoRefused(TrainerError):
    """Demo data goes only into a data folder without learners, never mixed with real ones."""


@dataclass(frozen=True)
class DemoSummary:
    learners: int
    departments: int
    attempts: int
    lessons: int
    staff: tuple[Person, ...]  # accounts with a role; all use DEMO_PIN


def builtin_pack() -> Pack:
    from trainer.content.loader import load_pack

    return load_pack(bundled_courses_dir() / DEMO_PACK)


def fill_demo(db: Database, *, learners: int = 60, days: int = 90, seed: int = 1,
              until: datetime | None = None, pack: Pack | None = None,
              actor: Actor | None = COMMAND_LINE) -> DemoSummary:
    """Fill an empty database with a plausible organisation and 90 days of study."""
    require(actor, "admin")
    if learners < 1 or days < 1:
        raise DemoRefused("The number of learners and of days must be at least 1.")
    _require_empty(db)
    pack = pack or builtin_pack()
    rng = random.Random(seed)
    end = (until or datetime.now(UTC)).astimezone(UTC).replace(minute=0, second=0,
                                                                microsecond=0)
    people = make_people(rng, learners)
    studies = [_Study(person, pack, rng, end - timedelta(days=days), days) for person in people]
    pins = {p.employee_no: hash_pin(DEMO_PIN) for p in people if p.role != "learner"}
    with db.session() as session:
        departments = department_ids(session, (p.department for p in people))
        bulk_insert(session, Learner, (
            {"employee_no": p.employee_no, "name": p.name, "role": p.role,
             "department_id": departments[p.department], "pin_hash": pins.get(p.employee_no),
             "email": f"{p.employee_no.lower()}@linjiang.gov.cn"} for p in people))
        ids = learner_ids(session, [p.employee_no for p in people])
        bulk_insert(session, Enrollment, (
            {"learner_id": ids[s.person.employee_no], "pack_id": pack.id,
             "enrolled_at": s.enrolled_at} for s in studies if s.enrolled_at))
        lessons = bulk_insert(session, LessonProgress, (
            {**row, "learner_id": ids[s.person.employee_no]} for s in studies for row in s.lessons))
        attempts = bulk_insert(session, Attempt, (
            {**row, "learner_id": ids[s.person.employee_no], "device_id": db.device_id}
            for s in studies for row in s.attempts))
        audit.record(session, actor, "demo.fill", {"learners": learners, "days": days,
                                                   "seed": seed, "attempts": attempts})
    staff = tuple(p for p in people if p.role != "learner")
    return DemoSummary(len(people), len(departments), attempts, lessons, staff)


def _require_empty(db: Database) -> None:
    from sqlalchemy import func, select

    with db.reader() as session:
        count = session.scalar(select(func.count()).select_from(Learner)) or 0
    if count:
        raise DemoRefused(f"This data folder already has {count} people; demonstration data "
                          "is only added to an empty one.",
                          hint="Run it with --data-dir pointing at a new folder.")


def _difficulty(exercise: Exercise) -> float:
    """A fixed difficulty per exercise (-0.6 … 1.0), the same on every run."""
    return (zlib.crc32(exercise.id.encode()) % 1000) / 1000 * 1.6 - 0.6


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


class _Study:
    """One person's 90 days: when they study, what they open, how they answer."""

    def __init__(self, person: Person, pack: Pack, rng: random.Random, start: datetime,
                 days: int) -> None:
        self.person, self.pack, self.rng = person, pack, rng
        self.ability = rng.gauss(0.0, 0.9)
        self.lessons: list[dict[str, Any]] = []
        self.attempts: list[dict[str, Any]] = []
        self.enrolled_at: datetime | None = None
        self.done = 0
        if rng.random() < 0.08:  # enrolled by HR but never started
            return
        queue = [m for m in pack.modules if m.kind != "reference"]
        queue += [m for m in pack.modules if m.kind == "reference"]
        self._live(queue, start, days)

    def _live(self, queue: list[Module], start: datetime, days: int) -> None:
        rng = self.rng
        first = rng.randrange(max(1, days // 2))
        last = first + rng.randrange(5, 45) if rng.random() < 0.2 else days  # drop-outs
        keenness = rng.uniform(0.12, 0.55)
        for day in range(first, min(last, days)):
            when = start + timedelta(days=day)
            chance = keenness if when.weekday() < 5 else keenness * 0.2
            if not queue or rng.random() >= chance:
                continue
            clock = when.replace(hour=rng.randrange(1, 9), minute=rng.randrange(60))
            if self.enrolled_at is None:
                self.enrolled_at = clock - timedelta(minutes=rng.randrange(5, 600))
            for _ in range(rng.choice((1, 1, 1, 2))):
                if queue:
                    clock = self._study(queue.pop(0), clock)

    def _study(self, module: Module, clock: datetime) -> datetime:
        rng = self.rng
        seconds = int(module.minutes * 60 * rng.uniform(0.5, 1.4))
        finished = not module.exercises or rng.random() < 0.93
        clock += timedelta(seconds=seconds * 0.6)
        for exercise in module.exercises:
            clock = self._answer(exercise, clock, tries=0)
        self.lessons.append({
            "pack_id": self.pack.id, "module_id": module.id, "seconds": seconds,
            "status": "completed" if finished else "in_progress",
            "position": {"scroll": 1.0 if finished else round(rng.uniform(0.2, 0.8), 2)},
            "updated_at": clock})
        self.done += 1
        return clock + timedelta(minutes=rng.randrange(1, 15))

    def _answer(self, exercise: Exercise, clock: datetime, tries: int) -> datetime:
        rng = self.rng
        skill = self.ability + 0.9 + 0.08 * self.done + 0.7 * tries - _difficulty(exercise)
        response = make_response(exercise, rng.random() < _sigmoid(skill), rng)
        try:
            result = grade(exercise, response)
        except ResponseInvalid:  # an exercise the simulation cannot answer: skip it
            return clock
        took = timedelta(seconds=rng.randrange(15, 150))
        self.attempts.append({
            "id": uuid.UUID(int=rng.getrandbits(128), version=4), "pack_id": self.pack.id,
            "pack_version": self.pack.version, "exercise_id": exercise.id, "response": response,
            "score": result.score, "weights": dict(exercise.weights), "started_at": clock,
            "finished_at": clock + took, "recorded_at": clock + took})
        clock += took
        if result.score is not None and result.score < 1 and tries < 2 and rng.random() < 0.35:
            clock = self._answer(exercise, clock + timedelta(seconds=20), tries + 1)
        return clock


def generate(db: Database, *, learners: int = 10_000, attempts_per_learner: int = 100,
             seed: int = 0, pack: Pack | None = None, days: int = 90) -> int:
    """Bulk data for benchmarks: ``learners`` × ``attempts_per_learner`` attempts, fast."""
    from trainer.reports.demo_bulk import bulk_rows

    return bulk_rows(db, learners=learners, attempts_per_learner=attempts_per_learner,
                     seed=seed, pack=pack or builtin_pack(), days=days)
