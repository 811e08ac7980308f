"""A damaged database in the desktop app: a warning bar says so at once, work that cannot be
saved is not offered, reading goes on, and no error box appears after every answer.

Real SQLite files, damaged the way tests/store/test_health.py damages them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from damaged_db import break_a_page_of
from learner_helpers import make_context, settle, start_app
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from trainer.config import Paths
from trainer.store.db import open_database
from trainer.store.learners import create_learner
from trainer.store.progress import record_attempt
from trainer.ui.common.context import AppContext
from trainer.ui.learner.assessment import AssessmentView

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _answers(paths: Paths, count: int = 400) -> int:
    """One learner (personal mode: no PIN) with ``count`` answers in another course, so the
    attempts table spans many pages; returns the learner's id."""
    with open_database(paths, backup=False) as db:
        person = create_learner(db, "1001", "张伟", "办公室")
        for n in range(count):
            record_attempt(db, person.id, "other-course", "1.0.0", f"ex{n}",
                           {"text": "答案" * 40}, 1.0, {}, T0)
    return person.id


def _damaged(paths: Paths) -> None:
    _answers(paths)
    break_a_page_of(paths.database_file, "attempts")


def _personal(paths: Paths, bundled: Path, language: str) -> AppContext:
    """A context as after a personal-mode set-up (one learner, no self-registration)."""
    ctx = make_context(paths, bundled, language)
    ctx.settings.set("allow_self_registration", False)
    return ctx


def _bar_texts(window: Any) -> str:
    bar = window.read_only_bar
    return bar.title.text() + "\n" + bar.body.text()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_damaged_database_shows_the_bar_and_offers_no_answer_it_cannot_save(
        qapp: QApplication, qtbot: Any, paths: Paths, bundled: Path, language: str,
        message_boxes: list[QMessageBox]) -> None:
    _damaged(paths)
    before = paths.database_file.read_bytes()
    ctx = _personal(paths, bundled, language)
    window = start_app(qapp, qtbot, ctx)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: ctx.user is not None)  # personal mode signs in, read-only
    settle(qapp)
    assert ctx.read_only
    bar = window.read_only_bar
    assert bar is not None and bar.isVisible()
    assert not bar.isWindow() and bar.window() is window
    top = QPoint(0, 0)
    assert bar.mapTo(window, top).y() < window.stack.mapTo(window, top).y(), "above the pages"
    texts = _bar_texts(window)
    if language == "zh_CN":
        assert "学习记录数据库已损坏，只能查看，不能保存" in texts
        assert "已保存的记录没有任何改动" in texts and bar.details_button.text() == "详情…"
    else:
        assert "nothing can be saved" in texts and "Nothing already saved was changed" in texts
    assert "trainer db restore" in texts
    _shoot(window, f"read-only-library-{language}")

    # reading a lesson works; its exercises do not offer to save an answer
    assert window.show_page("reader", ("learner-mini", "basics"))
    settle(qapp)
    course = window.page("reader")
    assert course.module.id == "basics" and course.view.cards
    card = course.view.cards["q-fill"]
    card.input.edit.insert("一网通办")
    assert card.response() is not None, "an answer is entered"
    assert not card.submit_button.isEnabled()
    tip = card.submit_button.toolTip()
    note = card.blocked_note.text()
    assert card.blocked_note.isVisible()
    if language == "zh_CN":
        assert "无法保存" in note and "只读" in tip
    else:
        assert "cannot be saved" in note and "read-only" in tip
    qtbot.keyClick(card.input.edit, Qt.Key.Key_Return)  # Enter in the field: still nothing
    card.submit()
    assert not card.feedback_box.isVisible()
    _shoot(window, f"read-only-lesson-{language}")
    _shoot(card, f"read-only-exercise-{language}")

    # the final assessment cannot be started
    assert window.show_page("reader", ("learner-mini", "final"))
    settle(qapp)
    final = window.page("reader").view
    assert isinstance(final, AssessmentView)
    assert not final.start_button.isEnabled() and final.start_button.toolTip()

    course.session.flush() if course.session is not None else None  # leaving saves nothing
    window.close()
    settle(qapp)
    assert message_boxes == [], [b.text() for b in message_boxes]
    ctx.close()
    assert paths.database_file.read_bytes() == before, "nothing was written into the file"


def test_details_show_the_stores_message_and_hint(
        qapp: QApplication, qtbot: Any, paths: Paths, bundled: Path,
        message_boxes: list[QMessageBox]) -> None:
    _damaged(paths)
    ctx = _personal(paths, bundled, "en")
    window = start_app(qapp, qtbot, ctx)
    qtbot.waitUntil(lambda: ctx.user is not None)
    settle(qapp)
    qtbot.mouseClick(window.read_only_bar.details_button, Qt.MouseButton.LeftButton)
    assert len(message_boxes) == 1
    box = message_boxes[0]
    assert str(paths.database_file) in box.text() and "read-only" in box.text()
    assert "backup" in box.informativeText()
    window.close()
    settle(qapp)
    ctx.close()


def test_a_database_damaged_during_use_shows_the_bar_at_once(
        qapp: QApplication, qtbot: Any, paths: Paths, bundled: Path,
        message_boxes: list[QMessageBox]) -> None:
    _answers(paths)
    ctx = _personal(paths, bundled, "en")
    window = start_app(qapp, qtbot, ctx)
    qtbot.waitUntil(lambda: ctx.user is not None)
    settle(qapp)
    assert window.show_page("reader", ("learner-mini", "basics"))
    settle(qapp)
    card = window.page("reader").view.cards["q-fill"]
    assert not ctx.read_only and window.read_only_bar is None
    card.input.edit.insert("一网通办")
    assert card.submit_button.isEnabled()

    ctx.db.engine.dispose()  # no connection (nor lock) while another program breaks the file
    break_a_page_of(paths.database_file, "attempts")
    from trainer.store.progress import attempts
    from trainer.ui.common.work import run_work

    user_id = ctx.user.id  # a view reads the damaged page (as "My progress" would)
    job = run_work(window, ctx, lambda _p: attempts(ctx.db, user_id), show_progress=False)
    qtbot.waitUntil(lambda: job.done)
    assert job.error is not None and ctx.read_only
    assert window.read_only_bar is not None and window.read_only_bar.isVisible()
    assert not window.read_only_bar.isWindow(), "in the main window, not a window of its own"
    assert not card.submit_button.isEnabled(), "the open exercise stops offering to save"
    assert card.blocked_note.isVisible()
    assert "read-only" in window.statusBar().currentMessage()
    assert message_boxes == [], "the bar says it: no box"
    window.close()
    settle(qapp)
    ctx.close()


def _shoot(window: Any, name: str) -> None:
    """Keep a screenshot when TRAINER_SHOTS names a folder (to look at the layout)."""
    import os

    folder = os.environ.get("TRAINER_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(Path(folder) / f"{name}.png"))



def test_a_lesson_whose_earlier_answers_sit_on_the_damaged_page_still_opens(
        qapp: QApplication, qtbot: Any, paths: Paths, bundled: Path,
        message_boxes: list[QMessageBox]) -> None:
    with open_database(paths, backup=False) as db:
        person = create_learner(db, "1001", "张伟", "办公室")
        for n in range(400):
            record_attempt(db, person.id, "learner-mini", "1.0.0", ("q-fill", "q-open")[n % 2],
                           {"text": "一网通办" * 20}, 1.0, {}, T0)
    break_a_page_of(paths.database_file, "attempts")
    ctx = _personal(paths, bundled, "en")
    window = start_app(qapp, qtbot, ctx)
    qtbot.waitUntil(lambda: ctx.user is not None)
    settle(qapp)
    assert window.show_page("reader", ("learner-mini", "basics"))
    settle(qapp)
    course = window.page("reader")
    assert course.module.id == "basics" and "q-single" in course.view.cards
    assert window.show_page("dashboard")
    settle(qapp)
    assert message_boxes == [], [b.text() for b in message_boxes]
    window.close()
    settle(qapp)
    ctx.close()
