"""GIFT and Aiken question banks convert into packs that load, and bad questions are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.content.aiken import parse_aiken
from trainer.content.bank import decode_bank
from trainer.content.bankpack import add_module, write_new_pack
from trainer.content.bankwriter import read_bank
from trainer.content.errors import PackError
from trainer.content.gift import parse_gift
from trainer.content.grading import grade
from trainer.content.loader import load_pack
from trainer.content.starter import create_starter

BANKS = Path(__file__).resolve().parents[1] / "fixtures" / "banks"


def kinds(text: str) -> list[str]:
    return [q.kind for q in parse_gift(text, "t.gift").questions]


def test_gift_question_kinds_from_the_documentation() -> None:
    assert kinds("Who? {~Grant ~Jefferson =no one}") == ["single"]
    assert kinds("Grant is buried.{FALSE}") == ["truefalse"]
    assert kinds("The sun rises in the east.{T}") == ["truefalse"]
    assert kinds("Two plus two equals {=four =4}.") == ["fill"]
    assert kinds("Match. {=Canada -> Ottawa =Italy -> Rome}") == ["match"]
    assert kinds("When was Grant born? {#1822}") == ["fill"]
    assert kinds("Write an essay. {}") == ["open"]
    assert kinds("Just a description.") == ["text"]
    assert kinds("Two people? {~%50%Grant ~%50%Wife ~No one}") == ["multiple"]


def test_gift_titles_comments_categories_feedback_and_blanks() -> None:
    bank = read_bank(BANKS / "every-kind.gift", "gift")
    first, blank = bank.questions[0], bank.questions[1]
    assert first.title == "共享类型"
    assert first.category == "数据共享"
    assert [o.feedback for o in first.options][1] == "正确：无条件共享、有条件共享、不予共享。"
    assert first.explanation == "按共享属性分为三类。"
    assert blank.text == "人口基础信息属于 ____ 数据。"
    assert bank.questions[4].category == "数据安全"
    assert bank.questions[4].pairs[1] == ("出生日期", "泛化为年份")


def test_gift_escapes_are_literal_characters() -> None:
    question = parse_gift(r"Which equals 5? {~ \= 2 + 2 = \= 2 + 3 ~ \{x\} \# \\}",
                          "t.gift").questions[0]
    assert [o.text for o in question.options] == ["= 2 + 2", "= 2 + 3", r"{x} # \\"[:-1]]
    assert [o.credit for o in question.options] == [0.0, 1.0, 0.0]


def test_gift_true_false_feedback_goes_to_the_right_option() -> None:
    question = parse_gift("Grant is buried.{FALSE#Wrong: no one is.#Right!}",
                          "t.gift").questions[0]
    true_option, false_option = question.options
    assert (true_option.credit, true_option.feedback) == (0.0, "Wrong: no one is.")
    assert (false_option.credit, false_option.feedback) == (1.0, "Right!")


def test_gift_numerical_becomes_fill_with_range_or_warning() -> None:
    bank = parse_gift("Born? {#1822:1}\n\nPi? {#3.1415:0.0005}", "t.gift")
    assert bank.questions[0].answers == ("1821", "1822", "1823")
    assert bank.questions[1].answers == ("3.1415",)
    messages = [str(p) for p in bank.problems.items]
    assert any("t.gift:3: warning: numerical tolerance" in m for m in messages)


def test_malformed_gift_reports_each_bad_question_and_keeps_the_rest() -> None:
    bank = read_bank(BANKS / "malformed.gift", "gift")
    assert [q.text for q in bank.questions] == ["正常的题目"]
    errors = {p.line: p.message for p in bank.problems.items if p.severity == "error"}
    assert sorted(errors) == [1, 3, 7, 9, 11, 13, 15]
    assert "never closed" in errors[3]
    assert "no answer is marked right" in errors[7]


def test_gb18030_bank_reads_like_utf8() -> None:
    utf8 = read_bank(BANKS / "every-kind.gift", "gift")
    gb = read_bank(BANKS / "every-kind-gb18030.gift", "gift")
    assert [q.text for q in gb.questions] == [q.text for q in utf8.questions]
    assert decode_bank("䶮".encode("gb18030"), "x") == "䶮"


def test_aiken_questions_and_problems() -> None:
    bank = read_bank(BANKS / "questions.aiken", "aiken")
    assert [q.text for q in bank.questions] == [
        "《促进大数据发展行动纲要》印发于哪一年？", "政务服务“一网通办”覆盖率超过多少？",
        "Last good question?"]
    assert [o.credit for o in bank.questions[0].options] == [0.0, 1.0, 0.0, 0.0]
    errors = [(p.line, p.message) for p in bank.problems.items]
    assert errors[0][0] == 14 and "ANSWER" in errors[0][1]
    assert errors[1][0] == 18 and "'E'" in errors[1][1]


def test_aiken_without_any_answer_line() -> None:
    bank = parse_aiken("Q?\nA. a\nB. b\n", "x.txt")
    assert bank.questions == []
    assert "no 'ANSWER: X' line" in bank.problems.items[0].message


def test_gift_bank_becomes_a_pack_that_loads_and_grades(tmp_path: Path) -> None:
    bank = read_bank(BANKS / "every-kind.gift", "gift")
    result = write_new_pack(bank, tmp_path / "bank", title="题库", language="zh-CN")
    assert result.validation.ok, [str(p) for p in result.validation.problems]
    pack = load_pack(tmp_path / "bank")
    assert [m.title for m in pack.modules] == ["数据共享", "数据安全"]
    types = [e.type for e in pack.exercises()]
    assert types == ["single", "single", "truefalse", "fill", "match", "fill", "fill",
                     "multiple", "open", "single"]
    fill = pack.exercises()[3]
    assert grade(fill, {"text": "一网通办"}).score == 1.0
    tf = pack.exercises()[2]
    assert grade(tf, {"choice": 0}).score == 1.0


def test_partial_credit_option_keeps_its_credit(tmp_path: Path) -> None:
    bank = parse_gift("Hometown? {~Jerusalem ~%50%Galilee#Be more specific. =Nazareth}",
                      "t.gift")
    write_new_pack(bank, tmp_path / "p", title="Partial", language="en")
    exercise = load_pack(tmp_path / "p").exercises()[0]
    assert grade(exercise, {"choice": 1}).score == pytest.approx(0.5)
    assert grade(exercise, {"choice": 2}).score == 1.0
    assert grade(exercise, {"choice": 0}).score == 0.0


def test_into_existing_pack_adds_one_module(tmp_path: Path) -> None:
    pack_dir = create_starter(tmp_path / "course")
    before = load_pack(pack_dir)
    bank = read_bank(BANKS / "questions.aiken", "aiken")
    add_module(bank, pack_dir, title="Aiken import", competencies=["data-sharing"])
    after = load_pack(pack_dir)
    assert len(after.modules) == len(before.modules) + 1
    added = after.modules[-1]
    assert len(added.exercises) == 3
    assert all(e.weights == {"data-sharing": 1.0} for e in added.exercises)


def test_unknown_competency_and_occupied_folder_are_refused(tmp_path: Path) -> None:
    bank = read_bank(BANKS / "questions.aiken", "aiken")
    with pytest.raises(PackError, match="Unknown competency 'nope'"):
        write_new_pack(bank, tmp_path / "x", title="t", competencies=["nope"])
    assert not (tmp_path / "x").exists()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with pytest.raises(PackError, match="not empty"):
        write_new_pack(bank, tmp_path / "full", title="t")
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"


def test_cli_converts_then_adds_a_module_to_the_new_pack(tmp_path: Path, data_dir: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from trainer.cli import main

    out = tmp_path / "bank"
    assert main(["pack", "from-gift", str(BANKS / "malformed.gift"), "-o", str(out)]) == 0
    report = capsys.readouterr()
    assert "malformed.gift:3: error: the answers opened with '{' are never closed" in report.err
    assert "Converted 1 question(s)" in report.out
    assert main(["pack", "from-aiken", str(BANKS / "questions.aiken"), "--into", str(out),
                 "--title", "Aiken"]) == 0
    assert [len(m.exercises) for m in load_pack(out).modules] == [1, 3]
    assert main(["pack", "from-aiken", str(tmp_path / "missing.txt"), "-o",
                 str(tmp_path / "x")]) == 1
    assert "Cannot read" in capsys.readouterr().err


def test_partial_credit_is_for_single_choice_only(tmp_path: Path) -> None:
    from trainer.content.loader import validate_pack

    pack_dir = create_starter(tmp_path / "course")
    lesson = pack_dir / "modules" / "01-lesson.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("- [ ] 申请人的个人爱好", "- [50%] 申请人的个人爱好"),
                      encoding="utf-8")
    problems = [p for p in validate_pack(pack_dir).problems if p.severity == "error"]
    assert len(problems) == 1
    assert "only single-choice exercises allow" in problems[0].message
    assert problems[0].file == "modules/01-lesson.md"


def test_fill_in_answers_may_be_partly_right(tmp_path: Path) -> None:
    from trainer.content.loader import validate_pack

    pack_dir = create_starter(tmp_path / "course")
    lesson = pack_dir / "modules" / "01-lesson.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + (
        "\n::: exercise fill q-year\ncompetencies: data-sharing\n\n《数据安全法》哪一年通过？____\n\n"
        "- 2021\n- [50%] 2020\n\n> 解析：2021 年。\n:::\n"
        "\n::: exercise fill q-bad\ncompetencies: data-sharing\n\n只有部分分？____\n\n"
        "- [50%] 甲\n- [0%] 乙\n\n> 解析。\n:::\n"), encoding="utf-8")
    validation = validate_pack(pack_dir)
    errors = [p.message for p in validation.problems if p.severity == "error"]
    assert any("between 1% and 99%" in m for m in errors)
    assert any("only partly right answers" in m for m in errors)
    lesson.write_text(lesson.read_text(encoding="utf-8").split("\n::: exercise fill q-bad")[0]
                      + "\n", encoding="utf-8")
    exercise = load_pack(pack_dir).exercise("q-year")
    assert exercise.answers == ("2021",) and exercise.partial_answers == (("2020", 0.5),)
    assert grade(exercise, {"text": "２０２０"}).score == pytest.approx(0.5)  # loose matching
    assert grade(exercise, {"text": "2021"}).score == 1.0
