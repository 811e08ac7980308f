""""My progress" in the real window: prepared while the learner is on the library, so opening it
shows a page already built and drawn (DESIGN §6: first opening ≤ 300 ms at 10,000 learners)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from learner_helpers import settle, start_app
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from trainer.ui.common.context import AppContext
from trainer.ui.learner import dashboard_prefetch


def test_opening_my_progress_shows_the_page_prepared_meanwhile(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        monkeypatch: pytest.MonkeyPatch, reset_appearance: None) -> None:
    monkeypatch.setattr(dashboard_prefetch, "AFTER_SIGN_IN_MS", 0)
    window = start_app(qapp, qtbot, app_ctx)
    app_ctx.set_user(learner)
    settle(qapp)
    prefetcher = app_ctx._dashboard_prefetcher  # installed with the learner pages
    qtbot.waitUntil(lambda: prefetcher.painted, timeout=30_000)
    prepared = prefetcher.page
    assert prepared is not None and prepared.size() == window.stack.size()
    draws: list[object] = []
    for chart in prepared.charts():
        chart.canvas.mpl_connect("draw_event", draws.append)
    statements: list[str] = []
    gui = threading.get_ident()
    event.listen(app_ctx.db.engine, "before_cursor_execute",
                 lambda *_a: statements.append("sql") if threading.get_ident() == gui else None)
    assert window.show_page("dashboard")
    qtbot.wait(100)
    assert window.page("dashboard") is prepared and prepared.isVisible()
    assert prepared.subtitle.text().startswith("张伟")
    assert statements == [] and draws == []  # nothing read, no chart drawn again
