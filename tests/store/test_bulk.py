"""Bulk writes store exactly what the services would: same ids, times, JSON and filters."""

from __future__ import annotations

from datetime import timedelta

from store_builders import T0, attempt, learner

from trainer.store.bulk import insert_attempts, insert_learners
from trainer.store.changes import changed_since
from trainer.store.db import Database
from trainer.store.learners import find_by_employee_no
from trainer.store.progress import attempts, best_scores


def test_bulk_attempts_read_back_like_recorded_ones(store: Database) -> None:
    assert insert_learners(store, ({"employee_no": f"E{i:03d}", "name": f"学员{i}"}
                                   for i in range(1, 51))) == 50
    person = find_by_employee_no(store, "E007")
    assert person is not None and person.role == "learner"
    weights = {"data-sharing": 0.5, "data-literacy": 0.5}
    rows = ({"learner_id": person.id, "pack_id": "digital-government", "pack_version": "1.0.0",
             "exercise_id": f"ex-{n % 3}", "response": {"text": f"答案{n}"},
             "score": n / 10, "weights": weights, "started_at": T0 + timedelta(minutes=n)}
            for n in range(10))
    assert insert_attempts(store, rows, chunk=4) == 10
    recorded = attempt(store, person, "ex-0", 0.95)
    history = attempts(store, person.id)
    assert len(history) == 11 and recorded in history
    third = next(a for a in history if a.response == {"text": "答案3"})
    assert third.weights == weights and third.score == 0.3
    assert third.started_at == T0 + timedelta(minutes=3) == third.finished_at
    assert third.device_id == store.device_id
    assert best_scores(store, person.id, "digital-government") == {
        "ex-0": 0.95, "ex-1": 0.7, "ex-2": 0.8}
    assert len(changed_since(store, T0).attempts) == 11


def test_bulk_learners_stay_unique(store: Database) -> None:
    learner(store, "E001")
    try:
        insert_learners(store, [{"employee_no": "E001", "name": "重复"}])
    except Exception as exc:  # the driver's IntegrityError: bulk writes are for trusted data
        assert "E001" in str(exc) or "UNIQUE" in str(exc).upper()
    else:
        raise AssertionError("a duplicate employee number was accepted")
