"""Exchange fixtures: ``sender`` is a SQLite data folder that exports bundles; ``receiver`` is
HR's database on SQLite and, when TRAINER_TEST_DATABASE_URL is set, on PostgreSQL (a schema of
its own, dropped afterwards)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store.conftest import BACKENDS, pg_schema_url  # noqa: F401 - fixtures
from trainer.config import Paths
from trainer.store.db import Database, open_database


@pytest.fixture
def sender(tmp_path: Path) -> Iterator[Database]:
    with open_database(Paths(tmp_path / "sender").ensure()) as db:
        yield db


@pytest.fixture(params=BACKENDS)
def receiver(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    paths = Paths(tmp_path / "receiver").ensure()
    url = None if request.param == "sqlite" else request.getfixturevalue("pg_schema_url")
    with open_database(paths, url) as db:
        yield db
