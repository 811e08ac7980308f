"""Test set-up shared by every test: offscreen Qt, and a private data folder per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from trainer.config import Paths  # noqa: E402


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
