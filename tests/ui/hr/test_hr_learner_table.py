"""HR's learner table for a large organisation: a page at first, more as it scrolls, searched
and sorted in SQL, the selection kept while rows arrive (pytest-qt, offscreen)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from trainer.store import people_list
from trainer.store.bulk import insert_learners
from trainer.store.departments import create_department
from trainer.store.learners import create_learner
from trainer.ui.common.context import AppContext
from trainer.ui.hr.learner_table import PAGE
from trainer.ui.hr.models import RowRole
from trainer.ui.hr.screen import HRScreen

PEOPLE = 4_200


@pytest.fixture
def hr(app_ctx: AppContext) -> AppContext:
    """4,200 learners (half in 民政局) written as a roster import would, and HR signed in."""
    admin = create_learner(app_ctx.db, "HR1", "人事", role="admin", pin="Secret-pass-1")
    department = create_department(app_ctx.db, "民政局")
    insert_learners(app_ctx.db, [
        {"employee_no": f"E{n:05d}", "name": "王李张刘陈"[n % 5] + "伟芳娜"[n // 5 % 3] + str(n),
         "department_id": department.id if n % 2 else None} for n in range(PEOPLE)])
    app_ctx.set_user(admin)
    return app_ctx


def _screen(qtbot: Any, ctx: AppContext) -> HRScreen:
    page = HRScreen(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page._reload_timer.stop()
    page._refresh_choices()
    with qtbot.waitSignal(page.reload().finished, timeout=60_000):  # type: ignore[union-attr]
        pass
    bar = page.learner_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    return page


def _learner(page: HRScreen, row: int) -> Any:
    return page.learner_model.index(row, 0).data(RowRole)


def test_a_page_first_and_more_as_it_scrolls(qtbot: Any, hr: AppContext) -> None:
    page = _screen(qtbot, hr)
    model = page.learner_model
    assert model.rowCount() == PAGE and model.total == PEOPLE + 1
    bar = page.learner_view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE)
    numbers = [_learner(page, r).employee_no for r in range(model.rowCount())]
    assert numbers == sorted(numbers[:PAGE]) + sorted(numbers[PAGE:]), "department, then number"
    assert page.summary.text(), "the figures were gathered too"


def test_search_finds_a_person_on_page_forty(qtbot: Any, hr: AppContext) -> None:
    page = _screen(qtbot, hr)
    far = "E03917"
    assert far not in {_learner(page, r).employee_no for r in range(page.learner_model.rowCount())}
    qtbot.keyClicks(page.search, far)
    assert page.learner_model.rowCount() == 1 and _learner(page, 0).employee_no == far
    page.learner_view.setCurrentIndex(page.learner_model.index(0, 0))
    assert page.open_button.isEnabled(), "their progress opens from the found row"
    page.search.clear()
    qtbot.keyClicks(page.search, "wang wei")  # pinyin, filled for people a roster added
    assert page.learner_model.total == sum(1 for n in range(PEOPLE) if n % 15 == 0)


def test_the_selection_survives_fetching(qtbot: Any, hr: AppContext) -> None:
    page = _screen(qtbot, hr)
    view = page.learner_view
    view.selectRow(42)
    chosen = _learner(page, 42)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: page.learner_model.rowCount() > PAGE)
    rows = view.selectionModel().selectedRows()
    assert [r.row() for r in rows] == [42] and rows[0].data(RowRole) == chosen


def test_sorting_by_name_is_done_over_everyone(qtbot: Any, hr: AppContext) -> None:
    page = _screen(qtbot, hr)
    model = page.learner_model
    page.learner_view.sortByColumn(model.column_of("name"), Qt.SortOrder.AscendingOrder)
    first = people_list.page(hr.db, (), 0, PAGE)  # the whole organisation's dictionary order
    assert [_learner(page, r).learner_id for r in range(PAGE)] == [p.id for p in first]
    page.learner_view.sortByColumn(model.column_of("employee_no"), Qt.SortOrder.DescendingOrder)
    assert _learner(page, 0).employee_no == "HR1" and _learner(page, 1).employee_no == "E04199"
