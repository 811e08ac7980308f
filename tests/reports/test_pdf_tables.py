"""PDF tables never clip: headers wrap inside their cells (English between words, Chinese
between characters), long tables name their department again on each page, and small
departments share a page. Read back with poppler's ``pdftotext -layout`` where installed,
else pypdf."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reports.export_data import Org, build_org
from trainer.reports.export import export_report
from trainer.reports.pdf_wrap import fitting_scale, tokens, wrap
from trainer.store.learners import create_learner
from trainer.store.permissions import COMMAND_LINE

LONG = "Municipal Development and Reform Commission Digital Economy Promotion Office"
SMALL = "市人民政府办公厅电子政务与数据资源统筹管理处"


def width(text: str) -> float:
    """A stand-in for font metrics: CJK characters are twice as wide as Latin ones."""
    return sum(2.0 if ord(ch) > 0x2E80 else 1.0 for ch in text)


def test_english_wraps_between_words_and_after_hyphens() -> None:
    lines = wrap("Digital-government policy and strategy", 12, width)
    assert lines == ["Digital-", "government", "policy and", "strategy"]
    assert " ".join(lines).replace("- ", "-") == "Digital-government policy and strategy"


def test_chinese_wraps_between_characters_keeping_punctuation_attached() -> None:
    lines = wrap("参训人员平均完成度（%）", 12, width)
    assert "".join(lines) == "参训人员平均完成度（%）"
    assert all(width(line) <= 12 for line in lines)
    assert not any(line.startswith(("（", "%", "）")) for line in lines)


def test_a_word_too_wide_for_any_font_is_the_only_thing_broken() -> None:
    assert wrap("Supercalifragilistic ok", 8, width) == ["Supercal", "ifragili", "stic ok"]
    assert fitting_scale(["Data awareness"], [7.0], width) == pytest.approx(7 / 9)
    assert fitting_scale(["Data awareness"], [3.0], width) == 0.7  # never unreadably small
    assert fitting_scale(["Data"], [6.0], width) == 1.0
    assert [t for t, _ in tokens("Last active (UTC+08:00)")] == ["Last", "active",
                                                                 "(UTC+08:00)"]


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    built = build_org(tmp_path_factory.mktemp("pdftables") / "data")
    for number in range(60):
        create_learner(built.db, f"X{number:03d}", f"学员{number}", LONG, actor=COMMAND_LINE)
    create_learner(built.db, "Y001", "单人", SMALL, actor=COMMAND_LINE)
    yield built
    built.db.close()


def pages_of(path: Path) -> list[str]:
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                              capture_output=True, text=True)
        return done.stdout.split("\f")[:-1]
    from pypdf import PdfReader

    return [page.extract_text(extraction_mode="layout") for page in PdfReader(path).pages]


def competency_titles(org: Org, language: str) -> list[str]:
    from trainer.reports.data import ReportData

    return [c.title for c in ReportData(org.db, org.packs, language=language).competencies]


def test_english_headers_keep_every_word_whole(qapp: object, org: Org, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = export_report(org.db, org.packs, out, "pdf", actor=org.hr, language="en")
    pages = pages_of(out)
    assert len(pages) == result.rows
    matrix = next(p for p in pages if "Mean score by department and competency" in p)
    words = set(matrix.split())
    for title in competency_titles(org, "en"):
        for word, _ in tokens(title):  # first and last lines included, no word cut
            assert word in words, (title, word)
    assert {"Participants'", "completion", "(%)", "Passed", "assessment"} <= set(
        next(p for p in pages if "Departments" in p).split())
    # the long department runs onto a second page that names it again, under its header
    heading = [i for i, p in enumerate(pages) if "(continued)" in p]
    assert len(heading) == 1 and "X059" in pages[heading[0]]
    after = pages[heading[0]]
    assert after.index("(continued)") < after.index("Employee no.")  # "Oﬃce": a ligature
    # a department of one shares its page with the others
    alone = next(p for p in pages if "Y001" in p)
    assert "Learners: 市数据局" in alone and "X059" in alone


def test_chinese_headers_wrap_between_characters(qapp: object, org: Org, tmp_path: Path
                                                 ) -> None:
    out = tmp_path / "报告.pdf"
    result = export_report(org.db, org.packs, out, "pdf", actor=org.hr, language="zh_CN")
    pages = pages_of(out)
    assert len(pages) == result.rows == 7  # cover, 2 chart pages, tables, 3 of learners
    matrix = next(p for p in pages if "各部门能力平均分" in p)
    start = matrix.index("各部门能力平均分")
    header = matrix[start:matrix.index("市数据局", start)]
    for title in competency_titles(org, "zh_CN"):
        for char in set(title):  # every character of every line is there
            assert header.count(char) >= title.count(char), (title, char)
    assert any("（续）" in p for p in pages)
    assert "学员名单：" + SMALL in next(p for p in pages if "Y001" in p)
