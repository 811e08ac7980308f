"""The dashboard's department mean is cached (in memory and in the data folder, so a new start
of the app reads it too), and any write that changes it shows at the next opening: a new answer,
a learner moving unit, a pack with other weights. SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.analytics.builders import add_attempt, mini_pack
from trainer.analytics import peers
from trainer.store.db import Database
from trainer.store.learners import create_learner, update_learner
from trainer.store.permissions import COMMAND_LINE

PACK = mini_pack()


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every computation of a group mean (a cache hit computes nothing)."""
    calls: list[Any] = []
    real = peers.cohort_competency

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("filters"))
        return real(*args, **kwargs)

    monkeypatch.setattr(peers, "cohort_competency", counting)
    peers.forget()
    yield calls
    peers.forget()


def test_the_mean_is_read_once_until_a_write_changes_it(db: Database, counted: list) -> None:
    one = create_learner(db, "1001", "张伟", "市数据局", actor=COMMAND_LINE)
    two = create_learner(db, "1002", "李娜", "市数据局", actor=COMMAND_LINE)
    add_attempt(db, one.id, PACK, "e1", 1.0)
    add_attempt(db, two.id, PACK, "e1", 0.5)
    first = peers.group_mean(db, [PACK], department="市数据局")
    assert first["data-literacy"] == pytest.approx(75.0)
    assert peers.group_mean(db, [PACK], department="市数据局") == first
    peers.forget()  # as a new start of the app: the copy in the data folder's cache
    assert peers.group_mean(db, [PACK], department="市数据局") == first
    assert len(counted) == 1, "later openings read the cache"

    add_attempt(db, two.id, PACK, "e1", 1.0)  # a new best: the mean rises
    assert peers.group_mean(db, [PACK], department="市数据局")["data-literacy"] == 100.0
    assert len(counted) == 2

    update_learner(db, two.id, actor=COMMAND_LINE, department="民政局")  # moves away
    add_attempt(db, one.id, PACK, "e2", 0.0)
    here = peers.group_mean(db, [PACK], department="市数据局")
    assert here["data-literacy"] == pytest.approx(100.0 * 1.0 / 1.5)
    assert peers.group_mean(db, [PACK], department="民政局")["data-literacy"] == 100.0


def test_other_weights_are_another_mean(db: Database, counted: list) -> None:
    who = create_learner(db, "1001", "张伟", "市数据局", actor=COMMAND_LINE)
    add_attempt(db, who.id, PACK, "e2", 1.0)
    assert set(peers.group_mean(db, [PACK], department="市数据局")) == {
        "data-literacy", "data-sharing"}
    other = mini_pack()
    heavier = other.exercise("e2")
    object.__setattr__(heavier, "weights", {"data-analysis": 1.0})
    assert set(peers.group_mean(db, [other], department="市数据局")) == {"data-analysis"}
    assert len(counted) == 2
