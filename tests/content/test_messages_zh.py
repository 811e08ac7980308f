"""Every validator message a trainer can meet in the fixtures reads in Chinese too."""

from __future__ import annotations

from pathlib import Path

from trainer.content.messages_zh import is_translated, problem_text, to_chinese
from trainer.content.problems import Problem

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "broken"


def fixture_messages() -> set[str]:
    messages = set()
    for expected in BROKEN.glob("*/EXPECTED"):
        for line in expected.read_text(encoding="utf-8").splitlines():
            messages.add(line.split(": error: ", 1)[-1].split(": warning: ", 1)[-1])
    return messages


def test_every_fixture_message_has_a_chinese_wording() -> None:
    messages = fixture_messages()
    assert len(messages) > 40
    untranslated = [m for m in messages if not is_translated(m)]
    assert untranslated == []
    for message in messages:
        chinese = to_chinese(message)
        assert chinese != message
        assert " — did you mean" not in chinese and "must " not in chinese


def test_problem_text_keeps_the_place_and_translates_the_rest() -> None:
    problem = Problem("modules/01.md", 41, 0, "error",
                      "exercise q-3 marks no option as correct; tick the right one with '- [x]'.")
    assert problem_text(problem, "en") == str(problem)
    assert problem_text(problem, "zh-CN") == (
        "modules/01.md:41: 错误: 题目 q-3 没有标出正确选项，请用“- [x]”标出。")


def test_field_messages_name_the_place_in_chinese() -> None:
    assert to_chinese("'title' in competency 'data-sharing' must be text (got a list); write "
                      "e.g. 'title: 数据意识与素养'.") == (
        "能力项“data-sharing”中的“title”应当是文字（现在是列表），例如“title: 数据意识与素养”。")
    assert to_chinese("level on line 3 has no 'name'; add a line like 'name: 入门'.") == (
        "第 3 行的等级缺少“name”，请加一行，例如“name: 入门”。")


def test_an_unknown_message_stays_as_written() -> None:
    assert to_chinese("something new") == "something new"
    assert not is_translated("something new")
