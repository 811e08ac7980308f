""""My progress" in the real window: its figures are gathered while the learner is on the
library, so opening it reads nothing on the GUI thread (DESIGN §6: first opening ≤ 300 ms at
10,000 learners)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from learner_helpers import settle, start_app
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from trainer.ui.common.context import AppContext
from trainer.ui.learner import dashboard_prefetch


def test_opening_my_progress_uses_the_figures_gathered_meanwhile(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        monkeypatch: pytest.MonkeyPatch, reset_appearance: None) -> None:
    monkeypatch.setattr(dashboard_prefetch, "AFTER_SIGN_IN_MS", 0)
    window = start_app(qapp, qtbot, app_ctx)
    app_ctx.set_user(learner)
    settle(qapp)
    prefetcher = app_ctx._dashboard_prefetcher  # installed with the learner pages
    qtbot.waitUntil(lambda: prefetcher.gathered is not None, timeout=30_000)
    statements: list[str] = []
    gui = threading.get_ident()
    event.listen(app_ctx.db.engine, "before_cursor_execute",
                 lambda *_a: statements.append("sql") if threading.get_ident() == gui else None)
    assert window.show_page("dashboard")
    page = window.page("dashboard")
    assert page.data is prefetcher.gathered.data and page.subtitle.text().startswith("张伟")
    assert statements == []  # nothing read on the GUI thread
