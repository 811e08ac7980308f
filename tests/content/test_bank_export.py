"""``trainer pack export-bank``: a pack's questions go out as an Excel bank in the template's
layout or as Moodle GIFT, and come back in as the same questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli import main
from trainer.content.bankwriter import read_bank
from trainer.content.loader import load_pack
from trainer.content.starter import create_starter

BANKS = Path(__file__).resolve().parents[1] / "fixtures" / "banks"


def summary(exercises) -> list[tuple]:  # type: ignore[no-untyped-def]
    """What a learner meets and how it is scored, without ids and positions."""
    return [(e.type, e.question, tuple((o.text, o.correct, round(o.credit, 2))
                                       for o in e.options),
             e.answers, e.partial_answers, e.pairs, e.explanation) for e in exercises]


@pytest.mark.parametrize("fmt", ["xlsx", "gift"])
def test_round_trip_keeps_the_questions(tmp_path: Path, data_dir: Path, fmt: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    pack_dir = create_starter(tmp_path / "course")
    original = load_pack(pack_dir)
    out = tmp_path / f"bank.{fmt}"
    assert main(["pack", "export-bank", str(pack_dir), "--format", fmt, "-o", str(out)]) == 0
    report = capsys.readouterr()
    kept = ("single", "multiple", "truefalse", "fill", "open") + (("match",) if fmt == "gift"
                                                                   else ())
    expected = [e for e in original.exercises() if e.type in kept]
    left_out = [e for e in original.exercises() if e.type not in kept]
    assert f"Wrote {len(expected)} question(s)" in report.out
    for exercise in left_out:  # named, not silently dropped
        assert f"{exercise.id} ({exercise.type})" in report.err
    back = tmp_path / "back"
    assert main(["pack", f"from-{fmt}", str(out), "-o", str(back)]) == 0
    again = load_pack(back)
    if fmt == "xlsx":  # no place for option feedback or partial credit in the template
        strip = [(t, q, tuple((o[0], o[1], 0.0) for o in opts), a, (), p, x)
                 for t, q, opts, a, _partial, p, x in summary(expected)]
        assert summary(again.exercises()) == strip
        assert [m.title for m in again.modules] == list(dict.fromkeys(
            m.title for m in original.modules if any(e in expected for e in m.exercises)))
    else:
        assert summary(again.exercises()) == summary(expected)


def test_excel_bank_round_trips_through_a_pack(tmp_path: Path, data_dir: Path) -> None:
    template = tmp_path / "t.xlsx"
    assert main(["pack", "bank-template", "-o", str(template)]) == 0
    from openpyxl import load_workbook

    book = load_workbook(template)
    book["题库"].append(["多选", "共享申请写明？", "用途", "爱好", "范围", None, None, None, None,
                        None, "AC", "用途和范围。", None, None, "data-sharing", "第一章"])
    book["题库"].append(["填空", "统一的____交换数据。", *[None] * 8, "平台|共享平台", "", None,
                        None, "data-sharing", "第一章"])
    book.save(template)
    assert main(["pack", "from-xlsx", str(template), "-o", str(tmp_path / "p")]) == 0
    out = tmp_path / "again.xlsx"
    assert main(["pack", "export-bank", str(tmp_path / "p"), "--format", "xlsx", "-o",
                 str(out)]) == 0
    first = read_bank(template, "xlsx").questions
    second = read_bank(out, "xlsx").questions
    assert [(q.kind, q.text, q.options, q.answers, q.explanation, q.knowledge, q.category)
            for q in first] == [(q.kind, q.text, q.options, q.answers, q.explanation,
                                 q.knowledge, q.category) for q in second]


def test_gift_export_is_what_moodle_reads(tmp_path: Path, data_dir: Path) -> None:
    pack_dir = tmp_path / "p"
    assert main(["pack", "from-gift", str(BANKS / "every-kind.gift"), "-o", str(pack_dir)]) == 0
    out = tmp_path / "out.gift"
    assert main(["pack", "export-bank", str(pack_dir), "--format", "gift", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "$CATEGORY: $course$/top/数据共享" in text
    assert "::" in text and "[markdown]" in text
    multiple = next(block for block in text.split("\n\n") if "~%50%" in block)
    assert "~%-50%" in multiple  # wrong options take away as our multiple-choice rule does


def test_a_filled_in_workbook_is_never_overwritten_by_accident(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "题库模板.xlsx"
    target.write_bytes(b"my questions")
    assert main(["pack", "bank-template", "-o", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == b"my questions"
    pack_dir = create_starter(tmp_path / "course")
    for fmt in ("xlsx", "gift"):
        out = tmp_path / f"out.{fmt}"
        out.write_bytes(b"mine")
        assert main(["pack", "export-bank", str(pack_dir), "--format", fmt, "-o",
                     str(out)]) == 1
        assert out.read_bytes() == b"mine"
        assert main(["pack", "export-bank", str(pack_dir), "--format", fmt, "-o", str(out),
                     "--force"]) == 0
        assert out.read_bytes() != b"mine"
    assert main(["pack", "bank-template", "-o", str(target), "--force"]) == 0
