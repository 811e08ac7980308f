"""Times in the computer's zone, labelled: the store keeps UTC, screens and exports show local
time and name the zone (a Beijing HR officer must not read 09:00 for an answer given at 17:00)."""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.reports.export_data import Org, build_org
from trainer.localtime import local_text, zone_label
from trainer.reports.export import export_report
from trainer.store.permissions import COMMAND_LINE

# Asia/Shanghai when tzdata is installed; the same rule as a POSIX string otherwise (CI's minimal
# Debian may lack /usr/share/zoneinfo), so the test never silently runs in UTC.
SHANGHAI = "Asia/Shanghai" if Path("/usr/share/zoneinfo/Asia/Shanghai").exists() else "CST-8"


@pytest.fixture
def shanghai() -> Iterator[None]:
    """This process in Beijing time (Python's and SQLite's localtime both follow TZ)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = SHANGHAI
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    built = build_org(tmp_path_factory.mktemp("tz") / "data")
    yield built
    built.db.close()


def test_a_moment_reads_in_local_time_with_its_zone(shanghai: None) -> None:
    moment = datetime(2026, 12, 3, 10, 5, tzinfo=UTC)
    assert local_text(moment) == "2026-12-03 18:05 (UTC+08:00)"
    assert local_text(moment.replace(tzinfo=None)) == "2026-12-03 18:05 (UTC+08:00)"  # UTC
    assert zone_label() == "UTC+08:00"


def test_csv_answers_are_in_local_time_under_a_labelled_header(shanghai: None, org: Org,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "answers.csv"
    export_report(org.db, org.packs, out, "csv", actor=COMMAND_LINE, language="en",
                  table="attempts")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    first = next(r for r in rows if r["Employee no."] == "E001")
    # stored 2026-03-02 09:00 UTC (export_data.T0): 17:00 in Beijing
    assert first["Started (UTC+08:00)"] == "2026-03-02 17:00:00"
    assert first["Finished (UTC+08:00)"] == "2026-03-02 17:00:40"


def test_xlsx_and_learner_table_are_in_local_time(shanghai: None, org: Org,
                                                  tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    export_report(org.db, org.packs, out, "xlsx", actor=COMMAND_LINE, language="zh_CN")
    book = load_workbook(out, read_only=True)
    answers = list(book["答题记录"].iter_rows(values_only=True))
    header = list(answers[0])
    started = header.index("开始时间（UTC+08:00）")
    e001 = next(r for r in answers[1:] if r[0] == "E001")
    assert e001[started] == datetime(2026, 3, 2, 17, 0)
    learners = list(book["学员"].iter_rows(values_only=True))
    assert "最近活动（UTC+08:00）" in learners[0]
    summary = [c for r in book["汇总"].iter_rows(values_only=True) for c in r if c is not None]
    assert "生成时间（UTC+08:00）" in summary
    made = summary[summary.index("生成时间（UTC+08:00）") + 1]
    assert abs((made - datetime.now()).total_seconds()) < 120  # local now, not UTC (8 h off)
    book.close()


def test_pdf_cover_names_the_zone(shanghai: None, qapp: object, org: Org,
                                  tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "report.pdf"
    export_report(org.db, org.packs, out, "pdf", actor=COMMAND_LINE, language="en")
    cover = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Generated (UTC+08:00): " + datetime.now().strftime("%Y-%m-%d %H:") in cover


def test_date_filters_count_local_calendar_days(shanghai: None) -> None:
    """"From 2026-03-02" in Beijing starts at Beijing midnight (16:00 UTC the day before),
    so a filtered export holds the rows whose local times it shows."""
    from datetime import date

    from trainer.analytics.filters import CohortFilter

    flt = CohortFilter(since=date(2026, 3, 2), until=date(2026, 3, 2))
    assert flt.start == datetime(2026, 3, 1, 16, 0, tzinfo=UTC)
    assert flt.end == datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
