"""The workbook opened again with openpyxl: sheets, frozen headers, filters, numbers, dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.reports.export_data import PEOPLE, Org, build_org
from trainer.analytics.cohort import cohort_completion, learner_table
from trainer.analytics.filters import CohortFilter
from trainer.localtime import local, zone_label
from trainer.reports.data import rounded
from trainer.reports.export import export_report


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    built = build_org(tmp_path_factory.mktemp("xlsx") / "data")
    yield built
    built.db.close()


@pytest.fixture(scope="module")
def workbook(org: Org, tmp_path_factory: pytest.TempPathFactory) -> object:
    import openpyxl

    out = tmp_path_factory.mktemp("book") / "报告.xlsx"
    export_report(org.db, org.packs, out, "xlsx", actor=org.hr, language="zh_CN")
    return openpyxl.load_workbook(out)


def rows(sheet: object) -> list[dict[str, object]]:
    values = list(sheet.iter_rows(values_only=True))  # type: ignore[attr-defined]
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_four_sheets_with_frozen_headers_filters_and_widths(workbook: object) -> None:
    assert workbook.sheetnames == ["汇总", "学员", "能力", "答题记录"]  # type: ignore[attr-defined]
    for name in ("学员", "能力", "答题记录"):
        sheet = workbook[name]  # type: ignore[index]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet.column_dimensions["A"].width >= 10


def test_learner_sheet_numbers_equal_the_analytics_table(org: Org, workbook: object) -> None:
    found = {r["工号"]: r for r in rows(workbook["学员"])}  # type: ignore[index]
    expected = learner_table(org.db, org.packs)
    assert set(found) == {r.employee_no for r in expected}
    for want in expected:
        row = found[want.employee_no]
        assert row["完成度（%）"] == rounded(want.completion)
        assert isinstance(row["答题次数"], int) and row["答题次数"] == want.attempts
        score = row["数据分析与决策 得分"]
        assert score == rounded(want.scores.get("data-analysis"))
        if want.last_active is not None:
            assert isinstance(row[f"最近活动（{zone_label()}）"], datetime)
    assert found["E003"]["姓名"] == "=HYPERLINK(\"http://x\")"  # text, never a formula


def test_attempts_sheet_and_summary(org: Org, workbook: object) -> None:
    answers = rows(workbook["答题记录"])  # type: ignore[index]
    assert len(answers) == sum(len(p[3]) for p in PEOPLE)
    e003 = [a for a in answers if a["工号"] == "E003"]
    assert [a["得分（%）"] for a in e003] == [100.0, None, 25.0, 100.0]
    assert abs(e003[0][f"开始时间（{zone_label()}）"] - local(datetime(2026, 3, 4, 9, 0))) < timedelta(seconds=1)
    summary = [r for r in workbook["汇总"].iter_rows(values_only=True)]  # type: ignore[index]
    cells = [c for r in summary for c in r if c is not None]
    assert "培训情况报告" in cells and "部门汇总" in cells
    completion = {r.group: r for r in cohort_completion(org.db, org.packs)}
    for line in summary:
        if line[0] == "市数据局":
            assert line[3] == rounded(completion["市数据局"].percent)
            assert line[2] == completion["市数据局"].learners


def test_attempts_sheet_reads_in_streaming_readers(org: Org, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "stream.xlsx"
    export_report(org.db, org.packs, out, "xlsx", actor=org.hr, language="en")
    book = openpyxl.load_workbook(out, read_only=True)
    try:  # a read-only workbook keeps its file open until closed
        rows = sum(1 for _ in book["Attempts"].iter_rows(values_only=True))
    finally:
        book.close()
    assert rows == 1 + sum(len(p[3]) for p in PEOPLE)


def test_answers_beyond_the_sheet_limit_are_announced(org: Org, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    from trainer.reports import xlsx_export

    monkeypatch.setattr(xlsx_export, "MAX_ROWS", 5)
    out = tmp_path / "small.xlsx"
    result = export_report(org.db, org.packs, out, "xlsx", actor=org.hr, language="en",
                           filters=CohortFilter(course="digital-government"))
    assert result.rows == 4 and result.attempts == sum(len(p[3]) for p in PEOPLE)
    book = openpyxl.load_workbook(out)
    assert book["Attempts"].max_row == 5
    notes = [c for r in book["Summary"].iter_rows(values_only=True) for c in r
             if isinstance(c, str) and "--table attempts" in c]
    assert notes and "4 of 16" in notes[0].replace("first 4 of 16", "4 of 16")
