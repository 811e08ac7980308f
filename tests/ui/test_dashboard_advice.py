""""What to study next" for a learner at the top level everywhere says so (not "answer a few
exercises"), and the course-completion list opens on the course studied last."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.conftest import reset_app_appearance
from trainer.ui.common.context import AppContext


def test_top_level_everywhere_and_recent_course(qapp: QApplication, qtbot: Any,
                                                app_ctx: AppContext) -> None:
    from trainer.store.bulk import insert_attempts
    from trainer.store.learners import create_learner
    from trainer.store.progress import enroll, record_lesson_progress
    from trainer.ui.learner.dashboard import DashboardPage

    zh, en = app_ctx.library.get("digital-government"), app_ctx.library.get("digital-government-en")
    me = create_learner(app_ctx.db, "E2001", "赵敏", "市数据局")
    enroll(app_ctx.db, me.id, en.id)  # looked at the English course once, long ago
    record_lesson_progress(app_ctx.db, me.id, en.id, en.modules[0].id, add_seconds=60)
    record_lesson_progress(app_ctx.db, me.id, zh.id, zh.modules[0].id, add_seconds=600)
    when = datetime.now(UTC) - timedelta(days=1)
    insert_attempts(app_ctx.db, [
        {"learner_id": me.id, "pack_id": zh.id, "pack_version": zh.version, "exercise_id": e.id,
         "response": {}, "score": 1.0, "weights": dict(e.weights), "started_at": when,
         "finished_at": when} for e in zh.exercises()])
    app_ctx.set_user(me)
    page = DashboardPage(app_ctx)
    qtbot.addWidget(page)
    try:
        page.resize(1200, 1400)
        page.show()
        app_ctx.notify("attempts")
        texts = [w.text() for w in page.advice.findChildren(QLabel)]
        assert any("top level" in t and "final assessment" in t for t in texts), texts
        assert not any("Answer a few exercises" in t for t in texts)
        assert page.course_box.count() == 2
        assert page.course_box.currentData() == zh.id, "the course studied last"
    finally:
        reset_app_appearance(qapp)
