"""Question pools in the pack format (issue 18): ``cognitive:``, ``draw:`` and ``max_recall:`` are
read and checked with file:line (a pool that cannot fill a sitting is an error), and the draw
respects the counts, the recall share and the previous sitting."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.content.itempacks import line_of, single, write_pack
from trainer.content.loader import validate_pack
from trainer.content.messages_zh import is_translated
from trainer.content.pool import draw_questions

WRONG = ["按自己的需要使用", "按上级的口头要求"]


def question(ex_id: str, comp: str, level: str | None = None) -> str:
    extra = f"cognitive: {level}" if level else ""
    return single(ex_id, f"{ex_id} 这一题问的是什么？", "按约定的用途使用", WRONG, comp, extra)


def pool_pack(tmp_path: Path, front: str, sharing: int = 4, literacy: int = 3,
              recall: int = 0) -> Path:
    blocks = [question(f"s{i}", "data-sharing", "recall" if i < recall else "apply")
              for i in range(sharing)]
    blocks += [question(f"l{i}", "data-literacy 0.6, data-sharing 0.4", "understand")
               for i in range(literacy)]
    return write_pack(tmp_path, ("kind: assessment\n" + front, "\n".join(blocks)),
                      course_extra="item_checks: {same_stem: off}\n")


def problems(folder: Path) -> list[str]:
    found = validate_pack(folder).problems
    assert [p.message for p in found if not is_translated(p.message)] == []
    return [str(p) for p in found]


def test_a_pool_that_can_fill_its_sittings_loads(tmp_path: Path) -> None:
    folder = pool_pack(tmp_path, "draw: {data-sharing: 2, data-literacy: 2}\nmax_recall: 0.5\n",
                       recall=2)
    validation = validate_pack(folder)
    assert validation.problems == []
    final = validation.pack.module("m1")
    assert final.draw == {"data-sharing": 2, "data-literacy": 2} and final.max_recall == 0.5
    assert final.sitting_size == 4 and len(final.exercises) == 7
    assert [e.cognitive for e in final.exercises][:3] == ["recall", "recall", "apply"]
    assert final.exercises[-1].competency == "data-literacy", "the largest weight"


def test_too_few_questions_for_a_competency_is_an_error_at_its_line(tmp_path: Path) -> None:
    folder = pool_pack(tmp_path, "draw:\n  data-sharing: 2\n  data-literacy: 5\n")
    line = line_of(folder / "modules" / "01-m.md", "  data-literacy: 5")
    assert problems(folder) == [f"modules/01-m.md:{line}: error: 'draw' takes 5 question(s) of "
                                "'data-literacy' per sitting, but the pool has 3; add questions "
                                "whose first competency is this one, or draw fewer."]


def test_an_unknown_competency_or_a_bad_count_in_draw(tmp_path: Path) -> None:
    folder = pool_pack(tmp_path, "draw:\n  data-sharing: 2\n  data-sharin: 1\n  "
                       "data-literacy: two\n")
    module = folder / "modules" / "01-m.md"
    assert problems(folder) == [
        f"modules/01-m.md:{line_of(module, '  data-sharin: 1')}: error: 'draw' names competency "
        "'data-sharin', which competencies.yaml does not define — did you mean 'data-sharing'?",
        f"modules/01-m.md:{line_of(module, '  data-literacy: two')}: error: the number of "
        "questions to draw for 'data-literacy' must be a whole number from 1 to 1000 (got "
        "text)."]
    listed = pool_pack(tmp_path / "b", "draw: [data-sharing]\n")
    assert problems(listed)[0].endswith("error: 'draw' must list competencies with the number "
                                        "of questions a sitting draws (got a list); write e.g. "
                                        "'draw: {data-sharing: 3, data-security: 3}'.")


def test_a_recall_share_the_pool_cannot_keep_is_an_error(tmp_path: Path) -> None:
    folder = pool_pack(tmp_path, "draw: {data-sharing: 3, data-literacy: 1}\nmax_recall: 0.5\n",
                       recall=3)
    line = line_of(folder / "modules" / "01-m.md", "max_recall: 0.5")
    # sharing has 1 question that is not recall, so a sitting of 4 has at least 2 recall ones
    assert problems(folder) == [f"modules/01-m.md:{line}: error: every sitting would have at "
                                "least 2 recall question(s) of 4, but 'max_recall: 0.5' allows "
                                "1; add questions that are not 'cognitive: recall', or raise "
                                "the share."]
    assert problems(pool_pack(tmp_path / "b", "draw: {data-sharing: 3, data-literacy: 1}\n"
                              "max_recall: 0.6\n", recall=3)) == []


def test_questions_outside_the_draw_and_pool_keys_out_of_place(tmp_path: Path) -> None:
    folder = pool_pack(tmp_path, "draw: {data-sharing: 2}\nmax_recall: 2\n")
    module = folder / "modules" / "01-m.md"
    found = problems(folder)
    assert found[0] == (f"modules/01-m.md:{line_of(module, 'max_recall: 2')}: error: "
                        "'max_recall' must be a share above 0 and at most 1, e.g. 0.5 (got the "
                        "number 2).")
    assert found[1] == (f"modules/01-m.md:{line_of(module, '::: exercise single l0')}: warning: "
                        "exercise l0 is never drawn: its competency 'data-literacy' is not in "
                        "the module's 'draw'; add it there or move the question.")
    lesson = write_pack(tmp_path / "b", ("draw: {data-sharing: 1}\n",
                                         question("s0", "data-sharing")))
    assert problems(lesson) == ["modules/01-m.md:6: warning: 'draw' applies only to 'kind: "
                                "assessment'; this module is 'lesson'."]


def test_an_unknown_cognitive_level_is_an_error(tmp_path: Path) -> None:
    folder = write_pack(tmp_path, ("", question("s0", "data-sharing", "remember")))
    line = line_of(folder / "modules" / "01-m.md", "cognitive: remember")
    assert problems(folder) == [f"modules/01-m.md:{line}: error: 'cognitive: remember' in "
                                "exercise s0 is not a level; use 'recall', 'understand', "
                                "'apply', 'analyse'"]


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory):
    folder = pool_pack(tmp_path_factory.mktemp("pool"), "draw: {data-sharing: 3, "
                       "data-literacy: 1}\nmax_recall: 0.5\n", sharing=6, recall=3)
    return validate_pack(folder).pack.module("m1")


def test_every_draw_keeps_the_counts_and_the_recall_share(pool) -> None:
    recall = {e.id for e in pool.exercises if e.cognitive == "recall"}
    seen = set()
    for seed in range(300):
        drawn = draw_questions(pool, random.Random(seed))
        seen.add(drawn)
        assert sum(i.startswith("s") for i in drawn) == 3 and sum(i.startswith("l") for i in drawn) == 1
        assert len(recall & set(drawn)) <= 1, "recall stays under half of 4"
        assert list(drawn) == [e.id for e in pool.exercises if e.id in drawn], "module order"
    assert len(seen) > 20, "the draw is random"


def test_a_retake_prefers_questions_the_last_sitting_did_not_have(tmp_path: Path) -> None:
    folder = pool_pack(tmp_path, "draw: {data-sharing: 3, data-literacy: 1}\n", sharing=6)
    pool = validate_pack(folder).pack.module("m1")
    for seed in range(50):
        rng = random.Random(seed)
        first = draw_questions(pool, rng)
        second = draw_questions(pool, rng, previous=first)
        sharing_first = {i for i in first if i.startswith("s")}
        sharing_second = {i for i in second if i.startswith("s")}
        assert not sharing_first & sharing_second, "6 sharing questions: 3 fresh ones exist"
        assert len(set(second) & set(first)) <= 1, "3 literacy questions: another one"


def test_search_finds_a_pool_question_only_once_revealed(tmp_path: Path) -> None:
    from trainer.content.search import SearchIndex

    folder = pool_pack(tmp_path, "draw: {data-sharing: 2, data-literacy: 1}\n")
    pack = validate_pack(folder).pack
    index = SearchIndex.build([pack])
    assert index.search("s0 这一题") == [], "a final's question is hidden before hand-in"
    hits = index.search("这一题问的是什么", revealed={(pack.id, "s0"), (pack.id, "l1")})
    assert {h.exercise_id for h in hits} == {"s0", "l1"}
    assert {h.exercise_id for h in index.search("这一题问的是什么", handed_in={pack.id})} == {
        e.id for e in pack.module("m1").exercises}
