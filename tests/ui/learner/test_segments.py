"""How modules are cut for the screen, and that prefetching renders exactly what the reader asks."""

from __future__ import annotations

from typing import Any

import pytest
from learner_helpers import FIXTURE

from trainer.content.loader import load_pack
from trainer.ui.learner.lesson import LessonView
from trainer.ui.learner.segments import prerender, scenario, segments


@pytest.fixture(scope="module")
def pack() -> Any:
    return load_pack(FIXTURE)


def test_text_runs_and_exercises_in_document_order(pack: Any) -> None:
    items = segments(pack.module("basics"))
    kinds = [item if isinstance(item, str) else item.id for item in items]
    assert kinds[1:] == ["q-single", "## 常见做法\n\n下面几道题帮助你巩固概念。", "q-multiple",
                         "q-truefalse", "q-fill", "q-order", "q-match", "q-open"]
    assert not kinds[0].lstrip().startswith("# "), "the title is shown once, in the header"
    assert "政务数据是政府部门" in kinds[0]


def test_a_case_keeps_its_scenario_apart(pack: Any) -> None:
    case = pack.module("case-leak")
    assert [getattr(i, "id", i) for i in segments(case)] == ["q-case-first", "q-case-tf"]
    assert "3000 名群众身份证号" in scenario(case) and not scenario(case).startswith("#")


@pytest.mark.parametrize("module_id", ["basics", "case-leak", "glossary"])
def test_prefetch_renders_exactly_what_the_reader_asks_for(qtbot: Any, pack: Any,
                                                           module_id: str) -> None:
    module = pack.module(module_id)
    asked: list[str] = []
    view = LessonView(pack, module, lambda md: asked.append(md) or md, "", has_previous=False,
                      has_next=False, font_size=15)
    qtbot.addWidget(view)
    prefetched: list[str] = []
    prerender(module, lambda md: prefetched.append(md) or md)
    assert set(asked) <= set(prefetched), "every text the reader shows is already in the cache"
