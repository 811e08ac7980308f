"""Store fixtures: ``store`` is an open Database on SQLite and, when TRAINER_TEST_DATABASE_URL is
set, on PostgreSQL too, each test in a schema of its own that is dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from trainer.config import Paths
from trainer.store.db import Database, open_database

ENV_URL = "TRAINER_TEST_DATABASE_URL"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def postgres_url() -> str:
    url = os.environ.get(ENV_URL)
    if not url:
        pytest.skip(f"{ENV_URL} is not set")
    return url


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a new, empty schema (dropped after the test)."""
    base = postgres_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, paths: Paths) -> str | None:
    """None for SQLite in the data folder, else a PostgreSQL URL with a private schema."""
    if request.param == "sqlite":
        return None
    return request.getfixturevalue("pg_schema_url")


@pytest.fixture
def store(paths: Paths, store_url: str | None) -> Iterator[Database]:
    db = open_database(paths, store_url)
    yield db
    db.close()
