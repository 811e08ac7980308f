"""The HR screen's Plans tab, in Chinese and English: people, units with their sub-units, the
chart and the overdue list equal the plan report (and so the files); a plan file imported
from another computer after HR trusts its key; the export equals the screen."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from trainer.config import Paths, Settings
from trainer.reports.csv_export import cell
from trainer.reports.plan_tables import report_tables
from trainer.store.db import Database, open_database
from trainer.store.learners import create_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.plan_spec import PlanCourse, PlanSpec, year_period
from trainer.store.plans import create_plan, list_plans
from trainer.ui.common import work
from trainer.ui.common.context import AppContext
from trainer.ui.hr import plan_import
from trainer.ui.hr.models import ValueRole
from trainer.ui.hr.plan_tab import PlanTab

START, END = year_period(date.today().year)
COURSE = "digital-government"


def _plan(name: str) -> PlanSpec:
    return PlanSpec(name, START, END, Decimal(50), (PlanCourse(COURSE, True, START),),
                    (("unit", "临江市财政局"),))


def _people(db: Database) -> Any:
    for number, name, unit in (("1001", "王小明", "临江市财政局/预算科"),
                               ("1002", "李娜", "临江市财政局/国库科"),
                               ("1003", "张伟", "临江市数据资源局")):
        create_learner(db, number, name, unit)
    return create_learner(db, "H001", "人事处", None, role="hr", pin="hr-pass-1",
                          actor=COMMAND_LINE)


@pytest.fixture
def ctx(qapp: Any, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[AppContext]:
    paths = Paths(tmp_path / "hr").ensure()
    settings = Settings(paths.settings_file)
    settings.set("language", getattr(request, "param", "zh_CN"))
    db = open_database(paths)
    hr = _people(db)
    create_plan(db, _plan("2026年度学习计划"), actor=COMMAND_LINE, courses={COURSE}, roles=set())
    context = AppContext(paths, settings, db=db)
    context.set_user(hr)
    yield context
    work.wait_for_all()
    qapp.processEvents()
    db.close()


def _load(qtbot: Any, tab: PlanTab) -> None:
    tab.refresh()
    with qtbot.waitSignal(tab.work.finished, timeout=30_000):  # type: ignore[union-attr]
        pass


def _shown(tab: PlanTab, key: str) -> list[list[Any]]:
    model = tab.models[key]
    return [[model.index(r, c).data(ValueRole) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


@pytest.mark.parametrize("ctx", ["zh_CN", "en"], indirect=True)
def test_the_tab_shows_the_report(qtbot: Any, ctx: AppContext, tmp_path: Path,
                                  message_boxes: Any) -> None:
    tab = PlanTab(ctx)
    qtbot.addWidget(tab)
    _load(qtbot, tab)
    report = tab.report
    language = ctx.settings.get("language")
    for key, (_, columns, rows) in zip(("people", "units", "overdue"),
                                       report_tables(report, language), strict=True):
        assert _shown(tab, key) == [[c.value(r) for c in columns] for r in rows]
        headers = [tab.models[key].headerData(i, Qt.Orientation.Horizontal) for i in range(len(columns))]
        assert headers == [c.header for c in columns]
    units = [row[0] for row in _shown(tab, "units")]
    assert units == ["临江市财政局", "临江市财政局/国库科", "临江市财政局/预算科"]
    assert {row[0] for row in _shown(tab, "overdue")} == {"1001", "1002"}
    assert ("学时" in tab.models["people"].headerData(3, Qt.Orientation.Horizontal))
    assert "2026年度学习计划" in tab.summary.text() and "2" in tab.summary.text()
    tab.inner.setCurrentIndex(2)
    tab.resize(900, 600)
    tab.show()
    qtbot.waitUntil(lambda: bool(tab.chart.figure.axes), timeout=10_000)
    bars = tab.chart.figure.axes[0].patches
    assert len(bars) == 3
    tab.grab().save(f"/tmp/plan-tab-{language}.png")
    # one unit with its sub-units
    tab.unit_box.setCurrentIndex(tab.unit_box.findData("临江市财政局/预算科"))
    with qtbot.waitSignal(tab.reload().finished, timeout=30_000):  # type: ignore[union-attr]
        pass
    assert [row[0] for row in _shown(tab, "people")] == ["1001"]
    out = tmp_path / "people.csv"
    tab.ask_save = lambda _name, _suffix: out  # type: ignore[method-assign]
    with qtbot.waitSignal(tab.export_report("csv", ".csv").finished, timeout=30_000):  # type: ignore[union-attr]
        pass
    with out.open(encoding="utf-8-sig", newline="") as handle:
        read = list(csv.reader(handle))
    assert read[1:] == [[str(cell(v)) for v in row] for row in _shown(tab, "people")]


def test_a_plan_file_from_another_computer_after_trust(
        qtbot: Any, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        message_boxes: Any) -> None:
    from trainer.exchange.plan_files import export_plan

    other = open_database(Paths(tmp_path / "other").ensure())
    _people(other)
    create_plan(other, _plan("预算科专题培训班"), actor=COMMAND_LINE, courses={COURSE},
                roles=set())
    file = export_plan(other, "预算科专题培训班", tmp_path / "class.trainer-plan",
                       actor=COMMAND_LINE)
    other.close()
    asked: list[str] = []
    monkeypatch.setattr(plan_import, "ask_trust",
                        lambda _parent, exc: asked.append(exc.fingerprint) or True)
    tab = PlanTab(ctx)
    qtbot.addWidget(tab)
    tab.show()  # a shown tab refreshes when a plan arrives
    _load(qtbot, tab)
    tab.ask_open = lambda: file  # type: ignore[method-assign]
    tab.import_plan()
    qtbot.waitUntil(lambda: len(list_plans(ctx.db)) == 2, timeout=30_000)
    work.wait_for_all()
    assert len(asked) == 1
    qtbot.waitUntil(lambda: tab.plan_box.findData("预算科专题培训班") >= 0, timeout=10_000)


def test_hr_creates_a_plan_in_the_dialog_and_a_bad_one_is_refused(
        qtbot: Any, ctx: AppContext, message_boxes: Any) -> None:
    from PySide6.QtCore import QDate

    from trainer.ui.hr.plan_dialog import PlanDialog

    dialog = PlanDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.insert("预算科专题培训班")  # QTest types Latin-1 only; an IME would insert
    kind = dialog.kind_boxes[COURSE]
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Down)  # Not in the plan → Compulsory
    assert kind.currentData() == "compulsory" and dialog.deadlines[COURSE].isEnabled()
    dialog.deadlines[COURSE].setDate(QDate(START.year - 1, 12, 1))  # before the period
    unit = next(dialog.units.item(i) for i in range(dialog.units.count())
                if dialog.units.item(i).data(Qt.ItemDataRole.UserRole)
                == "unit:临江市财政局/预算科")
    unit.setCheckState(Qt.CheckState.Checked)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    assert "is before the period starts" in message_boxes[0].text()
    assert dialog.isVisible() and len(list_plans(ctx.db)) == 1  # nothing saved, still open
    dialog.deadlines[COURSE].setDate(QDate(START.year, 6, 30))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    (plan,) = [p for p in list_plans(ctx.db) if p.name == "预算科专题培训班"]
    assert plan.compulsory[0].deadline == date(START.year, 6, 30)
    assert plan.audience == (("unit", "临江市财政局/预算科"),)
