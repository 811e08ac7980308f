"""A seeded learner for dashboard tests and screenshots: real built-in course, known numbers.

王小明 (E1001, 市数据局) studied the zh-CN course: modules 1–3 completed, module 4 in
progress; answered the whole first lesson (some wrong, then retried), part of a case, and passed
the final assessment at the second sitting. A colleague in the same department gives the
department average.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from trainer.content.model import Pack
from trainer.content.pool import draw_questions

NOW = datetime.now(UTC).replace(microsecond=0)


def _answer(rows: list[dict[str, Any]], learner: int, pack: Pack, exercise_id: str,
            score: float | None, when: datetime) -> None:
    rows.append({"learner_id": learner, "pack_id": pack.id, "pack_version": pack.version,
                 "exercise_id": exercise_id, "response": {"seeded": True}, "score": score,
                 "weights": dict(pack.exercise(exercise_id).weights), "started_at": when,
                 "finished_at": when + timedelta(seconds=40)})


def seed(db: Any, pack: Pack) -> dict[str, int]:
    """Two learners of 市数据局 with a known history; returns their ids by employee number."""
    from trainer.store.bulk import insert_attempts
    from trainer.store.learners import create_learner
    from trainer.store.progress import enroll, record_lesson_progress

    me = create_learner(db, "E1001", "王小明", "市数据局").id
    colleague = create_learner(db, "E1002", "李华", "市数据局").id
    modules = list(pack.modules)
    for index, module in enumerate(modules[:4]):
        status = "completed" if index < 3 else "in_progress"
        record_lesson_progress(db, me, pack.id, module.id, status=status,
                               add_seconds=900 + 300 * index)
    rows: list[dict[str, Any]] = []
    start = NOW - timedelta(days=40)
    for day, module in enumerate(modules[:3]):
        for n, exercise in enumerate(module.exercises):
            when = start + timedelta(days=3 * day, minutes=5 * n)
            first = 0.0 if n % 3 == 0 else 1.0
            _answer(rows, me, pack, exercise.id, first, when)
            if n % 3 == 0 and n % 2 == 0:  # retried and got right later
                _answer(rows, me, pack, exercise.id, 1.0, when + timedelta(days=1))
    final = next(m for m in modules if m.kind == "assessment")
    for sitting, share in ((NOW - timedelta(days=5), 0.4), (NOW - timedelta(days=2), 0.8)):
        # a question pool: the sitting answers one draw (a fixed one, so scores are exact)
        drawn = set(draw_questions(final, random.Random(sitting.day)))
        questions = [e for e in final.exercises if e.id in drawn]
        for n, exercise in enumerate(questions):
            _answer(rows, me, pack, exercise.id, 1.0 if n < len(questions) * share else 0.0,
                    sitting)
    for n, exercise in enumerate(pack.exercises()):
        _answer(rows, colleague, pack, exercise.id, 0.5 if n % 2 else 1.0, start)
    insert_attempts(db, rows)
    enroll(db, me, pack.id)
    enroll(db, colleague, pack.id)
    return {"E1001": me, "E1002": colleague}
