"""我的学习任务 on the library and the dashboard, in Chinese and English: the plan's 学时 against
the requirement, the compulsory course with its deadline marked overdue, 必修 / 选修 badges on
the cards, and the panel's Open button taking the learner to the course."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from learner_helpers import make_context, settle, start_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from trainer.config import Paths
from trainer.store.learners import create_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.plan_spec import PlanCourse, PlanSpec, year_period
from trainer.store.plans import create_plan
from trainer.ui.learner.tasks_panel import BADGE

YEAR = date.today().year


def _texts(widget: Any) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_tasks_on_library_and_dashboard(qapp: QApplication, qtbot: Any, paths: Paths,
                                        bundled: Path, language: str,
                                        reset_appearance: None) -> None:
    ctx = make_context(paths, bundled, language)
    person = create_learner(ctx.db, "1001", "王小明", "临江市财政局/预算科")
    create_learner(ctx.db, "1002", "李娜", "临江市数据资源局")
    start, end = year_period(YEAR)
    create_plan(ctx.db, PlanSpec("年度学习计划", start, end, Decimal(50),
                                 (PlanCourse("learner-mini", True, start),),
                                 (("unit", "临江市财政局"),)),
                actor=COMMAND_LINE, courses={"learner-mini"}, roles=set())
    window = start_app(qapp, qtbot, ctx)
    ctx.set_user(person)
    settle(qapp)
    library = window.page("library")
    qtbot.waitUntil(lambda: "learner-mini" in library.cards)
    panel = library.tasks
    qtbot.waitUntil(panel.isVisible)
    shown = _texts(panel)
    badge = library.cards["learner-mini"].findChild(QLabel, BADGE)
    assert badge is not None and badge.isVisible()
    if language == "zh_CN":
        assert panel.title.text() == "我的学习任务"
        assert "0 / 50 学时" in shown or "已获 0 学时，要求 50 学时" in shown
        assert f"已逾期（截止 {start}）" in shown
        assert badge.text() == f"必修 · 截止 {start}"
    else:
        assert panel.title.text() == "My learning tasks"
        assert "0 of 50 学时" in shown and f"Overdue: was due {start}" in shown
        assert badge.text() == f"Compulsory · due {start}"
    if language == "en":
        window.close()
        ctx.close()
        return  # the rest reads the same in both languages
    open_button = next(b for b in panel.findChildren(QPushButton) if b.isVisible())
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert window.current_page == "reader"
    window.show_page("dashboard") if hasattr(window, "show_page") else ctx.request_page(
        "dashboard", None)
    settle(qapp)
    dashboard = window.page("dashboard")
    dashboard.reload()
    assert dashboard.tasks.isVisibleTo(dashboard) and "年度学习计划" in _texts(dashboard.tasks)
    other = create_learner(ctx.db, "1003", "赵敏", "临江市数据资源局")
    ctx.set_user(other)  # in no plan: no panel, no badge
    settle(qapp)
    library.reload()
    settle(qapp)
    assert not panel.isVisibleTo(library)
    assert not library.cards["learner-mini"].findChild(QLabel, BADGE) or not \
        library.cards["learner-mini"].findChild(QLabel, BADGE).isVisibleTo(library)
    window.close()
    ctx.close()
