"""The sign-in list cache: written from the store's list, read back only for the same database."""

from __future__ import annotations

from pathlib import Path

from trainer.store.info import LearnerInfo
from trainer.ui.learner.roster_cache import cache_file, read_cached, write_cached

LEARNERS = [LearnerInfo(1, "1001", "张伟", "办公室", "learner", False, None),
            LearnerInfo(2, "A01", "王芳", None, "admin", True, None)]


def test_round_trip_without_secrets(tmp_path: Path) -> None:
    write_cached(tmp_path, "sqlite:///a.sqlite3", LEARNERS)
    cached = read_cached(tmp_path, "sqlite:///a.sqlite3")
    assert [(c.id, c.name, c.department, c.role, c.has_pin) for c in cached or []] == [
        (1, "张伟", "办公室", "learner", False), (2, "王芳", None, "admin", True)]
    assert "pin_hash" not in cache_file(tmp_path).read_text(encoding="utf-8")


def test_other_database_missing_or_damaged_file_gives_no_list(tmp_path: Path) -> None:
    assert read_cached(tmp_path, "sqlite:///a.sqlite3") is None
    write_cached(tmp_path, "sqlite:///a.sqlite3", LEARNERS)
    assert read_cached(tmp_path, "postgresql://server/trainer") is None
    cache_file(tmp_path).write_text("{not json", encoding="utf-8")
    assert read_cached(tmp_path, "sqlite:///a.sqlite3") is None
