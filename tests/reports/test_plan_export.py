"""Plan report files hold exactly the rows and values of the report (the HR plan tab shows the
same columns): CSV, each XLSX sheet, and a PDF with every person; the credits table."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tests.analytics.builders import mini_pack
from trainer.analytics import summaries
from trainer.analytics.credit_table import credit_rows
from trainer.analytics.plan_report import PlanReport, plan_report
from trainer.reports.csv_export import cell
from trainer.reports.plan_export import credit_columns, export_credits, export_plan_report
from trainer.reports.plan_tables import report_tables
from trainer.store.db import Database, open_database
from trainer.store.learners import create_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.plan_spec import PlanCourse, PlanSpec, year_period
from trainer.store.plans import create_plan
from trainer.store.progress import record_lesson_progress

TODAY = date.today()


@pytest.fixture
def db(tmp_path: Path) -> Database:
    from trainer.config import Paths

    with open_database(Paths(tmp_path / "data").ensure()) as database:
        yield database  # type: ignore[misc]


def _report(db: Database) -> PlanReport:
    start, end = year_period(TODAY.year)
    for number, name, unit in (("1", "王小明", "财政局/预算科"), ("2", "=李娜", "财政局/国库科"),
                               ("3", "张伟", None)):
        create_learner(db, number, name, unit)
    summaries.ensure(db, [mini_pack()])
    create_plan(db, PlanSpec("计划", start, end, Decimal("0.5"), (PlanCourse("mini", True, end),),
                             (("unit", "财政局"), ("person", "3"))),
                actor=COMMAND_LINE, courses={"mini"}, roles=set())
    record_lesson_progress(db, 1, "mini", "m1", status="completed")
    return plan_report(db, "计划", [mini_pack()], actor=COMMAND_LINE,
                       today=end + timedelta(days=1))


def _expected(columns: list, rows: list) -> list[list[str]]:
    return [[str(cell(c.value(r))) for c in columns] for r in rows]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_csv_and_xlsx_equal_the_report(db: Database, tmp_path: Path, language: str) -> None:
    from openpyxl import load_workbook

    report = _report(db)
    tables = report_tables(report, language)
    for name, (_, columns, rows) in zip(("people", "units", "overdue"), tables, strict=True):
        out = tmp_path / f"{name}.csv"
        export_plan_report(db, report, out, "csv", actor=COMMAND_LINE, language=language,
                           table=name)
        with out.open(encoding="utf-8-sig", newline="") as handle:
            read = list(csv.reader(handle))
        assert read[0] == [c.header for c in columns]
        assert read[1:] == _expected(columns, rows)
    assert any(row[1] == "'=李娜" for row in _expected(tables[0][1], tables[0][2]))
    out = tmp_path / "plan.xlsx"
    export_plan_report(db, report, out, "xlsx", actor=COMMAND_LINE, language=language)
    book = load_workbook(out, read_only=True)
    for sheet, (title, columns, rows) in zip(book.worksheets, tables, strict=True):
        assert sheet.title == title[:31]
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert values[0] == [c.header for c in columns]
        assert values[1:] == [[c.value(r) for c in columns] for r in rows]


def test_pdf_has_every_person(db: Database, tmp_path: Path, qapp: object) -> None:
    from pypdf import PdfReader

    report = _report(db)
    out = tmp_path / "plan.pdf"
    pages = export_plan_report(db, report, out, "pdf", actor=COMMAND_LINE, language="zh_CN")
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert pages >= 1
    for person in report.people:
        assert person.name.lstrip("=") in "".join(text.split())
    flat = "".join(text.split())
    assert "逾期名单" in flat and "财政局/预算科" in flat and "0.25" in flat


def test_the_credits_table_has_one_row_per_person(db: Database, tmp_path: Path) -> None:
    _report(db)
    create_learner(db, "4", "赵敏", "数据局")  # in no plan: no requirement
    rows = credit_rows(db, [mini_pack()], actor=COMMAND_LINE, today=TODAY)
    out = tmp_path / "credits.csv"
    assert export_credits(db, rows, out, actor=COMMAND_LINE, language="zh_CN",
                          filters={}) == 4
    with out.open(encoding="utf-8-sig", newline="") as handle:
        read = {row["工号"]: row for row in csv.DictReader(handle)}
    assert read["1"]["必修学时"] == "0.25" and read["1"]["要求学时"] == "0.5"
    assert read["1"]["已完成必修课"] == "0" and read["1"]["必修课数"] == "1"
    assert read["4"]["要求学时"] == "" and read["4"]["学习计划"] == ""
    assert [c.key for c in credit_columns("en")][:3] == ["employee_no", "name", "unit"]
