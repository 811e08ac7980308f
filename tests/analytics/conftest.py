"""Analytics tests run on SQLite and, when TRAINER_TEST_DATABASE_URL is set, on PostgreSQL:
the cohort SQL must give the same numbers on both."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.store.conftest import BACKENDS, pg_schema_url, postgres_url  # noqa: F401 - fixtures
from trainer.config import Paths
from trainer.store.db import Database, open_database


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, paths: Paths) -> Iterator[Database]:
    """An open, empty database on each backend (PostgreSQL: a private schema)."""
    url = None if request.param == "sqlite" else request.getfixturevalue("pg_schema_url")
    database = open_database(paths, url)
    yield database
    database.close()
