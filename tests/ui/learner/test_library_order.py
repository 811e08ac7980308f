"""The library lists the interface language's courses first, and a card's module count is the
one its progress counts ("18 modules plus 1 reference", "3 of 18 modules done")."""

from __future__ import annotations

from typing import Any

import pytest
from learner_helpers import settle, start_app
from PySide6.QtWidgets import QApplication, QLabel

from trainer.config import Paths, Settings, bundled_courses_dir
from trainer.content.library import Library
from trainer.store.learners import create_learner
from trainer.store.progress import record_lesson_progress
from trainer.ui.common.context import AppContext


@pytest.mark.parametrize(("language", "first", "size", "done"), [
    ("zh_CN", "digital-government", "18 个单元 另附 1 份参考资料", "已完成 1 / 18 个单元"),
    ("en", "digital-government-en", "18 modules plus 1 reference", "1 of 18 modules done")])
def test_library_order_and_module_count(qapp: QApplication, qtbot: Any, paths: Paths,
                                        language: str, first: str, size: str, done: str) -> None:
    settings = Settings(paths.settings_file)
    settings.set("language", language)
    ctx = AppContext(paths, settings, library=Library(paths.packs_dir, bundled_courses_dir()))
    window = start_app(qapp, qtbot, ctx)
    learner = create_learner(ctx.db, "1001", "张伟")
    record_lesson_progress(ctx.db, learner.id, first, "01-why", status="completed")
    ctx.set_user(learner)
    settle(qapp)
    assert window.show_page("library")
    page = window.page("library")
    qtbot.waitUntil(lambda: len(page.cards) == 2)
    assert list(page.cards)[0] == first
    texts = [label.text() for label in page.cards[first].findChildren(QLabel)]
    assert any(size in text for text in texts), texts
    assert done in texts
    window.close()
    settle(qapp)
    ctx.close()
