"""Bundles between SQLite and PostgreSQL (an office machine merged into the central server, and
back), and the bulk generator on PostgreSQL. Skipped unless TRAINER_TEST_DATABASE_URL is set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from trainer.config import Paths
from trainer.exchange.bundles import export_bundle, import_bundle
from trainer.reports.demo import builtin_pack, fill_demo, generate
from trainer.store.db import Database, open_database
from trainer.store.permissions import COMMAND_LINE

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(tmp_path: Path, pg_schema_url: str) -> Iterator[Database]:
    """The central database: PostgreSQL, in a schema of its own dropped afterwards."""
    with open_database(Paths(tmp_path / "server").ensure(), pg_schema_url) as db:
        yield db


def _counts(db: Database) -> dict[str, int]:
    with db.reader() as session:
        return {t: session.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()
                for t in ("learners", "enrollments", "lesson_progress", "attempts")}


def test_office_bundle_into_the_server_and_back(server: Database, tmp_path: Path) -> None:
    pack = builtin_pack()
    with open_database(Paths(tmp_path / "office").ensure()) as office:
        fill_demo(office, learners=15, seed=9, pack=pack)
        expected = _counts(office)
        export_bundle(office, tmp_path / "office.zip", actor=COMMAND_LINE)
    first = import_bundle(server, tmp_path / "office.zip", actor=COMMAND_LINE,
                          trust_new_device=True)
    assert first.learners_new == 15 and _counts(server) == expected
    assert import_bundle(server, tmp_path / "office.zip", actor=COMMAND_LINE).changes == 0
    export_bundle(server, tmp_path / "server.zip", actor=COMMAND_LINE)
    with open_database(Paths(tmp_path / "copy").ensure()) as copy:
        import_bundle(copy, tmp_path / "server.zip", actor=COMMAND_LINE, trust_new_device=True)
        assert _counts(copy) == expected


def test_bulk_generator_on_postgresql(server: Database) -> None:
    assert generate(server, learners=30, attempts_per_learner=10, seed=3) == 300
    assert _counts(server)["attempts"] == 300
