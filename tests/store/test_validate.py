"""The store's rules for its own writes: what a bundle is checked against too (one set of
rules, trainer.store.validate). Each value was accepted before, or crashed at commit time on
PostgreSQL; now each is a clear InvalidValue and nothing is written."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from store_builders import T0, learner

from trainer.store.db import Database
from trainer.store.errors import InvalidValue
from trainer.store.learners import create_learner, update_learner
from trainer.store.progress import attempts, lesson_states, record_attempt, record_lesson_progress

GOOD: dict[str, Any] = {"pack_id": "digital-government", "pack_version": "1.0.0",
                        "exercise_id": "ex-1", "response": {"choice": [1, 2]}, "score": 0.5,
                        "weights": {"data-literacy": 1.0}, "started_at": T0}
DEEP: list[Any] = []
for _ in range(20):
    DEEP = [DEEP]
BAD_ANSWERS = [
    ("weights", {"data-literacy": float("nan")}), ("weights", {"data-literacy": float("inf")}),
    ("weights", {"data-literacy": -0.5}), ("weights", {"data-literacy": 1e308}),
    ("weights", {"Data Literacy": 0.5}), ("weights", {f"c{n}": 0.1 for n in range(40)}),
    ("score", float("nan")), ("score", 1e308), ("score", True),
    ("pack_id", "../x"), ("pack_id", "课程"), ("exercise_id", "ex\x00"),
    ("pack_version", "1.0.0 beta"), ("pack_version", "9" * 51),
    ("started_at", datetime(9999, 1, 1, tzinfo=UTC)), ("started_at", datetime(1960, 1, 1, tzinfo=UTC)),
    ("response", {"text": "\x00"}), ("response", "\ud800"), ("response", DEEP),
    ("response", "长" * 100_001), ("response", 2**60), ("response", {1: "a"}),
    ("response", object()),
]


def test_answers_the_store_refuses(store: Database) -> None:
    person = learner(store)
    saved = []
    for field, value in BAD_ANSWERS:
        values = {**GOOD, field: value}
        try:
            record_attempt(store, person.id, values["pack_id"], values["pack_version"],
                           values["exercise_id"], values["response"], values["score"],
                           values["weights"], values["started_at"])
            saved.append(f"{field}={str(value)[:30]}")
        except InvalidValue as exc:
            assert exc.message and "\n" not in exc.message
    assert not saved, f"saved: {saved}"
    assert attempts(store, person.id) == []
    record_attempt(store, person.id, **GOOD)  # the same call with good values is saved


def test_lesson_values_and_people(store: Database) -> None:
    person = learner(store)
    for bad in ({"status": "done"}, {"position": {"at": float("nan")}},
                {"position": {"x": "\x00"}}):
        with pytest.raises(InvalidValue):
            record_lesson_progress(store, person.id, "digital-government", "m1", **bad)
    assert lesson_states(store, person.id, "digital-government") == {}
    for name in ("王\x00明", "\x1b[31m红", "名" * 201):
        with pytest.raises(InvalidValue):
            create_learner(store, "E2000", name)
        with pytest.raises(InvalidValue):
            update_learner(store, person.id, actor=person, name=name)
