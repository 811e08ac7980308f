"""The learner screens' item models on their own, checked by qtmodeltester."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from learner_helpers import FIXTURE
from PySide6.QtCore import Qt

from trainer.analytics.namesearch import name_key
from trainer.content.loader import load_pack
from trainer.content.search import SearchIndex
from trainer.store.info import LearnerInfo, LessonState
from trainer.ui.learner.models import (
    LEARNER_ROLE,
    MODULE_ID_ROLE,
    LearnerFilter,
    LearnerListModel,
    OutlineModel,
    outline_rows,
)
from trainer.ui.learner.search_page import HIT_ROLE, HTML_ROLE, SearchResultsModel

LEARNERS = [
    LearnerInfo(1, "1001", "张伟", "办公室", "learner", False, None),
    LearnerInfo(2, "1002", "李娜", "数据管理局", "learner", True, None),
    LearnerInfo(3, "A01", "Wang Fang", None, "admin", True, None),
]


def visible_names(proxy: LearnerFilter) -> list[str]:
    return [proxy.index(r, 0).data(LEARNER_ROLE).name for r in range(proxy.rowCount())]


def test_learner_list_model(qapp: Any, qtmodeltester: Any) -> None:
    model = LearnerListModel(LEARNERS)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.index(0, 0).data() == "李娜\n1002  ·  数据管理局  ·  PIN", "pinyin: li before zhang"
    assert model.row_of(3) == 2 and model.row_of(99) == -1


def test_learner_filter_by_name_number_department_and_full_width(qapp: Any, qtmodeltester: Any) -> None:
    proxy = LearnerFilter()
    proxy.setSourceModel(LearnerListModel(LEARNERS))
    qtmodeltester.check(proxy)
    proxy.set_query("数据")
    assert visible_names(proxy) == ["李娜"], "department matches"
    proxy.set_query("１００１")
    assert visible_names(proxy) == ["张伟"], "full-width digits match"
    proxy.set_query("wang  FANG")
    assert visible_names(proxy) == ["Wang Fang"], "case and spacing do not matter"
    proxy.set_query("张 办公")
    assert visible_names(proxy) == ["张伟"], "every word must match"
    proxy.set_query("")
    assert len(visible_names(proxy)) == 3


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


def test_learner_filter_finds_people_by_pinyin(qapp: Any) -> None:
    name_key("张伟")  # pypinyin loaded (the sign-in screen reads it on a worker first)
    people = [*LEARNERS, LearnerInfo(4, "1004", "曾凡", "民政局", "learner", False, None)]
    proxy = LearnerFilter()
    proxy.setSourceModel(LearnerListModel(people))
    for query in ("zw", "zhangwei", "ZHANG w", "bgs"):
        proxy.set_query(query)
        assert visible_names(proxy) == ["张伟"], query
    proxy.set_query("zeng")
    assert visible_names(proxy) == ["曾凡"], "曾 as a surname is Zēng"
    proxy.set_query("ceng")
    assert visible_names(proxy) == []


def test_ten_thousand_learners_filter_without_lag(qapp: Any) -> None:
    import random
    import time

    rnd = random.Random(5)
    people = [LearnerInfo(n, f"{10000 + n}", rnd.choice("王李张刘陈曾单解") + rnd.choice("伟芳娜秀英")
                          + rnd.choice(["", "明", "华"]), rnd.choice(["办公室", "民政局"]),
                          "learner", False, None) for n in range(10_000)]
    name_key("张伟")  # pypinyin loaded
    start = time.perf_counter()
    model = LearnerListModel(people)
    loaded = time.perf_counter() - start
    proxy = LearnerFilter()
    proxy.setSourceModel(model)
    worst = 0.0
    for typed in ("z", "zh", "zha", "zhang", "zhang w", "zw", "zengf", ""):
        start = time.perf_counter()
        proxy.set_query(typed)
        worst = max(worst, time.perf_counter() - start)
    assert proxy.rowCount() == 10_000
    print(f"sign-in list: load 10,000 {loaded * 1000:.0f} ms, worst keystroke {worst * 1000:.0f} ms")
    assert worst < 0.3, f"one keystroke over 10,000 learners took {worst * 1000:.0f} ms"
