"""GIFT as Moodle writes it (its export and its own test fixtures' shapes), and Aiken as
Chinese teachers write it."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli import main
from trainer.content.aiken import parse_aiken
from trainer.content.bankpack import write_new_pack
from trainer.content.bankwriter import read_bank
from trainer.content.gift import parse_gift
from trainer.content.grading import grade
from trainer.content.htmltext import html_to_markdown
from trainer.content.loader import load_pack

BANKS = Path(__file__).resolve().parents[1] / "fixtures" / "banks"


def test_moodle_export_html_becomes_markdown_and_no_tag_reaches_the_learner(
        tmp_path: Path) -> None:
    bank = read_bank(BANKS / "moodle-export.gift", "gift")
    first = bank.questions[0]
    assert first.text == "哪一类政务数据**可以**无条件共享？"
    assert [o.text for o in first.options] == ["一般数据", "无条件共享类", "不予共享类"]
    assert first.options[0].feedback == "不对：“一般数据”不是共享类型。"
    assert first.explanation == "按共享属性分为无条件、有条件和不予共享三类。"
    write_new_pack(bank, tmp_path / "pack", title="Moodle")
    written = "".join(p.read_text(encoding="utf-8")
                      for p in (tmp_path / "pack" / "modules").glob("*.md"))
    for leftover in ("<p", "</p>", "[html]", "[plain]", "[moodle]", "[markdown]", "dir=",
                     "@@PLUGINFILE@@"):
        assert leftover not in written
    assert load_pack(tmp_path / "pack").modules[0].title == "数据共享"


def test_markers_are_removed_wherever_they_stand() -> None:
    bank = parse_gift((BANKS / "moodle-shapes.gift").read_text(encoding="utf-8"), "s.gift")
    by_title = {q.title: q for q in bank.questions}
    assert by_title["平台配对"].pairs[0] == ("汇聚各部门共享数据的平台。", "共享交换平台")
    assert by_title["平台配对"].text == "把**平台**和它的用途配起来。"
    choice = by_title["C1"]
    assert [o.text for o in choice.options] == ["已脱敏的统计数据", "人口明细", "企业纳税明细"]
    assert choice.options[1].feedback == "不对，含有个人信息。"
    assert [o.text for o in by_title["M1"].options][3] == "办公地址"
    every_text = repr(bank.questions)
    assert "[html]" not in every_text and "[plain]" not in every_text and "<p>" not in every_text


def test_numerical_export_form_keeps_alternatives_and_other_answer_feedback(
        tmp_path: Path) -> None:
    bank = read_bank(BANKS / "moodle-export.gift", "gift")
    number = next(q for q in bank.questions if q.title == "出生年份")
    assert number.answers == ("2021",)
    assert number.partial == (("2020", 0.5), ("2022", 0.5))  # 2021 ± 1 at half marks
    assert number.other_feedback == "再想想：2021 年 6 月通过。"
    inline = parse_gift("Q? {#3:2~#完全不对}", "n.gift").questions[0]
    assert inline.answers == ("1", "2", "3", "4", "5") and inline.other_feedback == "完全不对"
    several = parse_gift("Q? {#\n\t=%100%7:0#\n\t=%100%8:0#\n}", "n.gift").questions[0]
    assert several.answers == ("7", "8")
    write_new_pack(bank, tmp_path / "p", title="t")
    exercise = next(e for e in load_pack(tmp_path / "p").exercises() if e.type == "fill"
                    and "2021" in e.answers)
    assert "再想想：2021 年 6 月通过。" in exercise.explanation  # any other answer
    assert grade(exercise, {"text": "2021"}).score == 1.0
    assert grade(exercise, {"text": "2022"}).score == pytest.approx(0.5)
    assert not grade(exercise, {"text": "2022"}).correct
    assert grade(exercise, {"text": "2019"}).score == 0.0
    short = parse_gift("“网”指什么？{\n=政务服务网\n=%50%网站\n=%0%*#不对\n}", "s.gift")
    assert short.questions[0].partial == (("网站", 0.5),)


def test_pluginfile_images_are_reported_by_line() -> None:
    bank = read_bank(BANKS / "moodle-export.gift", "gift")
    images = [p for p in bank.problems.items if "@@PLUGINFILE@@/catalogue.png" in p.message]
    assert [(p.line, p.severity) for p in images] == [(14, "warning")]


def test_html_is_sanitised_not_trusted() -> None:
    text, images = html_to_markdown('<p onclick="x()">a<script>alert(1)</script> '
                                    '<a href="javascript:evil()">b</a> &lt;i&gt; '
                                    '<b>c</b></p><ul><li>d</li></ul>')
    assert "script" not in text and "alert" not in text and "javascript" not in text
    assert text == "a b &lt;i> **c**\n\n- d"
    assert images == []


def test_when_nothing_converts_the_reasons_are_printed(tmp_path: Path, data_dir: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.gift"
    bad.write_text("没有正确答案 {~a ~b}\n\n括号没关 {=a ~b\n", encoding="utf-8")
    assert main(["pack", "from-gift", str(bad), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:1: error: no answer is marked right" in err
    assert f"{bad}:3: error: the answers opened with" in err
    assert "No question in bad.gift could be converted" in err
    assert not (tmp_path / "out").exists()


def test_a_converted_pack_that_does_not_validate_exits_1_and_writes_nothing(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = tmp_path / "huge.gift"  # one line longer than a module may hold
    huge.write_text("很长的题目" * 1200 + " {=是 ~否}\n", encoding="utf-8")
    assert main(["pack", "from-gift", str(huge), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "error:" in err and "nothing was written" in err
    assert not (tmp_path / "out").exists()
    assert not list(tmp_path.glob(".out*"))


def test_aiken_as_chinese_teachers_write_it() -> None:
    text = ("《数据安全法》自哪一年起施行？\nA．2019\nB．2021\nC、2022\nd) 2023\n答案：B\n"
            "解析：2021 年 9 月 1 日起施行。\n\n"
            "共享的原则是？\nＡ. 以共享为原则\nＢ. 以不共享为原则\nANSWER: a\n"
            "这是一行多余的说明\n下一题？\nA. 是\nB. 否\nANSWER：b\n\n孤零零的一行\n")
    bank = parse_aiken(text, "zh.txt")
    assert [q.text for q in bank.questions] == ["《数据安全法》自哪一年起施行？", "共享的原则是？",
                                                "下一题？"]
    assert [o.credit for o in bank.questions[0].options] == [0, 1, 0, 0]
    assert bank.questions[0].explanation == "2021 年 9 月 1 日起施行。"
    assert [o.text for o in bank.questions[1].options] == ["以共享为原则", "以不共享为原则"]
    assert [o.credit for o in bank.questions[2].options] == [0, 1]
    strays = {p.line: p.message for p in bank.problems.items}
    assert "这是一行多余的说明" in strays[13] and "孤零零的一行" in strays[19]
