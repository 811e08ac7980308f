"""The learner screens' item models on their own, checked by qtmodeltester."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from learner_helpers import FIXTURE
from PySide6.QtCore import Qt

from trainer.content.loader import load_pack
from trainer.content.search import SearchIndex
from trainer.store.info import LearnerInfo, LessonState
from trainer.ui.learner.models import LEARNER_ROLE, MODULE_ID_ROLE, OutlineModel, outline_rows
from trainer.ui.learner.people_model import LazyLearnerModel
from trainer.ui.learner.search_page import HIT_ROLE, HTML_ROLE, SearchResultsModel

LEARNERS = [
    LearnerInfo(1, "1001", "张伟", "办公室", "learner", False, None),
    LearnerInfo(2, "1002", "李娜", "数据管理局", "learner", True, None),
    LearnerInfo(3, "A01", "Wang Fang", None, "admin", True, None),
]


def visible_names(model: LazyLearnerModel) -> list[str]:
    return [model.index(r, 0).data(LEARNER_ROLE).name for r in range(model.rowCount())]


def test_learner_list_model(qapp: Any, qtmodeltester: Any) -> None:
    """The first page cached from the last run, before the store is open."""
    model = LazyLearnerModel()
    model.show_cached([LEARNERS[1], LEARNERS[0], LEARNERS[2]])  # the store's order, kept
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and not model.canFetchMore()
    assert model.index(0, 0).data() == "李娜\n1002  ·  数据管理局  ·  PIN"
    assert model.row_of(3) == 2 and model.row_of(99) == -1


def test_cached_page_filters_by_name_number_department_and_full_width(qapp: Any) -> None:
    model = LazyLearnerModel()
    model.show_cached(LEARNERS)
    model.set_query("数据")
    assert visible_names(model) == ["李娜"], "department matches"
    model.set_query("１００１")
    assert visible_names(model) == ["张伟"], "full-width digits match"
    model.set_query("wang  FANG")
    assert visible_names(model) == ["Wang Fang"], "case and spacing do not matter"
    model.set_query("张 办公")
    assert visible_names(model) == ["张伟"], "every word must match"
    model.set_query("")
    assert len(visible_names(model)) == 3


def test_outline_model_shows_status_time_and_score(qapp: Any, qtmodeltester: Any) -> None:
    pack = load_pack(FIXTURE)
    now = datetime.now(UTC)
    states = {"basics": LessonState("learner-mini", "basics", "completed", 60, None, now),
              "case-leak": LessonState("learner-mini", "case-leak", "in_progress", 5, None, now)}
    rows = outline_rows(pack, states, {"q-single": 1.0, "q-fill": 0.5})
    model = OutlineModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert [r.status for r in rows] == ["completed", "in_progress", "not_started", "not_started"]
    assert rows[0].score == 0.75 and rows[1].score is None
    assert model.index(0, 0).data() == "1. 数据治理的基本概念\nDone  ·  15 min  ·  Score 75%"
    assert "Final assessment" in model.index(2, 0).data()
    assert model.index(1, 0).data(MODULE_ID_ROLE) == "case-leak"
    assert not model.index(0, 0).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert model.row_of("glossary") == 3


def test_search_results_model(qapp: Any, qtmodeltester: Any) -> None:
    index = SearchIndex.build([load_pack(FIXTURE)])
    model = SearchResultsModel()
    model.set_hits(index.search("身份证号"))
    qtmodeltester.check(model)
    assert model.rowCount() >= 2
    first = model.index(0, 0)
    assert first.data(HIT_ROLE).module_id == "case-leak"
    assert "<b>身份证号</b>" in first.data(HTML_ROLE)
    assert first.data().startswith("案例：一次数据泄露")


def test_role_numbers_are_qts() -> None:
    """The sign-in list's roles are written as numbers (drawn before Qt's enums are built):
    they must be Qt's own, or the list would show nothing."""
    from trainer.ui.learner import richtext, roles

    assert Qt.ItemDataRole.DisplayRole.value == roles.DISPLAY_ROLE
    assert Qt.ItemDataRole.DecorationRole.value == roles.DECORATION_ROLE
    assert Qt.ItemDataRole.AccessibleTextRole.value == roles.ACCESSIBLE_TEXT_ROLE
    assert Qt.ItemDataRole.UserRole.value == roles.USER_ROLE
    assert Qt.ScrollBarPolicy.ScrollBarAlwaysOff.value == richtext.SCROLL_BAR_ALWAYS_OFF


def test_rich_text_rows_draw_selection_and_text(qtbot: Any) -> None:
    """The delegate leaves the row's background to its base class: the selected row is
    filled with the highlight colour, the others are not, and the text is drawn on both."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QListView

    from trainer.ui.learner.richtext import RichTextDelegate
    from trainer.ui.learner.roles import HTML_ROLE as LIST_HTML_ROLE

    model = LazyLearnerModel()
    model.show_cached(LEARNERS)
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(RichTextDelegate(LIST_HTML_ROLE, view))
    view.resize(400, 300)
    view.setCurrentIndex(model.index(0, 0))
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    highlight = view.palette().color(QPalette.ColorRole.Highlight).rgb()
    first, second = view.visualRect(model.index(0, 0)), view.visualRect(model.index(1, 0))

    def colours(rect: Any) -> set[int]:
        return {image.pixelColor(x, y).rgb() for x in range(rect.left(), rect.right(), 3)
                for y in range(rect.top(), rect.bottom(), 3)}

    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert highlight in colours(first) and len(colours(first)) > 2  # filled, with text on it
    assert highlight not in colours(second) and len(colours(second)) > 2
