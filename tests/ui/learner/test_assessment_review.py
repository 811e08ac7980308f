"""After hand-in only what the learner did counts, and the learner sees it (issue 17): every
question is reviewed with its right answer and explanation, answered or not; the countdown is
gone; a final that did not pass reads "Not passed" in the outline, the library and the dashboard,
never a green "Done" at 100 %."""

from __future__ import annotations

import os
from typing import Any

import pytest
from learner_helpers import settle, start_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea

from trainer.analytics.learner import completion
from trainer.store.progress import attempts
from trainer.ui.common.context import AppContext
from trainer.ui.learner.models import OutlineModel


def _hand_in_one_wrong(qapp: QApplication, qtbot: Any, ctx: AppContext, learner: Any,
                       monkeypatch: pytest.MonkeyPatch) -> Any:
    window = start_app(qapp, qtbot, ctx)
    ctx.set_user(learner)
    settle(qapp)
    assert window.show_page("reader", ("learner-mini", "final"))
    view = window.page("reader").view
    view.start()
    assert view.timer_label.isVisible()
    view.cards["q-final-1"].input.button(0).click()  # wrong; the other two left untouched
    assert "Answered 1 of 3" in view.answered_label.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.hand_in, Qt.MouseButton.LeftButton)
    settle(qapp)
    return window, view


def test_review_shows_every_answer_and_explanation_and_the_clock_stops(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    window, view = _hand_in_one_wrong(qapp, qtbot, app_ctx, learner, monkeypatch)
    assert view.result is not None and view.result.answered == 1
    assert len(attempts(app_ctx.db, learner.id, "learner-mini")) == 1, "unanswered: not saved"
    view.pages.setCurrentIndex(1)  # "Review answers and explanations"
    qapp.processEvents()
    assert not view.timer_label.isVisible(), "the countdown ends with the sitting"
    for exercise_id, card in view.cards.items():
        assert card.feedback_box.isVisible(), exercise_id
        assert card.explanation.isVisible() and "解析" in card.explanation.text(), exercise_id
    assert "Not answered" in view.cards["q-final-2"].verdict.text()
    assert "Not correct" in view.cards["q-final-1"].verdict.text()
    right = view.cards["q-final-2"].input
    assert any(row.mark.isVisible() and row.mark.text() == "Correct answer"
               for row in right.rows.values()), "the right answer of an unanswered question"
    assert "一网通办" in view.cards["q-final-3"].input.solution.text()
    assert view.cards["q-final-3"].input.solution.isVisible()
    if os.environ.get("TRAINER_SCREENSHOTS"):
        window.grab().save(str(tmp_path / "review.png"))


def test_a_failed_final_reads_not_passed_everywhere(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    window, view = _hand_in_one_wrong(qapp, qtbot, app_ctx, learner, monkeypatch)
    assert view.result is not None and not view.result.passed
    course = window.page("reader")
    course.refresh_outline()
    row = course.outline_model.row(course.outline_model.row_of("final"))
    assert row.status == "failed"
    assert OutlineModel.details(row).startswith("Not passed")
    pack = next(p for p in app_ctx.library.packs() if p.id == "learner-mini")
    shown = {m.module_id: m.status for m in completion(app_ctx.db, learner.id, pack).modules}
    assert shown["final"] == "failed"
    window.show_page("library")
    settle(qapp)
    library = window.page("library")
    qtbot.waitUntil(lambda: "learner-mini" in library.cards)
    assert "Final assessment not passed" in library.cards["learner-mini"].status.text()
    assert "0 of 3 modules done" in library.cards["learner-mini"].status.text()
    if os.environ.get("TRAINER_SCREENSHOTS"):
        window.grab().save(str(tmp_path / "library.png"))
    window.show_page("dashboard")
    dashboard = window.page("dashboard")
    qtbot.waitUntil(lambda: not getattr(dashboard, "loading", False), timeout=10_000)
    settle(qapp)
    bars = dashboard.completion.bars
    final = next(b for b in bars if b.property("status") == "failed")
    assert final.value() == 0, "its best sitting's score, not 100 %"
    assert not any(b.property("status") == "completed" and b.value() == 100 for b in bars)
    if os.environ.get("TRAINER_SCREENSHOTS"):
        window.grab().save(str(tmp_path / "dashboard.png"))


def test_untouched_ordering_and_matching_in_the_built_in_final_are_unanswered(
        qapp: QApplication, qtbot: Any, paths: Any, monkeypatch: Any) -> None:
    """The case from issue 17: an ordering question never moved scored 0.4 and counted as
    answered. In the real final, with one question answered right, the sitting is 1 of 20
    (the final is a pool: a seeded draw makes the sitting the same on every run)."""
    import random
    import types

    monkeypatch.setattr("trainer.analytics.sittings.random",
                        types.SimpleNamespace(SystemRandom=lambda: random.Random(17)))
    from trainer.config import Settings, bundled_courses_dir
    from trainer.content.library import Library
    from trainer.store.learners import create_learner

    ctx = AppContext(paths, Settings(paths.settings_file),
                     library=Library(paths.packs_dir, bundled_courses_dir()))
    try:
        window = start_app(qapp, qtbot, ctx)
        learner = create_learner(ctx.db, "1001", "张伟")
        ctx.set_user(learner)
        settle(qapp)
        assert window.show_page("reader", ("digital-government", "final-assessment"))
        view = window.page("reader").view
        view.start()
        first = next(c for c in view.cards.values() if c.exercise.type == "single")
        right = next(i for i, o in enumerate(first.exercise.options) if o.correct)
        first.input.button(right).click()
        view.finish(confirm=False)
        settle(qapp)
        assert view.result is not None
        assert (view.result.answered, view.result.total, view.result.percent) == (1, 20, 5.0)
        view.pages.setCurrentIndex(1)  # the review
        untouched = [i for i, c in view.cards.items() if c.exercise.type in ("order", "match")]
        assert untouched, "this draw has ordering or matching questions"
        for exercise_id in untouched:
            card = view.cards[exercise_id]
            assert card.verdict.text().startswith("未作答"), exercise_id  # a Chinese interface
            assert card.explanation.isVisibleTo(view) and card.explanation.text(), exercise_id
        assert [a.exercise_id for a in attempts(ctx.db, learner.id, "digital-government")] == [
            first.exercise.id]
        course = window.page("reader")
        course.refresh_outline()
        row = course.outline_model.index(course.outline_model.row_of("final-assessment"), 0)
        assert row.data().split("\n")[1].startswith("未通过")
        if os.environ.get("TRAINER_SCREENSHOTS"):
            view.pages.setCurrentIndex(1)
            area = view.exam_page.findChild(QScrollArea)
            area.ensureWidgetVisible(view.cards[untouched[0]], 0, 400)
            qapp.processEvents()
            window.grab().save(str(paths.data_dir / "review_zh.png"))
    finally:
        settle(qapp)
        ctx.close()
