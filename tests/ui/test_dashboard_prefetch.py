""""My progress" gathered in advance (DESIGN §6: first opening ≤ 300 ms at 10,000 learners).

The class guarded here: the first opening paying on the GUI thread for reads that could be done
while the learner studies. Once gathered, opening the page runs no SQL on the GUI thread; a
write since the gathering is never hidden by it (the page reads again, and so does the gatherer
once things are quiet). With the window's page size known, the page itself is ready before the
click: showing it reads nothing and draws no chart again.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import QSize
from sqlalchemy import event

from tests.ui.dashboard_seed import _answer, seed
from trainer.store.bulk import insert_attempts
from trainer.store.learners import get_learner
from trainer.ui.common.context import AppContext
from trainer.ui.learner import dashboard_prefetch
from trainer.ui.learner.dashboard_prefetch import Prefetcher, claim_page, watch


@pytest.fixture
def prefetcher(app_ctx: AppContext, monkeypatch: pytest.MonkeyPatch, qtbot: Any
               ) -> Iterator[Prefetcher]:
    monkeypatch.setattr(dashboard_prefetch, "AFTER_SIGN_IN_MS", 0)
    monkeypatch.setattr(dashboard_prefetch, "AFTER_CHANGE_MS", 0)
    found = watch(app_ctx)  # as the learner pages do when installed
    ids = seed(app_ctx.db, app_ctx.library.get("digital-government"))
    app_ctx.set_user(get_learner(app_ctx.db, ids["E1001"]))
    qtbot.waitUntil(lambda: found.gathered is not None, timeout=30_000)
    yield found


def gui_thread_statements(app_ctx: AppContext) -> list[str]:
    """SQL run on this (the GUI) thread from now on."""
    seen: list[str] = []
    gui = threading.get_ident()

    def before(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if threading.get_ident() == gui:
            seen.append(statement)

    event.listen(app_ctx.db.engine, "before_cursor_execute", before)
    return seen


def open_page(app_ctx: AppContext, qtbot: Any) -> Any:
    from trainer.ui.learner.dashboard import DashboardPage

    page = DashboardPage(app_ctx)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


def answers_tile(page: Any) -> str:
    return page.tiles[1].value.text()  # answers in the last 7 days


def test_first_opening_reads_nothing_once_gathered(prefetcher: Prefetcher, app_ctx: AppContext,
                                                   qtbot: Any) -> None:
    statements = gui_thread_statements(app_ctx)
    page = open_page(app_ctx, qtbot)
    assert statements == []
    assert page.subtitle.text() == "王小明 · E1001 · 市数据局"
    assert page.tiles[0].value.text() == "1 h 30 min"
    assert page.data is prefetcher.gathered.data
    assert page.review_panel.overview is prefetcher.gathered.overview
    qtbot.waitUntil(lambda: not page.radar.figure.stale)  # drawn


def test_an_answer_since_the_gathering_is_shown(prefetcher: Prefetcher, app_ctx: AppContext,
                                                qtbot: Any) -> None:
    before = prefetcher.gathered.data.answers_since(7)
    pack = app_ctx.library.get("digital-government")
    rows: list[dict[str, Any]] = []
    _answer(rows, app_ctx.user.id, pack, pack.exercises()[0].id, 1.0,
            datetime.now(UTC).replace(microsecond=0))
    insert_attempts(app_ctx.db, rows)
    app_ctx.notify("progress")  # as the answer path does once the answer is committed
    assert prefetcher.gathered is None  # the old figures are never handed out
    statements = gui_thread_statements(app_ctx)
    page = open_page(app_ctx, qtbot)
    assert answers_tile(page) == str(before + 1)
    assert statements  # read on the spot: nothing current was gathered yet
    qtbot.waitUntil(lambda: prefetcher.gathered is not None, timeout=30_000)  # and again
    assert prefetcher.gathered.data.answers_since(7) == before + 1


def test_gathered_figures_serve_only_who_they_were_gathered_for(
        prefetcher: Prefetcher, app_ctx: AppContext) -> None:
    found = prefetcher.gathered
    assert prefetcher.take(found.user_id, found.role_id, found.language) is found
    assert prefetcher.take(found.user_id + 1, found.role_id, found.language) is None
    assert prefetcher.take(found.user_id, "some-other-role", found.language) is None
    assert prefetcher.take(found.user_id, found.role_id, "xx_XX") is None
    app_ctx.set_user(None)  # signed out: nothing kept for the next person
    assert prefetcher.gathered is None


@pytest.fixture
def built(app_ctx: AppContext, monkeypatch: pytest.MonkeyPatch, qtbot: Any
          ) -> Iterator[Prefetcher]:
    """A window's page area of 1200 × 900: the page is built and painted in advance."""
    monkeypatch.setattr(dashboard_prefetch, "AFTER_SIGN_IN_MS", 0)
    monkeypatch.setattr(dashboard_prefetch, "AFTER_CHANGE_MS", 0)
    found = watch(app_ctx, lambda: QSize(1200, 900))
    ids = seed(app_ctx.db, app_ctx.library.get("digital-government"))
    app_ctx.set_user(get_learner(app_ctx.db, ids["E1001"]))
    qtbot.waitUntil(lambda: found.painted, timeout=30_000)
    yield found
    if found.page is not None:
        found.page.deleteLater()


def test_the_click_shows_a_page_already_drawn(built: Prefetcher, app_ctx: AppContext,
                                             qtbot: Any) -> None:
    page = claim_page(app_ctx)
    assert page is not None and claim_page(app_ctx) is None  # handed over once
    qtbot.addWidget(page)
    draws: list[object] = []
    for chart in page.charts():
        chart.canvas.mpl_connect("draw_event", draws.append)
    statements = gui_thread_statements(app_ctx)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(50)
    assert draws == [] and statements == []  # nothing read, no chart drawn again
    assert page.subtitle.text() == "王小明 · E1001 · 市数据局"
    assert all(not chart.figure.stale for chart in page.charts())


def test_a_page_built_in_advance_follows_changes(built: Prefetcher, app_ctx: AppContext,
                                                 qtbot: Any) -> None:
    page = built.page
    before = int(answers_tile(page))
    pack = app_ctx.library.get("digital-government")
    rows: list[dict[str, Any]] = []
    _answer(rows, app_ctx.user.id, pack, pack.exercises()[0].id, 1.0,
            datetime.now(UTC).replace(microsecond=0))
    insert_attempts(app_ctx.db, rows)
    app_ctx.notify("progress")
    assert not built.painted
    qtbot.waitUntil(lambda: built.painted, timeout=30_000)
    assert built.page is page and answers_tile(page) == str(before + 1)
    app_ctx.set_user(None)  # signed out: the next person never sees this page
    assert built.page is None and claim_page(app_ctx) is None


def test_a_click_before_the_page_is_ready_builds_it_once(app_ctx: AppContext, qtbot: Any,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dashboard_prefetch, "AFTER_SIGN_IN_MS", 0)
    found = watch(app_ctx, lambda: QSize(1200, 900))
    ids = seed(app_ctx.db, app_ctx.library.get("digital-government"))
    app_ctx.set_user(get_learner(app_ctx.db, ids["E1001"]))
    assert claim_page(app_ctx) is None  # clicked at once: the window builds the page itself
    qtbot.waitUntil(lambda: found.gathered is not None, timeout=30_000)
    qtbot.wait(50)
    assert found.page is None  # never a second, hidden copy
