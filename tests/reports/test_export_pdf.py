"""The PDF read back with pypdf: Chinese text, the figures of the tables, numbered pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reports.export_data import Org, build_org
from trainer.analytics.cohort import cohort_completion, learner_table
from trainer.reports.data import rounded
from trainer.reports.export import export_report


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    built = build_org(tmp_path_factory.mktemp("pdf") / "data")
    yield built
    built.db.close()


def pdf_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    # Qt writes each run of glyphs on its own; compare without white space.
    return ["".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_pdf_has_cover_tables_and_page_numbers_in_chinese(qapp: object, org: Org,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "报告.pdf"
    result = export_report(org.db, org.packs, out, "pdf", actor=org.hr, language="zh_CN")
    pages = pdf_text(out)
    assert len(pages) == result.rows >= 4
    assert "培训情况报告" in pages[0]
    assert "筛选条件" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert f"第{number}页，共{len(pages)}页" in text
    everything = "\n".join(pages)
    completion = {r.group: r for r in cohort_completion(org.db, org.packs)}
    assert f"{rounded(completion['民政局'].percent):.1f}" in everything
    for row in learner_table(org.db, org.packs):
        assert row.employee_no in everything
    assert "学员名单：市数据局" in everything
    assert everything.count("部门汇总") == 1  # headings are not drawn twice (no fake bold)


def test_pdf_in_english(qapp: object, org: Org, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    export_report(org.db, org.packs, out, "pdf", actor=org.hr, language="en")
    pages = pdf_text(out)
    assert "Trainingreport" in pages[0]
    assert f"Page1of{len(pages)}" in pages[0]
    assert "市数据局" in "\n".join(pages)  # names stay as recorded
