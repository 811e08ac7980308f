"""The same exports from PostgreSQL: timestamps arrive as objects there, not SQLite text, and
every number must come out as it does on SQLite."""

from __future__ import annotations

import csv
import os
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.reports.export_data import build_org
from trainer.localtime import zone_label
from trainer.reports.export import export_report

pytestmark = pytest.mark.postgres
ENV_URL = "TRAINER_TEST_DATABASE_URL"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A private schema on the test server, dropped afterwards."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base = os.environ.get(ENV_URL)
    if not base:
        pytest.skip(f"{ENV_URL} is not set")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield make_url(base).update_query_dict(
            {"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


def to_second(moment: datetime | None) -> datetime | None:
    """Excel stores days as floats: compare moments to the nearest second."""
    if moment is None:
        return None
    return (moment + timedelta(microseconds=500_000)).replace(microsecond=0)


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("table", ["learners", "attempts", "departments"])
def test_postgresql_exports_equal_sqlite_ones(tmp_path: Path, pg_url: str, table: str) -> None:
    results = []
    for name, url in (("sqlite", None), ("postgresql", pg_url)):
        org = build_org(tmp_path / name, url)
        try:
            out = tmp_path / f"{name}.csv"
            export_report(org.db, org.packs, out, "csv", actor=org.hr, table=table)
            found = rows(out)
            if table == "learners":  # last activity is "now" for lessons: differs per run
                at = found[0].index(f"最近活动（{zone_label()}）")
                found = [r[:at] + r[at + 1:] for r in found]
            results.append(found)
        finally:
            org.db.close()
    assert results[0] == results[1]


def test_postgresql_attempts_sheet_equals_sqlite(tmp_path: Path, pg_url: str) -> None:
    import openpyxl

    sheets = []
    for name, url in (("sqlite", None), ("postgresql", pg_url)):
        org = build_org(tmp_path / name, url)
        try:
            out = tmp_path / f"{name}.xlsx"
            export_report(org.db, org.packs, out, "xlsx", actor=org.hr, language="en")
            header, *values = openpyxl.load_workbook(out)["Attempts"].iter_rows(
                values_only=True)
            sheets.append([header] + [(*r[:5], to_second(r[5]), to_second(r[6]))
                                      for r in values])
        finally:
            org.db.close()
    assert sheets[0] == sheets[1] and len(sheets[0]) == 17
