"""Report tables read the same on every database: answers learner by learner in time order,
and the departments table ends with the same 全体 rows in CSV as in the XLSX and PDF."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.reports.export_data import build_org
from tests.store.conftest import BACKENDS, pg_schema_url, postgres_url  # noqa: F401 - fixtures
from trainer.config import Paths, bundled_courses_dir
from trainer.content.library import Library
from trainer.reports.export import export_report
from trainer.store.db import open_database
from trainer.store.learners import create_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_attempt

T0 = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("backend", BACKENDS)
def test_answers_are_listed_by_learner_then_time(tmp_path: Path, backend: str,
                                                 request: pytest.FixtureRequest) -> None:
    url = None if backend == "sqlite" else request.getfixturevalue("pg_schema_url")
    paths = Paths(tmp_path / "data").ensure()
    db = open_database(paths, url, backup=False)
    try:
        pack = next(p for p in Library(paths.packs_dir, bundled_courses_dir()).packs()
                    if p.id == "digital-government")
        exercises = pack.exercises()
        # Created (and so numbered) in the opposite order to their employee numbers, and
        # each one's answers stored latest first, two of them at the same moment.
        plan = {"Z900": [3, 1], "A100": [5, 2, 2, 0]}
        for no, offsets in plan.items():
            learner = create_learner(db, no, f"学员{no}", "市数据局", actor=COMMAND_LINE)
            for index, hours in enumerate(offsets):
                start = T0 + timedelta(hours=hours)
                exercise = exercises[index]
                record_attempt(db, learner.id, pack.id, pack.version, exercise.id,
                               {"choice": 0}, 0.5, dict(exercise.weights), start,
                               start + timedelta(seconds=30))
        out = tmp_path / "answers.csv"
        export_report(db, [pack], out, "csv", actor=COMMAND_LINE, language="en",
                      table="attempts")
        header, *rows = read(out)
        at = header.index(next(h for h in header if h.startswith("Started")))
        listed = [(r[0], r[at]) for r in rows]
        assert [no for no, _ in listed] == ["A100"] * 4 + ["Z900"] * 2
        assert [t for _, t in listed[:4]] == sorted(t for _, t in listed[:4])
        assert [t for _, t in listed[4:]] == sorted(t for _, t in listed[4:])
        # the two answers of one moment come in the order they were given
        same = [r[3] for r in rows[:4] if r[at] == listed[1][1]]
        assert same == [exercises[1].id, exercises[2].id]
    finally:
        db.close()


def test_departments_csv_ends_with_the_same_totals_as_the_workbook(tmp_path: Path) -> None:
    import openpyxl

    org = build_org(tmp_path / "data")
    try:
        out = tmp_path / "部门.csv"
        export_report(org.db, org.packs, out, "csv", actor=org.hr, language="zh_CN",
                      table="departments")
        book = tmp_path / "报告.xlsx"
        export_report(org.db, org.packs, book, "xlsx", actor=org.hr, language="zh_CN")
    finally:
        org.db.close()
    header, *rows = read(out)
    totals = [r for r in rows if r[0] == "全体"]
    assert len(totals) == 1 and rows[-1] == totals[0]
    sheet = openpyxl.load_workbook(book)["汇总"]
    cells = [[("" if v is None else str(v)) for v in row]
             for row in sheet.iter_rows(values_only=True)]
    in_book = next(row for row in cells if row and row[0] == "全体")
    assert totals[0] == in_book[:len(header)]
    assert int(totals[0][2]) == sum(int(r[2]) for r in rows if r[0] != "全体")
