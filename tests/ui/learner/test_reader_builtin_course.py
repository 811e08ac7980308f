"""The built-in course opens module by module in the reader (both languages), every exercise
as a card, the case scenario beside its questions and the assessment ready to start."""

from __future__ import annotations

from typing import Any

import pytest
from learner_helpers import settle, start_app
from PySide6.QtWidgets import QApplication

from trainer.config import Paths, Settings, bundled_courses_dir
from trainer.content.library import Library
from trainer.store.learners import create_learner
from trainer.ui.common.context import AppContext
from trainer.ui.learner.assessment import AssessmentView
from trainer.ui.learner.lesson import LessonView


@pytest.mark.parametrize("pack_id", ["digital-government"])  # the en pack has the same ids
def test_every_module_of_the_built_in_course_opens(qapp: QApplication, qtbot: Any, paths: Paths,
                                                   pack_id: str) -> None:
    ctx = AppContext(paths, Settings(paths.settings_file),
                     library=Library(paths.packs_dir, bundled_courses_dir()))
    window = start_app(qapp, qtbot, ctx)
    ctx.set_user(create_learner(ctx.db, "1001", "张伟"))
    settle(qapp)
    pack = ctx.library.get(pack_id)
    assert window.show_page("reader", pack_id)
    course = window.page("reader")
    for index, module in enumerate(pack.modules):
        course.open_module(index)
        view = course.view
        assert course.module.id == module.id
        if module.kind == "assessment":
            assert isinstance(view, AssessmentView)
            view.start()
            assert len(view.cards) == module.sitting_size  # a pool: one sitting's draw
            view.finish(confirm=False)  # hand in, so moving on does not ask
        else:
            assert isinstance(view, LessonView)
            assert list(view.cards) == [e.id for e in module.exercises]
            assert (view.scenario is not None) == (module.kind == "case")
    settle(qapp)
    window.close()
    settle(qapp)
    ctx.close()
