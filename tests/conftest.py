"""Test set-up shared by every test: offscreen Qt, and a private data folder per test."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import sqlite_guard  # noqa: E402

from trainer.config import Paths  # noqa: E402

sqlite_guard.install()


@pytest.fixture(autouse=True)
def _no_open_of_live_sqlite_files() -> object:
    """Every test also checks that nothing opened a database file behind SQLite's back (see
    tests/sqlite_guard.py), even where the code under test swallowed the AssertionError."""
    start = len(sqlite_guard.violations)
    yield
    found = sqlite_guard.violations[start:]
    assert not found, found


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder; TRAINER_DATA_DIR points at it so nothing touches the real one."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TRAINER_DATA_DIR", str(folder))
    monkeypatch.delenv("TRAINER_DATABASE_URL", raising=False)
    return folder


@pytest.fixture
def paths(data_dir: Path) -> Paths:
    return Paths(data_dir).ensure()


LEARNER_MINI = Path(__file__).resolve().parent / "fixtures" / "packs" / "learner-mini"


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A bundled-courses folder holding only the learner-mini pack (a copy, free to edit)."""
    folder = tmp_path / "bundled"
    shutil.copytree(LEARNER_MINI, folder / "learner-mini")
    return folder
