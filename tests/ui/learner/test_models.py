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
