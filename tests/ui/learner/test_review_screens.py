"""今日复习, 每日一练 and the 错题本 as a learner uses them, in Chinese and in English."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from learner_helpers import settle, start_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from trainer.store.models import ReviewAnswer
from trainer.store.progress import record_attempt
from trainer.store.review import ReviewNote, due_items
from trainer.ui.common.context import AppContext

RIGHT = {"q-single": 0, "q-truefalse": 0}  # the right option's row
TEXTS = {"en": ("Start review (2)", "Done: 1 of 2 answered right", "Wrong-answer book (1)"),
         "zh_CN": ("开始复习（2）", "完成：2 题中答对 1 题", "错题本（1）")}


def seed(ctx: AppContext, learner: Any) -> None:
    """Three days ago: q-single answered wrong, q-truefalse right; both are due now."""
    when = datetime.now(UTC) - timedelta(days=3)
    for exercise, choice, score in (("q-single", 1, 0.0), ("q-truefalse", 0, 1.0)):
        record_attempt(ctx.db, learner.id, "learner-mini", "1.0.0", exercise, {"choice": choice},
                       score, {"data-literacy": 1.0}, when - timedelta(seconds=30), when,
                       review=ReviewNote())


def open_library(qapp: QApplication, qtbot: Any, ctx: AppContext, learner: Any,
                 language: str) -> Any:
    ctx.settings.set("language", language)
    window = start_app(qapp, qtbot, ctx)
    ctx.set_user(learner)
    settle(qapp)
    library = window.page("library")
    qtbot.waitUntil(lambda: library.review_panel.isVisible())
    return window, library


def click_option(qtbot: Any, card: Any, row: int) -> None:
    qtbot.mouseClick(card.input.rows[row].label, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(card.submit_button, Qt.MouseButton.LeftButton)


def kinds(ctx: AppContext) -> list[str]:
    with ctx.db.reader() as session:
        return sorted(session.scalars(select(ReviewAnswer.kind)))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_review_due_items_from_the_library_one_at_a_time(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        language: str, reset_appearance: None) -> None:
    seed(app_ctx, learner)
    window, library = open_library(qapp, qtbot, app_ctx, learner, language)
    start, done, book = TEXTS[language]
    assert library.review_panel.review_button.text() == start
    assert library.review_panel.book_button.text() == book
    qtbot.mouseClick(library.review_panel.review_button, Qt.MouseButton.LeftButton)
    session = window.page("review")
    qtbot.waitUntil(lambda: session.card is not None)
    assert window.current_page == "review" and session.counter.text()
    # the longest overdue first; answer the first wrong, the second right
    first = session.card
    click_option(qtbot, first, 1 - RIGHT[first.exercise.id])
    assert first.feedback_box.isVisible() and not first.retry_button.isVisible()
    qtbot.keyClick(session, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    second = session.card
    assert second is not first
    click_option(qtbot, second, RIGHT[second.exercise.id])
    qtbot.mouseClick(session.next_button, Qt.MouseButton.LeftButton)
    assert session.card is None and session.done.text().startswith(done)
    settle(qapp)
    assert kinds(app_ctx) == ["review", "review"]
    assert due_items(app_ctx.db, learner.id) == []
    qtbot.mouseClick(session.back_button, Qt.MouseButton.LeftButton)
    settle(qapp)
    assert not library.review_panel.review_button.isEnabled()


def test_the_notebook_shows_the_last_answer_and_redoes_it(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        reset_appearance: None) -> None:
    seed(app_ctx, learner)
    window, library = open_library(qapp, qtbot, app_ctx, learner, "en")
    qtbot.mouseClick(library.review_panel.book_button, Qt.MouseButton.LeftButton)
    page = window.page("notebook")
    qtbot.waitUntil(lambda: page.card is not None)
    assert page.tree.topLevelItemCount() == 1 and page.tree.topLevelItem(0).childCount() == 1
    card = page.card
    assert card.exercise.id == "q-single"
    assert card.response() == {"choice": 1}  # the last answer, as given
    assert card.verdict.text().startswith("Not correct") and card.explanation.isVisible()
    page.group_box.setCurrentIndex(2)  # by competency
    qtbot.waitUntil(lambda: page.card is not None and page.card is not card)
    card = page.card
    qtbot.mouseClick(card.retry_button, Qt.MouseButton.LeftButton)
    click_option(qtbot, card, RIGHT["q-single"])
    settle(qapp)
    assert card.verdict.text().startswith("Correct")
    assert kinds(app_ctx) == ["notebook"]


def test_daily_practice_then_streak_and_calendar_on_the_dashboard(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        reset_appearance: None) -> None:
    app_ctx.settings.set("daily_practice_size", 2)
    window, library = open_library(qapp, qtbot, app_ctx, learner, "en")
    assert library.review_panel.daily_button.text() == "Daily practice 0/2"
    qtbot.mouseClick(library.review_panel.daily_button, Qt.MouseButton.LeftButton)
    session = window.page("review")
    qtbot.waitUntil(lambda: session.card is not None)
    for _ in range(2):  # nothing due yet: two new questions
        card = session.card
        assert card.exercise.type in ("single", "truefalse", "multiple", "fill", "order",
                                      "match", "open")
        if card.exercise.type in ("single", "truefalse"):
            click_option(qtbot, card, 0)
        else:
            card.input.set_response(_any_response(card.exercise))
            card.submit_button.click()
        qtbot.mouseClick(session.next_button, Qt.MouseButton.LeftButton)
    settle(qapp)
    assert kinds(app_ctx) == ["daily", "daily"]
    window.show_page("dashboard")
    settle(qapp)
    panel = window.page("dashboard").review_panel
    qtbot.waitUntil(lambda: panel.isVisible())
    assert panel.streak.text() == "Days practised in a row: 1"
    assert panel.daily_button.text() == "Daily practice 2/2"
    assert panel.calendar is not None and panel.calendar.days.today in panel.calendar.days.days


def _any_response(exercise: Any) -> dict[str, Any]:
    if exercise.type == "multiple":
        return {"choices": [0]}
    if exercise.type == "fill":
        return {"text": "x"}
    if exercise.type == "order":
        return {"order": list(range(len(exercise.items)))}
    if exercise.type == "match":
        return {"pairs": {str(i): i for i in range(len(exercise.pairs))}}
    return {"text": "x", "ticked": [0]}
