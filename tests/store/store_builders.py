"""Small builders shared by the store tests."""

from __future__ import annotations

from datetime import UTC, datetime

from trainer.store.db import Database
from trainer.store.info import AttemptInfo, LearnerInfo
from trainer.store.learners import create_learner
from trainer.store.progress import record_attempt

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def admin(db: Database, number: str = "A0001") -> LearnerInfo:
    return create_learner(db, number, "管理员", role="admin", pin="admin-pass")


def learner(db: Database, number: str = "E1001", name: str = "王小明",
            department: str | None = "临江市数据资源局", pin: str | None = None) -> LearnerInfo:
    return create_learner(db, number, name, department, pin=pin)


def attempt(db: Database, who: LearnerInfo, exercise: str = "ex-1", score: float | None = 1.0,
            pack: str = "digital-government") -> AttemptInfo:
    return record_attempt(db, who.id, pack, "1.0.0", exercise, {"choice": 1}, score,
                          {"data-literacy": 1.0}, T0)
