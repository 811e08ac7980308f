"""A handed-in sitting marks the final assessment done (or not passed) in the outline at once,
and the outline
shows the sitting's score as its result page does (one decimal: 66.7%, not 67%)."""

from __future__ import annotations

from typing import Any

import pytest
from learner_helpers import settle, start_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from trainer.store.progress import lesson_states
from trainer.ui.common.context import AppContext
from trainer.ui.learner.models import OutlineModel


@pytest.mark.parametrize("passing", [True, False])
def test_handed_in_sitting_is_done_with_the_same_score(qapp: QApplication, qtbot: Any,
                                                       app_ctx: AppContext, learner: Any,
                                                       passing: bool) -> None:
    window = start_app(qapp, qtbot, app_ctx)
    app_ctx.set_user(learner)
    settle(qapp)
    assert window.show_page("reader", ("learner-mini", "final"))
    course = window.page("reader")
    view = course.view
    view.start()
    view.cards["q-final-1"].input.button(1).click()
    view.cards["q-final-2"].input.button(0 if passing else 1).click()
    view.cards["q-final-3"].input.edit.insert("最多跑一次" if passing else "不知道")
    qtbot.mouseClick(view.hand_in, Qt.MouseButton.LeftButton)
    settle(qapp)
    assert view.result is not None and view.result.passed is passing
    stored = lesson_states(app_ctx.db, learner.id, "learner-mini")["final"].status
    assert stored == ("completed" if passing else "in_progress"), "a failed final is not done"

    def details() -> str:
        return OutlineModel.details(course.outline_model.row(course.outline_model.row_of("final")))

    # the outline follows a save REFRESH_DELAY_MS later, read by a worker: a moment, not a
    # fixed number of event-loop turns
    expected = "Done" if passing else "Not passed"
    try:
        qtbot.waitUntil(lambda: details().startswith(expected), timeout=3000)
    except AssertionError:
        raise AssertionError(f"handing in is not passing: {details()!r}") from None
    if passing:
        assert f"Score {view.result.percent:g}%" in details() and "66.7" in details()
