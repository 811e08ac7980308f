"""A case module's question column wraps its text at common window widths (1280 and 1440 px):
it never scrolls sideways, and matching items keep the column's width instead of shrinking."""

from __future__ import annotations

from typing import Any

import pytest
from learner_helpers import settle, start_app
from PySide6.QtWidgets import QApplication, QLabel

from trainer.config import Paths, Settings, bundled_courses_dir
from trainer.content.library import Library
from trainer.store.learners import create_learner
from trainer.ui.common.context import AppContext
from trainer.ui.learner.exercises.arrange import MatchInput


@pytest.mark.parametrize(("language", "pack_id", "width"), [
    ("zh_CN", "digital-government", 1280), ("en", "digital-government-en", 1280),
    ("en", "digital-government-en", 1440)])
def test_case_questions_never_scroll_sideways(qapp: QApplication, qtbot: Any, paths: Paths,
                                              language: str, pack_id: str, width: int) -> None:
    settings = Settings(paths.settings_file)
    settings.set("language", language)
    ctx = AppContext(paths, settings, library=Library(paths.packs_dir, bundled_courses_dir()))
    window = start_app(qapp, qtbot, ctx)
    window.resize(width, 800)
    ctx.set_user(create_learner(ctx.db, "1001", "张伟"))
    settle(qapp)
    pack = ctx.library.get(pack_id)
    assert window.show_page("reader", pack_id)
    course = window.page("reader")
    cases = [i for i, m in enumerate(pack.modules) if m.kind == "case" and m.exercises]
    assert cases
    for index in cases:
        course.open_module(index)
        settle(qapp)
        view = course.view
        assert view.scroll.horizontalScrollBar().maximum() == 0, pack.modules[index].id
        bar = view.scenario.horizontalScrollBar()  # only a table wider than the pane scrolls
        assert bar.isVisible() == (bar.maximum() > 3), (pack.modules[index].id, bar.maximum())
        if language == "zh_CN":
            assert not bar.isVisible(), pack.modules[index].id
        column = view.scroll.viewport().width()
        for card in view.cards.values():
            assert card.submit_button.geometry().right() < card.width() <= column
            if isinstance(card.input, MatchInput):
                labels = [w for w in card.input.findChildren(QLabel) if w.buddy() is not None]
                assert all(label.width() >= card.input.width() - 2 for label in labels)
    window.close()
    settle(qapp)
    ctx.close()


@pytest.mark.parametrize("context", ["LessonView", "CourseCard"])
def test_english_minutes_take_the_plural(qapp: QApplication, context: str) -> None:
    """'about 1 minute' but 'about 35 minutes' (the English .qm carries both plural forms)."""
    from PySide6.QtCore import QTranslator

    from trainer.ui.i18n import qm_file

    translator = QTranslator()
    assert translator.load(str(qm_file("en")))
    assert translator.translate(context, "about %n minute(s)", "", 1) == "about %n minute"
    assert translator.translate(context, "about %n minute(s)", "", 35) == "about %n minutes"
