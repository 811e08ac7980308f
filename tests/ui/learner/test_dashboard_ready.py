""""My progress" in the real window: prepared while the learner is on the library, so opening it
shows a page already built and drawn (DESIGN §6: first opening ≤ 300 ms at 10,000 learners)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from learner_helpers import settle, start_app
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
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


def fires(qtbot: Any, shortcut: QShortcut) -> bool:
    """Whether pressing the shortcut's keys, sent where the keyboard's focus is, activates it
    (an ambiguous key activates nothing: Qt only reports it)."""
    hits: list[str] = []
    shortcut.activated.connect(lambda: hits.append("activated"))
    shortcut.activatedAmbiguously.connect(lambda: hits.append("ambiguous"))
    target = QApplication.focusWidget() or shortcut.parentWidget()
    QTest.keySequence(target, shortcut.key())
    QApplication.processEvents()
    return hits == ["activated"]


def test_keys_answer_while_my_progress_is_prepared(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        monkeypatch: pytest.MonkeyPatch, reset_appearance: None) -> None:
    """A page built in advance, also while the learner answers in the review session, takes no
    shortcut, focus or activation from the screen in use: every key of the review session and
    of the reader, and the menus' keys, still answer."""
    from test_review_screens import RIGHT, click_option, seed

    monkeypatch.setattr(dashboard_prefetch, "AFTER_SIGN_IN_MS", 0)
    monkeypatch.setattr(dashboard_prefetch, "AFTER_CHANGE_MS", 0)
    seed(app_ctx, learner)
    window = start_app(qapp, qtbot, app_ctx)
    app_ctx.set_user(learner)
    settle(qapp)
    prefetcher = app_ctx._dashboard_prefetcher
    qtbot.waitUntil(lambda: prefetcher.painted, timeout=30_000)
    library = window.page("library")
    qtbot.mouseClick(library.review_panel.review_button, Qt.MouseButton.LeftButton)
    session = window.page("review")
    qtbot.waitUntil(lambda: session.card is not None)
    first = session.card
    before = prefetcher.generation
    click_option(qtbot, first, 1 - RIGHT[first.exercise.id])  # saved: the page is built again
    qtbot.waitUntil(lambda: prefetcher.generation > before and prefetcher.painted,
                    timeout=30_000)
    prepared = prefetcher.page
    assert prepared is not None and not prepared.isVisible()
    assert QApplication.activeWindow() is window
    assert window.isAncestorOf(QApplication.focusWidget())
    assert [fires(qtbot, s) for s in session.findChildren(QShortcut)] == [True]  # Ctrl+Return
    assert session.card is not first  # on to the next question
    window.show_page("reader", ("learner-mini", "basics"))
    settle(qapp)
    reader = window.page("reader")
    keys = reader.findChildren(QShortcut)
    assert len(keys) >= 6 and all(fires(qtbot, s) for s in keys)  # zoom, previous, next
    nav = window.menus.nav_action
    checked = nav.isChecked()
    QTest.keySequence(QApplication.focusWidget() or window, nav.shortcut())
    assert nav.isChecked() != checked
    QTest.keySequence(QApplication.focusWidget() or window, QKeySequence.StandardKey.Find)
    assert window.current_page == "search"
    assert window.page("dashboard") is prepared  # and the click shows the page prepared
