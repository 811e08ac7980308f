"""The item-writing check (issue 18): each rule warns with file:line on a pack that has the flaw,
stays quiet on one that does not, follows ``item_checks:`` in course.yaml, and ``--strict``
turns the warnings into exit 1. Messages have Chinese wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.itempacks import fill, line_of, multiple, single, truefalse, write_pack
from trainer.cli import main
from trainer.content.loader import validate_pack
from trainer.content.messages_zh import is_translated

BALANCED = [("q-b1", "共享数据应当怎样使用？", "按约定的用途使用", ["按自己的需要使用", "按上级的口头要求"]),
            ("q-b2", "目录由谁负责编制？", "数据提供部门编制", ["数据使用部门编制", "大数据局代为编制"]),
            ("q-b3", "共享申请应当写明什么？", "用途、范围和期限", ["申请人的职务级别", "部门的全年预算"]),
            ("q-b4", "接口停用前应当做什么？", "提前通知使用部门", ["直接关闭不必通知", "等使用部门来问"])]


def messages(folder: Path) -> list[str]:
    return [str(p) for p in validate_pack(folder).problems]


def body(*blocks: str) -> str:
    return "\n".join(blocks)


def balanced() -> str:
    return body(*(single(i, s, k, w) for i, s, k, w in BALANCED))


def assert_translated(folder: Path) -> None:
    untranslated = [p.message for p in validate_pack(folder).problems
                    if not is_translated(p.message)]
    assert untranslated == []


def test_a_well_written_pack_has_no_item_warning(tmp_path: Path) -> None:
    blocks = [balanced(), truefalse("t1", "共享数据可以转给第三方。", False),
              truefalse("t2", "目录应当及时更新。", True),
              multiple("mc1", "共享申请要写明哪些内容？", ["用途", "期限"], ["职级", "预算"]),
              fill("f1", "数据共享通过统一的 ____ 进行。", "共享平台")]
    assert messages(write_pack(tmp_path, ("", body(*blocks)))) == []


def test_the_longest_right_option_is_flagged_per_item_and_per_pack(tmp_path: Path) -> None:
    long_key = single("q-long", "共享数据应当怎样使用？", "按照申请时约定的用途、范围和期限使用，并做好使用登记",
                      ["转给别人", "随便用"])
    # four more whose key is only a little longer: no item warning, but a pack-wide pattern
    near = [single(f"q-n{i}", f"第 {i} 题：哪一项是对的？", "这个选项稍微长一点", ["这个选项短一点", "那个选项短一些"])
            for i in range(4)]
    folder = write_pack(tmp_path, ("", body(long_key, *near)))
    module = folder / "modules" / "01-m.md"
    found = messages(folder)
    assert found[0].startswith("course.yaml:1: warning: in 5 of 5 single-choice exercises (100%) "
                               "the right option is the longest (limit 50%)")
    assert found[1] == (f"modules/01-m.md:{line_of(module, '::: exercise single q-long')}: "
                        "warning: the right option of exercise q-long is the longest, 7.4× the "
                        "others' mean length (limit 1.5×); shorten it or lengthen the wrong "
                        "options so length gives nothing away.")
    assert len(found) == 2
    assert_translated(folder)


def test_thresholds_and_switches_come_from_course_yaml(tmp_path: Path) -> None:
    near = [single(f"q-n{i}", f"第 {i} 题：哪一项是对的？", "这个选项稍微长一点", ["这个选项短一点", "那个选项短一些"])
            for i in range(4)]
    loose = write_pack(tmp_path / "a", ("", body(*near)),
                       course_extra="item_checks:\n  longest_key_share: 1.0\n")
    assert messages(loose) == []
    strict_ratio = write_pack(tmp_path / "b", ("", body(*near)),
                              course_extra="item_checks: {longest_key_ratio: 1.05}\n")
    found = messages(strict_ratio)
    assert found[0].startswith("course.yaml:10: warning: in 4 of 4"), "at the item_checks line"
    assert sum("1.3× the others' mean length (limit 1.05×)" in m for m in found) == 4
    off = write_pack(tmp_path / "c", ("", body(*near)), course_extra="item_checks:\n"
                     "  longest_key: off\n")
    assert messages(off) == []


def test_bad_item_check_settings_are_reported_at_their_line(tmp_path: Path) -> None:
    folder = write_pack(tmp_path, ("", balanced()), course_extra=(
        "item_checks:\n  longest_key_share: 2\n  stem_cue: maybe\n  longest_kye: off\n"))
    assert messages(folder) == [
        "course.yaml:11: error: 'longest_key_share' in item_checks must be a number from 0 to 1 "
        "(got the number 2).",
        "course.yaml:12: error: item check 'stem_cue' is 'on' or 'off' (got text).",
        "course.yaml:13: warning: unknown item check 'longest_kye'; use one of 'longest_key', "
        "'truefalse_balance', 'multiple_correct', 'same_stem', 'fill_blank', 'markdown', "
        "'stem_cue', 'longest_key_share', 'longest_key_ratio', 'truefalse_min_share', "
        "'multiple_correct_share', 'same_stem_similarity', 'stem_cue_shared', 'min_questions'"
        " — did you mean 'longest_key'?"]
    assert_translated(folder)
    listed = write_pack(tmp_path / "b", ("", balanced()), course_extra="item_checks: [a]\n")
    assert messages(listed)[0].startswith("course.yaml:10: error: 'item_checks' must be 'key: "
                                          "value' lines (got a list)")


def test_true_false_keys_far_from_balanced(tmp_path: Path) -> None:
    falses = [truefalse(f"t{i}", f"第 {i} 种做法是对的。", False) for i in range(4)]
    folder = write_pack(tmp_path / "a", ("", body(*falses)))
    assert messages(folder) == [
        "course.yaml:1: warning: 0 of 4 true/false exercises are true and 4 false; each should "
        "be at least 30%, or answering always the same scores. Turn some statements round."]
    assert_translated(folder)
    mixed = falses[:2] + [truefalse(f"u{i}", f"第 {i} 条规定有效。", True) for i in range(2)]
    assert messages(write_pack(tmp_path / "b", ("", body(*mixed)))) == []
    assert messages(write_pack(tmp_path / "c", ("", body(*falses[:3])))) == [], \
        "fewer than min_questions: no pattern to speak of"


def test_multiple_choice_with_every_option_right_or_mostly_right(tmp_path: Path) -> None:
    everything = multiple("mc-all", "哪些是共享申请的内容？", ["用途", "范围", "期限"], [])
    folder = write_pack(tmp_path / "a", ("", everything))
    assert messages(folder) == [
        f"modules/01-m.md:{line_of(folder / 'modules' / '01-m.md', '::: exercise multiple mc-all')}"
        ": warning: every option of exercise mc-all is correct; add at least one wrong option "
        "so the question tests something."]
    mostly = [multiple(f"mc{i}", f"第 {i} 题：哪些是对的？", ["甲", "乙", "丙"], ["丁"]) for i in range(4)]
    found = messages(write_pack(tmp_path / "b", ("", body(*mostly))))
    assert found == ["course.yaml:1: warning: 12 of 16 options of multiple-choice exercises "
                     "(75%) are correct (limit 60%); ticking everything scores well. Add "
                     "plausible wrong options."]
    half = [multiple(f"mc{i}", f"第 {i} 题：哪些是对的？", ["甲", "乙"], ["丙", "丁"]) for i in range(4)]
    assert messages(write_pack(tmp_path / "c", ("", body(*half)))) == []


def test_the_same_stem_twice_across_modules(tmp_path: Path) -> None:
    first = single("m1-q1", "数字政府建设的根本目的是什么？", "提升治理能力", ["减少人员编制", "增加财政收入"])
    again = single("final-q1", "数字政府建设的**根本目的**是什么?", "提升治理能力", ["减少人员编制", "增加财政收入"])
    close = single("final-q2", "数字政府建设的根本目的又是什么？", "提升治理能力", ["减少人员编制", "增加财政收入"])
    folder = write_pack(tmp_path / "a", ("", first), ("kind: assessment\n", body(again, close)))
    final = folder / "modules" / "02-m.md"
    first_line = line_of(folder / "modules" / "01-m.md", "::: exercise single m1-q1")
    assert messages(folder) == [
        f"modules/02-m.md:{line_of(final, '::: exercise single final-q1')}: warning: exercise "
        f"final-q1 asks the same as exercise m1-q1 at modules/01-m.md:{first_line}; a learner "
        "who saw one knows the other. Ask something else, or reword it into a new situation.",
        f"modules/02-m.md:{line_of(final, '::: exercise single final-q2')}: warning: exercise "
        f"final-q2 asks the same as exercise m1-q1 at modules/01-m.md:{first_line}; a learner "
        "who saw one knows the other. Ask something else, or reword it into a new situation."]
    assert_translated(folder)
    exact = write_pack(tmp_path / "b", ("", first), ("kind: assessment\n", body(again, close)),
                       course_extra="item_checks: {same_stem_similarity: 1}\n")
    assert len(messages(exact)) == 1, "only the identical one when similarity must be 1"


def test_a_fill_in_without_a_blank(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "a", ("", fill("f1", "数据共享通过什么平台进行？", "共享平台")))
    line = line_of(folder / "modules" / "01-m.md", "::: exercise fill f1")
    assert messages(folder) == [f"modules/01-m.md:{line}: warning: fill-in exercise f1 has no "
                                "blank; mark where the answer goes with '____' in the question."]
    assert_translated(folder)
    assert messages(write_pack(tmp_path / "b", ("", fill("f1", "通过 ＿＿ 平台共享。", "共享")))) == []


@pytest.mark.parametrize(("option", "fault"), [
    ("**按约定用途使用", "'**' is shown as a character (an unclosed mark); close it or remove it"),
    ("按约定用途 `使用", "'`' is shown as a character (an unclosed mark); close it or remove it"),
    ("<div>按约定用途使用</div>", "the HTML tag <div> is removed; use Markdown such as **bold**"),
    ("<b></b>", "nothing of it is shown; write it as plain text"),
])
def test_options_whose_markdown_would_not_show(tmp_path: Path, option: str, fault: str) -> None:
    block = single("q-md", "共享数据应当怎样使用？", option, ["按自己的需要使用", "按上级的口头要求"])
    folder = write_pack(tmp_path, ("", block), course_extra="item_checks: {longest_key: off}\n")
    line = line_of(folder / "modules" / "01-m.md", "::: exercise single q-md")
    assert messages(folder) == [f"modules/01-m.md:{line}: warning: option 1 of exercise q-md "
                                f"will not show as written: {fault}."]
    assert_translated(folder)


def test_feedback_whose_markdown_would_not_show_and_good_markdown(tmp_path: Path) -> None:
    block = single("q-md", "共享数据应当怎样使用？", "按**约定**的用途使用\n  > 正确，见 `第五条`。",
                   ["按自己的需要使用\n  > 不对，**越权", "按上级的口头要求"])
    folder = write_pack(tmp_path, ("", block))
    line = line_of(folder / "modules" / "01-m.md", "::: exercise single q-md")
    assert messages(folder) == [f"modules/01-m.md:{line}: warning: the feedback of option 2 of "
                                "exercise q-md will not show as written: '**' is shown as a "
                                "character (an unclosed mark); close it or remove it."]


def test_a_right_option_that_repeats_the_stem(tmp_path: Path) -> None:
    echo = single("q-echo", "共享数据的使用部门应当按照什么范围使用共享数据？", "按照约定范围使用共享数据",
                  ["交由上级领导临时决定", "随时自行调整使用方式"])
    folder = write_pack(tmp_path / "a", ("", echo))
    line = line_of(folder / "modules" / "01-m.md", "::: exercise single q-echo")
    assert messages(folder) == [
        f"modules/01-m.md:{line}: warning: the right option of exercise q-echo repeats 8 words "
        "of the question, the wrong ones at most 1; the echo gives it away. Reword it, or let "
        "the wrong options use the question's words too."]
    assert_translated(folder)
    fair = single("q-echo", "共享数据的使用部门应当按照什么范围使用共享数据？", "按照约定范围使用共享数据",
                  ["按照自定范围使用共享数据", "按照上级范围使用共享数据"])
    assert messages(write_pack(tmp_path / "b", ("", fair))) == []


def test_strict_turns_item_warnings_into_exit_1(tmp_path: Path, data_dir: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_pack(tmp_path, ("", fill("f1", "数据共享通过什么平台进行？", "共享平台")))
    assert main(["pack", "validate", "--language", "en", str(folder)]) == 0
    assert main(["pack", "validate", "--strict", "--language", "en", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "warning: fill-in exercise f1 has no blank" in out
    quiet = write_pack(tmp_path / "b", ("", fill("f1", "数据共享通过 ____ 进行。", "共享平台")))
    assert main(["pack", "validate", "--strict", str(quiet)]) == 0


def test_item_warnings_do_not_stop_a_pack_from_loading(tmp_path: Path) -> None:
    validation = validate_pack(write_pack(tmp_path, ("", fill("f1", "什么平台？", "共享平台"))))
    assert validation.ok and validation.pack is not None and validation.warnings


def test_thousands_of_near_identical_stems_are_checked_quickly() -> None:
    """A hostile (or generated) pack must not keep the validator busy for minutes."""
    import time

    from trainer.content.itemcheck import check_items
    from trainer.content.itemconfig import DEFAULT_CHECKS
    from trainer.content.model import Exercise, Module
    from trainer.content.problems import Problems

    stems = [Exercise(f"q{i}", "single", "m", "m.md", i, "数据共享的原则是什么" * 25 + str(i))
             for i in range(3000)]
    module = Module("m", "m", 1, "lesson", (), (), None, None, "m.md", tuple(stems),
                    tuple(stems))
    started = time.perf_counter()
    found = Problems()
    check_items([module], DEFAULT_CHECKS, found)
    assert time.perf_counter() - started < 5
    assert found.items, "the first near-duplicates are still reported"
