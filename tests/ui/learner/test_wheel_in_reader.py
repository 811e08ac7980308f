"""In the real reader, the wheel over a matching question's drop-downs scrolls the lesson and
leaves the answers as they were (issue 17: it silently changed them)."""

from __future__ import annotations

from typing import Any

from learner_helpers import settle, start_app
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from trainer.ui.common.context import AppContext


def wheel_down(widget: Any) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_over_matching_answers_scrolls_the_lesson(qapp: QApplication, qtbot: Any,
                                                        app_ctx: AppContext, learner: Any) -> None:
    window = start_app(qapp, qtbot, app_ctx)
    app_ctx.set_user(learner)
    settle(qapp)
    assert window.show_page("reader", ("learner-mini", "basics"))
    view = window.page("reader").view
    settle(qapp)
    card = view.cards["q-match"]
    for left in range(len(card.input.combos)):
        card.input.choose(left, left)
    answer = card.input.response()
    assert answer is not None
    bar = view.scroll.verticalScrollBar()
    assert bar.maximum() > 0, "the lesson is longer than the window"
    for combo in card.input.combos:
        view.scroll.ensureWidgetVisible(combo)
        qapp.processEvents()
        before = bar.value()
        wheel_down(combo)
        assert bar.value() > before or bar.value() == bar.maximum(), "the lesson scrolled"
        assert card.input.response() == answer, "the answer is unchanged"
    assert not any(combo.hasFocus() for combo in card.input.combos)
