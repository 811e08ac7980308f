"""学时 on screen: each course's 学时 in the library, this year's on the dashboard, HR printing a
学时证明 from the learner drill-down, and HR changing the organisation's rule."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from trainer.analytics import summaries
from trainer.analytics.credit_records import ACTION
from trainer.analytics.credits import current_rule, year_total
from trainer.store.audit import entries
from trainer.store.learners import create_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_lesson_progress
from trainer.ui.common import work
from trainer.ui.common.context import AppContext
from trainer.ui.hr.credit_record_action import this_year


@pytest.fixture
def people(app_ctx: AppContext) -> tuple[Any, Any]:
    """HR signed in; a learner who completed the built-in course's first two lessons."""
    db = app_ctx.db
    summaries.ensure(db, app_ctx.library.packs())
    hr = create_learner(db, "H001", "人事处", role="hr", pin="hr-pass-1", actor=COMMAND_LINE)
    learner = create_learner(db, "E001", "王小明", "民政局")
    for module in ("01-why", "04-sharing"):  # 0.5 + 1 学时 as the course declares
        record_lesson_progress(db, learner.id, "digital-government", module, status="completed")
    app_ctx.set_user(hr)
    return hr, learner


def test_library_cards_and_dashboard_show_credit_hours(qtbot: Any, app_ctx: AppContext,
                                                       people: tuple[Any, Any]) -> None:
    from trainer.ui.learner.dashboard_data import load_dashboard
    from trainer.ui.learner.library import LibraryPage

    _, learner = people
    app_ctx.set_user(learner)
    page = LibraryPage(app_ctx)
    qtbot.addWidget(page)
    page.reload()
    qtbot.waitUntil(lambda: "digital-government" in page.cards, timeout=30_000)
    meta = " ".join(label.text() for label in page.cards["digital-government"].findChildren(
        type(page.cards["digital-government"].status)))
    assert "16.75 credit hours" in meta  # 16.25 declared by its modules + 0.5 for the final
    data = load_dashboard(app_ctx.db, learner, app_ctx.library.packs(), role_id=None)
    assert (data.credit_year, data.credit_hours) == (this_year(app_ctx), Decimal("1.50"))


def test_hr_prints_a_learning_record_from_the_drill_down(
        qtbot: Any, app_ctx: AppContext, people: tuple[Any, Any], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, message_boxes: list[QMessageBox]) -> None:
    from trainer.ui.hr.drilldown import LearnerDashboardDialog

    hr, learner = people
    out = tmp_path / "record.pdf"
    asked: list[int] = []

    def get_int(_parent: Any, _title: str, _label: str, value: int, *_args: Any) -> Any:
        asked.append(value)
        return value, True
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(get_int))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_args, **_kw: (str(out), "")))
    dialog = LearnerDashboardDialog(app_ctx, learner.id)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    work.wait_for_all()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=30_000)
    assert asked == [this_year(app_ctx)]
    assert out.stat().st_size > 1000
    [entry] = entries(app_ctx.db, COMMAND_LINE, action=ACTION)
    assert entry.actor_id == hr.id and entry.detail["employee_no"] == "E001"
    assert entry.detail["code"] in message_boxes[0].text()
    assert "1.5 credit hours" in message_boxes[0].text()


def test_hr_changes_the_rule_and_a_wrong_one_is_refused(
        qtbot: Any, app_ctx: AppContext, people: tuple[Any, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer.ui.hr.credit_rule_dialog import CreditRuleDialog

    _, learner = people
    dialog = CreditRuleDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 3
    minutes = dialog.table.cellWidget(2, 0)  # the 0-minute band
    minutes.selectAll()
    qtbot.keyClicks(minutes, "5")
    dialog.save()
    assert "band starting at 0 minutes" in dialog.error.text()
    assert current_rule(app_ctx.db).bands[-1][0] == 0  # nothing saved
    minutes.selectAll()
    qtbot.keyClicks(minutes, "0")
    dialog.bonus.selectAll()
    qtbot.keyClicks(dialog.bonus, "1")
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        dialog.save()
    assert current_rule(app_ctx.db).assessment == Decimal("1.00")
    # the built-in course declares its modules' 学时: the rule's bands leave them as they were
    assert year_total(app_ctx.db, learner.id, this_year(app_ctx)) == Decimal("1.50")
