"""The course search index (pure Python): Chinese substrings, width and case folding, snippets."""

from __future__ import annotations

from typing import Any

import pytest
from learner_helpers import FIXTURE

from trainer.content.loader import load_pack
from trainer.content.search import SearchIndex, fold, plain_text


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build([load_pack(FIXTURE)])


def test_chinese_substring_inside_a_sentence(index: SearchIndex) -> None:
    hits = index.search("履行职责")  # in the middle of a sentence, no spaces around it
    assert len(hits) == 1
    hit = hits[0]
    assert (hit.module_id, hit.exercise_id) == ("basics", None)
    assert hit.snippet[hit.match_start:hit.match_start + hit.match_length] == "履行职责"
    assert hit.matched_text == "履行职责"


def test_exercises_are_found_and_point_at_the_exercise(index: SearchIndex) -> None:
    hits = index.search("个人私下的日记")
    assert [(h.module_id, h.exercise_id) for h in hits] == [("basics", "q-multiple")]


def test_width_case_and_spaces_are_ignored() -> None:
    assert fold("ＡＢＣ １２") == fold("abc12")
    pack = load_pack(FIXTURE)
    index = SearchIndex.build([pack])
    assert index.search("３０００") and index.search("3000")


def test_every_word_must_match_and_nonsense_finds_nothing(index: SearchIndex) -> None:
    assert index.search("共享 开放")
    assert index.search("共享 不存在的词") == []
    assert index.search("   ") == []


def test_markdown_markers_do_not_show_in_snippets() -> None:
    text = plain_text("> [!NOTE] 标题\n> **数据治理**就是 [链接](x.md) ![图](a.png)\n\n| a | b |\n|---|---|")
    assert "**" not in text and "[!NOTE]" not in text and "](" not in text and "---" not in text
    assert "数据治理" in text and "链接" in text
    assert "____" in plain_text("改革叫作“____”。"), "fill-in blanks survive"


def test_progress_is_reported_per_pack() -> None:
    seen: list[Any] = []
    SearchIndex.build([load_pack(FIXTURE)], lambda done, total: seen.append((done, total)))
    assert seen == [(1, 1)]


def test_final_questions_and_explanations_are_hidden_until_handed_in(index: SearchIndex) -> None:
    for text in ("向社会公众提供政务数据", "身份证号是敏感个人信息", "开放面向社会"):
        assert all(h.module_id != "final" for h in index.search(text)), text
        assert all(h.module_id != "final" for h in index.search(text, handed_in={"other"}))
        after = index.search(text, handed_in={"learner-mini"})
        assert any(h.module_id == "final" and h.exercise_id for h in after), text
    assert index.search("结业测验"), "the final's title and introduction stay findable"


def test_the_whole_phrase_comes_first_and_is_highlighted(index: SearchIndex) -> None:
    hits = index.search("数据 共享")
    assert hits, "words apart or together"
    first = hits[0]
    assert first.snippet[first.match_start:first.match_start + first.match_length] == "数据共享"
