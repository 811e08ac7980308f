"""The sign-in list of a large organisation: read as it scrolls, searched in SQL, the selection
kept while more rows arrive (pytest-qt, offscreen, real key events)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from trainer.analytics.people import fill_search_keys
from trainer.store import people_list
from trainer.store.bulk import insert_learners
from trainer.ui.common import work
from trainer.ui.common.context import AppContext
from trainer.ui.learner.people_model import PAGE, LazyLearnerModel, read_first_page

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华建"
PEOPLE = 4_200  # 42 pages


@pytest.fixture
def crowd(app_ctx: AppContext) -> AppContext:
    """4,200 people with their keys, written as a roster import would (one bulk insert)."""
    insert_learners(app_ctx.db, [
        {"employee_no": f"E{n:05d}",
         "name": SURNAMES[n % 20] + GIVEN[(n // 20) % 25] + GIVEN[(n // 500) % 25]}
        for n in range(PEOPLE)])
    fill_search_keys(app_ctx.db)
    return app_ctx


def _screen(qtbot: Any, ctx: AppContext) -> Any:
    from trainer.ui.learner.signin import SignInScreen

    screen = SignInScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(900, 700)
    screen.show()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: screen.list.verticalScrollBar().maximum() > 0)  # laid out
    return screen


def test_the_model_passes_the_model_checks(qapp: QApplication, qtmodeltester: Any,
                                           crowd: AppContext) -> None:
    model = LazyLearnerModel()
    model.attach(crowd.db, read_first_page(crowd.db, ()))
    assert model.rowCount() == PAGE and model.total == PEOPLE and model.canFetchMore()
    qtmodeltester.check(model)  # fetches more on the way


def test_scrolling_to_the_end_reads_the_next_page(qapp: QApplication, qtbot: Any,
                                                  crowd: AppContext) -> None:
    screen = _screen(qtbot, crowd)
    assert screen.model.rowCount() == PAGE, "only the first page is read at start"
    screen.list.setFocus()
    for pages in (2, 3):  # End: to the last row read so far, which scrolls to the bottom
        qtbot.keyClick(screen.list, Qt.Key.Key_End)
        qtbot.waitUntil(lambda pages=pages: screen.model.rowCount() >= pages * PAGE)
    shown = [screen.model.learner(r).id for r in range(screen.model.rowCount())]
    assert shown == [p.id for p in people_list.page(crowd.db, (), 0, 3 * PAGE)], "in list order"


def test_searching_finds_a_person_on_page_forty(qapp: QApplication, qtbot: Any,
                                               crowd: AppContext) -> None:
    far = people_list.page(crowd.db, (), 39 * PAGE + 17, 1)[0]  # never read by the list
    screen = _screen(qtbot, crowd)
    assert screen.model.row_of(far.id) == -1
    qtbot.keyClicks(screen.search, far.employee_no)
    assert screen.model.rowCount() == 1 and screen.selected().id == far.id
    screen.search.clear()
    qtbot.keyClicks(screen.search, "e01")  # many matches: the first page of them, more on demand
    assert screen.model.rowCount() == PAGE and screen.model.total == 1000
    assert all(p.employee_no.startswith("E01") for p in screen.model.rows())


def test_pinyin_search_reaches_the_whole_organisation(qapp: QApplication, qtbot: Any,
                                                      crowd: AppContext) -> None:
    screen = _screen(qtbot, crowd)
    qtbot.keyClicks(screen.search, "zhou")
    expected = sum(1 for n in range(PEOPLE) if SURNAMES[n % 20] == "周")
    assert screen.model.total == expected and screen.selected().name.startswith("周")


def test_the_selection_survives_fetching(qapp: QApplication, qtbot: Any,
                                         crowd: AppContext) -> None:
    screen = _screen(qtbot, crowd)
    screen.list.setCurrentIndex(screen.model.index(57, 0))
    chosen = screen.selected()
    bar = screen.list.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: screen.model.rowCount() > PAGE)
    assert screen.selected() == chosen and screen.list.currentIndex().row() == 57


def test_arrow_keys_from_the_search_field_read_on_past_the_first_page(
        qapp: QApplication, qtbot: Any, crowd: AppContext) -> None:
    screen = _screen(qtbot, crowd)
    screen.search.setFocus()
    for _ in range(PAGE + 5):
        qtbot.keyClick(screen.search, Qt.Key.Key_Down)
    assert screen.list.currentIndex().row() == PAGE + 5
    assert screen.selected().id == people_list.page(crowd.db, (), PAGE + 5, 1)[0].id


def test_selecting_someone_far_down_reads_down_to_them(qapp: QApplication, qtbot: Any,
                                                       crowd: AppContext) -> None:
    far = people_list.page(crowd.db, (), 2 * PAGE + 3, 1)[0]
    screen = _screen(qtbot, crowd)
    screen.select_learner(far.id)
    assert screen.selected().id == far.id and screen.model.rowCount() == 3 * PAGE


def test_new_people_are_found_by_pinyin_once_their_keys_are_read(
        qapp: QApplication, qtbot: Any, crowd: AppContext) -> None:
    screen = _screen(qtbot, crowd)
    insert_learners(crowd.db, [{"employee_no": "X1", "name": "曾凡"}])
    screen.reload()  # as after a roster import
    qtbot.keyClicks(screen.search, "zengf")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=10_000)
    work.wait_for_all()
    assert screen.selected().name == "曾凡"
