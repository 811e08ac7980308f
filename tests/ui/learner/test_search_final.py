"""The search page never shows a final-assessment question or its explanation to a learner
who has not handed the final in; after hand-in it does (as the review does)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from learner_helpers import make_context, settle, start_app
from PySide6.QtWidgets import QApplication

from trainer.config import Paths


def _modules(page: Any, text: str) -> list[str]:
    page.field.setText(text)
    page.run_search()
    return [page.model.hit(r).module_id for r in range(page.model.rowCount())]


def test_search_hides_the_final_until_it_is_handed_in(
        qapp: QApplication, qtbot: Any, paths: Paths, bundled: Any) -> None:
    from trainer.store.learners import create_learner
    from trainer.store.progress import record_attempt
    from trainer.ui.common.context import ATTEMPTS

    ctx = make_context(paths, bundled)
    pack = ctx.library.get("learner-mini")
    learner = create_learner(ctx.db, "1001", "张伟", "办公室")
    other = create_learner(ctx.db, "1002", "李娜", "办公室")
    window = start_app(qapp, qtbot, ctx)
    ctx.set_user(learner)
    window.show_page("search")
    settle(qapp)
    page = window.page("search")
    page.ensure_index()
    qtbot.waitUntil(lambda: page.index is not None, timeout=10_000)
    for text in ("向社会公众提供政务数据", "身份证号是敏感个人信息", "开放面向社会"):
        assert "final" not in _modules(page, text), f"{text} shown before hand-in"
    assert "basics" in _modules(page, "履行职责"), "the lessons are still found"
    final = next(m for m in pack.modules if m.id == "final")
    started = datetime.now(UTC)
    for exercise in final.exercises:  # handed in: one sitting's answers recorded
        record_attempt(ctx.db, learner.id, pack.id, pack.version, exercise.id, {}, 0.0,
                       dict(exercise.weights), started)
    ctx.dataChanged.emit(ATTEMPTS)
    assert "final" in _modules(page, "身份证号是敏感个人信息"), "the explanation after hand-in"
    ctx.set_user(other)
    settle(qapp)
    assert "final" not in _modules(page, "身份证号是敏感个人信息"), "another learner's hand-in"
    window.close()
    settle(qapp)
