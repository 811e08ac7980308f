"""One demo person's months of study: when they study, what they open, how they answer.

Each person has an ability, a keenness (how often they study, mostly on weekdays), and may drop
out. Answers get better with modules done and with retries (a learning curve); the final
assessment is taken as a sitting (every answer shares the sitting's start, as in the app) and
retaken on a later day when failed. Scores come from the real grader.
"""

from __future__ import annotations

import math
import random
import uuid
import zlib
from datetime import datetime, timedelta
from typing import Any

from trainer.content.errors import ResponseInvalid
from trainer.content.grading import grade
from trainer.content.model import Exercise, Module, Pack
from trainer.reports.demo_answers import make_response
from trainer.reports.demo_people import Person

_RANK = {"in_progress": 1, "completed": 2}


def difficulty(exercise: Exercise) -> float:
    """A fixed difficulty per exercise (-0.6 … 1.0), the same on every run."""
    return (zlib.crc32(exercise.id.encode()) % 1000) / 1000 * 1.6 - 0.6


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


class Study:
    """Simulate one person; the results are ``lessons``, ``attempts`` and ``enrolled_at``."""

    def __init__(self, person: Person, pack: Pack, rng: random.Random, start: datetime,
                 days: int) -> None:
        self.person, self.pack, self.rng = person, pack, rng
        self.ability = rng.gauss(0.0, 0.9)
        self._lessons: dict[str, dict[str, Any]] = {}
        self.attempts: list[dict[str, Any]] = []
        self.enrolled_at: datetime | None = None
        self.done = 0
        self.passed = False
        self.last_seen: datetime | None = None  # the end of the latest study session
        if rng.random() < 0.08:  # enrolled by HR but never started
            return
        queue = [m for m in pack.modules if m.kind != "reference"]
        queue += [m for m in pack.modules if m.kind == "reference"]
        self._live(queue, start, days)

    @property
    def lessons(self) -> list[dict[str, Any]]:
        return list(self._lessons.values())

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
                    module = queue.pop(0)
                    clock = self._study(module, clock)
                    if module.kind == "assessment" and not self.passed and rng.random() < 0.7:
                        queue.append(module)  # retaken on a later day
                    clock += timedelta(minutes=rng.randrange(1, 15))

    def _study(self, module: Module, clock: datetime) -> datetime:
        rng = self.rng
        seconds = int(module.minutes * 60 * rng.uniform(0.5, 1.4))
        finished = not module.exercises or rng.random() < 0.93
        if module.kind == "assessment":
            clock, finished = self._sit(module, clock), True
        else:
            clock += timedelta(seconds=seconds * 0.6)
            for exercise in module.exercises:
                clock = self._answer(exercise, clock, tries=0)
        self._remember(module, seconds, finished, clock)
        self.done += 1
        self.last_seen = clock
        return clock

    def _remember(self, module: Module, seconds: int, finished: bool, clock: datetime) -> None:
        status = "completed" if finished else "in_progress"
        row = self._lessons.get(module.id)
        if row is None:
            self._lessons[module.id] = {
                "pack_id": self.pack.id, "module_id": module.id, "seconds": seconds,
                "status": status, "updated_at": clock, "completed_at": clock if finished else None,
                "position": {"scroll": 1.0 if finished else round(self.rng.uniform(0.2, 0.8),
                                                                     2)}}
            return
        row["seconds"] += seconds
        row["updated_at"] = clock
        if _RANK[status] > _RANK[row["status"]]:
            row["status"], row["position"] = status, {"scroll": 1.0}
            row["completed_at"] = clock  # the day its 学时 are earned

    def _sit(self, module: Module, clock: datetime) -> datetime:
        """One sitting of the final assessment: every answer shares the sitting's start."""
        from trainer.content.pool import draw_questions

        started, points = clock, 0.0
        drawn = set(draw_questions(module, self.rng))  # a question pool: this sitting's draw
        for exercise in module.exercises:
            if exercise.id not in drawn:
                continue
            score, clock = self._attempt(exercise, started, clock, boost=0.3)
            points += score or 0.0
        mark = module.pass_mark if module.pass_mark is not None else self.pack.pass_mark
        self.passed = self.passed or points * 100 >= mark * module.sitting_size
        return clock

    def _answer(self, exercise: Exercise, clock: datetime, tries: int) -> datetime:
        score, clock = self._attempt(exercise, clock, clock, boost=0.7 * tries)
        if score is not None and score < 1 and tries < 2 and self.rng.random() < 0.35:
            clock = self._answer(exercise, clock + timedelta(seconds=20), tries + 1)
        return clock

    def _attempt(self, exercise: Exercise, started: datetime, clock: datetime,
                 boost: float) -> tuple[float | None, datetime]:
        """Answer one exercise; the score (None: waits for a trainer) and the time after it."""
        rng = self.rng
        skill = self.ability + 0.9 + 0.08 * self.done + boost - difficulty(exercise)
        response = make_response(exercise, rng.random() < _sigmoid(skill), rng)
        try:
            result = grade(exercise, response)
        except ResponseInvalid:  # an exercise the simulation cannot answer: skip it
            return None, clock
        finished = clock + timedelta(seconds=rng.randrange(15, 150))
        self.attempts.append({
            "id": uuid.UUID(int=rng.getrandbits(128), version=4), "pack_id": self.pack.id,
            "pack_version": self.pack.version, "exercise_id": exercise.id, "response": response,
            "score": result.score, "weights": dict(exercise.weights), "started_at": started,
            "finished_at": finished, "recorded_at": finished})
        return result.score, finished
