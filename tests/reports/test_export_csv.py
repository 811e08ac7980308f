"""CSV exports as a spreadsheet user meets them: BOM, Chinese headers, numbers, no formulas."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.reports.export_data import PEOPLE, Org, build_org
from trainer.analytics.cohort import learner_table
from trainer.localtime import SECOND, local_text, zone_label
from trainer.reports.data import collect, rounded
from trainer.reports.export import export_report
from trainer.store import audit
from trainer.store.errors import PermissionDenied
from trainer.store.permissions import COMMAND_LINE


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    built = build_org(tmp_path_factory.mktemp("csv") / "data")
    yield built
    built.db.close()


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_learner_csv_opens_in_excel_with_chinese_headers_and_numbers(org: Org, tmp_path: Path
                                                                     ) -> None:
    out = tmp_path / "学员.csv"
    result = export_report(org.db, org.packs, out, "csv", actor=org.hr, language="zh_CN")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = read(out)
    assert result.rows == len(rows) == len(learner_table(org.db, org.packs))
    assert list(rows[0])[:6] == ["工号", "姓名", "部门", "岗位角色", "完成度（%）", "平均得分"]
    expected = {r.employee_no: r for r in learner_table(org.db, org.packs)}
    for row in rows:
        want = expected[row["工号"]]
        assert float(row["完成度（%）"]) == rounded(want.completion)
        literacy = want.scores.get("data-literacy")
        cell = row["数据意识与素养 得分"]
        assert (float(cell) if cell else None) == rounded(literacy)
        assert int(row["答题次数"]) == want.attempts
    by_no = {r["工号"]: r for r in rows}
    assert by_no["E005"]["部门"] == "（未分配部门）"


def test_formula_cells_are_neutralised(org: Org, tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    export_report(org.db, org.packs, out, "csv", actor=org.hr, language="en")
    names = {r["Employee no."]: r["Name"] for r in read(out)}
    assert names["E003"] == "'=HYPERLINK(\"http://x\")"
    assert names["E004"] == "'-王五"
    assert names["E005"] == "'@赵六"
    assert names["E001"] == "张三"


def test_attempts_csv_has_every_answer_and_pending_ones_empty(org: Org, tmp_path: Path) -> None:
    out = tmp_path / "answers.csv"
    result = export_report(org.db, org.packs, out, "csv", actor=COMMAND_LINE, language="en",
                           table="attempts")
    rows = read(out)
    assert result.rows == len(rows) == sum(len(p[3]) for p in PEOPLE)
    e003 = [r for r in rows if r["Employee no."] == "E003"]
    assert [r["Score (%)"] for r in e003] == ["100.0", "", "25.0", "100.0"]
    assert e003[0][f"Started ({zone_label()})"] == local_text(datetime(2026, 3, 4, 9), SECOND,
                                                            label=False)


def test_filters_restrict_rows_and_are_audited(org: Org, tmp_path: Path) -> None:
    from trainer.analytics.filters import CohortFilter

    out = tmp_path / "dept.csv"
    flt = CohortFilter(department="民政局")
    export_report(org.db, org.packs, out, "csv", actor=org.hr, filters=flt, language="en")
    assert {r["Employee no."] for r in read(out)} == {"E003", "E004", "L001"}
    entry = audit.entries(org.db, COMMAND_LINE, action=audit.REPORT_EXPORT, limit=1)[0]
    assert entry.actor_id == org.hr.id
    assert entry.detail["filters"]["department"] == "民政局"
    assert entry.detail["format"] == "csv"


def test_job_role_filter_and_titles(org: Org, tmp_path: Path) -> None:
    from trainer.analytics.filters import CohortFilter

    out = tmp_path / "stewards.csv"
    export_report(org.db, org.packs, out, "csv", actor=org.hr, language="zh_CN",
                  filters=CohortFilter(role="data-steward"))
    found = read(out)
    title = org.course.framework.roles[[r.id for r in org.course.framework.roles]
                                       .index("data-steward")].title
    assert [(r["工号"], r["岗位角色"]) for r in found] == [("E001", title)]


def test_a_learner_may_not_export(org: Org, tmp_path: Path) -> None:
    out = tmp_path / "no.csv"
    with pytest.raises(PermissionDenied, match="HR or administrator"):
        export_report(org.db, org.packs, out, "csv", actor=org.learner)
    assert not out.exists()


def test_a_cancelled_export_keeps_the_older_file(org: Org, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer.reports import csv_export

    out = tmp_path / "keep.csv"
    out.write_text("older report", encoding="utf-8")
    monkeypatch.setattr(csv_export, "PROGRESS_EVERY", 1)

    class Stop(Exception):
        pass

    def cancel(done: int, total: int, label: str) -> None:
        if done >= 2:
            raise Stop

    data = collect(org.db, org.packs)
    with pytest.raises(Stop):
        csv_export.export_csv(org.db, data, out, table="attempts", progress=cancel)
    assert out.read_text(encoding="utf-8") == "older report"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.csv"]
