"""Opening a module never renders long Markdown on the GUI thread (issue 13): text that is not
in the cache is rendered by a worker and appears a moment later, and text over the Markdown
limits (which the validator refuses) is shown as plain text instead of hanging the reader."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from learner_helpers import settle
from PySide6.QtWidgets import QApplication

from trainer.content.model import Module, TextBlock
from trainer.content.render import clear_cache
from trainer.ui.common.context import AppContext
from trainer.ui.learner.module_views import build_module_view

PARAGRAPH = "政务数据共享要坚持“以共享为原则、不共享为例外”，明确各方责任。" * 4


def _module(markdown: str) -> Module:
    return Module(id="long", title="长课文", minutes=10, kind="reference", competencies=(),
                  objectives=(), time_limit=None, pass_mark=None, file="modules/01-basics.md",
                  blocks=(TextBlock(markdown, 1),), exercises=())


def _open(qapp: QApplication, ctx: AppContext, markdown: str) -> Any:
    pack = ctx.library.get("learner-mini")
    view = build_module_view(ctx, pack, _module(markdown), 0, 15, "")
    view.resize(900, 700)
    view.show()
    return view


def test_long_uncached_text_is_rendered_by_a_worker(qapp: QApplication, app_ctx: AppContext,
                                                    learner: Any) -> None:
    app_ctx.set_user(learner)
    clear_cache()
    markdown = "\n\n".join(f"## 第 {n} 节\n\n{PARAGRAPH}\n\n- 一\n- 二" for n in range(80))
    view = _open(qapp, app_ctx, markdown)
    text = view.texts[0][0]
    assert text.waiting and "第 1 节" not in text.toPlainText(), "not rendered on the GUI thread"
    assert not view.at_end(), "an empty page is not read to the end"
    settle(qapp)
    deadline = time.monotonic() + 10
    while text.waiting or text._pending is not None:
        qapp.processEvents()
        assert time.monotonic() < deadline
    assert "第 79 节" in text.toPlainText()
    view.deleteLater()
    second = _open(qapp, app_ctx, markdown)
    assert not second.texts[0][0].waiting, "rendered text comes from the cache at once"
    second.deleteLater()
    settle(qapp)


def test_text_over_the_limits_is_shown_as_plain_text_quickly(
        qapp: QApplication, app_ctx: AppContext, learner: Any, tmp_path: Path) -> None:
    app_ctx.set_user(learner)
    deep = "\n".join("  " * level + f"- 第 {level} 层" for level in range(1000))
    started = time.perf_counter()
    view = _open(qapp, app_ctx, deep)
    settle(qapp)
    text = view.texts[0][0]
    while text.waiting or text._pending is not None:
        qapp.processEvents()
    assert time.perf_counter() - started < 5, "1,000 levels hung the reader for 58 s before"
    assert "第 999 层" in text.toPlainText()
    view.deleteLater()
    settle(qapp)


def test_a_long_question_comes_from_the_worker(
        qapp: QApplication, app_ctx: AppContext, learner: Any, bundled: Path) -> None:
    module_file = bundled / "learner-mini" / "modules" / "01-basics.md"
    long_question = "**长题干**" + PARAGRAPH * 20
    text = module_file.read_text("utf-8").replace("政府部门之间相互提供数据，叫作什么？",
                                                  long_question, 1)
    module_file.write_text(text, "utf-8")
    app_ctx.library.refresh()
    app_ctx.set_user(learner)
    clear_cache()
    pack = app_ctx.library.get("learner-mini")
    view = build_module_view(app_ctx, pack, pack.module("basics"), 0, 15, "")
    card = view.cards["q-single"]
    assert "<strong>" not in card.question.text(), "not rendered on the GUI thread"
    assert "**长题干**" in card.question.text(), "the text itself is there meanwhile"
    settle(qapp)
    deadline = time.monotonic() + 10
    while "<strong>" not in card.question.text():
        qapp.processEvents()
        assert time.monotonic() < deadline
    view.deleteLater()
    settle(qapp)
