"""Exchange fixtures: ``sender`` is a SQLite data folder that exports bundles; ``receiver`` is
HR's database on SQLite and, when TRAINER_TEST_DATABASE_URL is set, on PostgreSQL (a schema of
its own, dropped afterwards)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from trainer.config import Paths
from trainer.store.db import Database, open_database


@pytest.fixture
def sender(tmp_path: Path) -> Iterator[Database]:
    with open_database(Paths(tmp_path / "sender").ensure()) as db:
        yield db


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def receiver(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    paths = Paths(tmp_path / "receiver").ensure()
    if request.param == "sqlite":
        with open_database(paths) as db:
            yield db
        return
    base = os.environ.get("TRAINER_TEST_DATABASE_URL")
    if not base:
        pytest.skip("TRAINER_TEST_DATABASE_URL is not set")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        with open_database(paths, url.render_as_string(hide_password=False)) as db:
            yield db
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()

