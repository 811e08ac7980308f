"""The HR screen as HR uses it: figures from the analytics table, filters, sorting, search,
charts, drill-down, and exports whose numbers equal the screen's."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from matplotlib.text import Text
from PySide6.QtCore import Qt

from tests.reports.export_data import Org, build_org
from trainer.analytics.cohort import learner_table
from trainer.analytics.rounding import rounded
from trainer.analytics.rounding import shown as figure
from trainer.config import Settings
from trainer.ui.common import work
from trainer.ui.common.context import AppContext
from trainer.ui.hr.models import RowRole, ValueRole
from trainer.ui.hr.screen import HRScreen


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    built = build_org(tmp_path_factory.mktemp("hr") / "data")
    yield built
    built.db.close()


@pytest.fixture
def ctx(qapp: Any, org: Org) -> Iterator[AppContext]:
    settings = Settings(org.paths.settings_file)
    settings.set("language", "zh_CN")
    context = AppContext(org.paths, settings, db=org.db)
    context.set_user(org.hr)
    yield context
    work.wait_for_all()
    qapp.processEvents()


@pytest.fixture
def screen(qtbot: Any, ctx: AppContext) -> HRScreen:
    page = HRScreen(ctx)
    qtbot.addWidget(page)
    load(qtbot, page)
    return page


def load(qtbot: Any, page: HRScreen) -> None:
    page._reload_timer.stop()  # query now rather than after the filter debounce
    page._refresh_choices()
    with qtbot.waitSignal(page.reload().finished, timeout=30_000):  # type: ignore[union-attr]
        pass


def column(page: HRScreen, key: str) -> dict[str, str]:
    """Employee number → the text shown in one column of the learner table."""
    model = page.learner_model
    col, no = model.column_of(key), model.column_of("employee_no")
    return {model.index(r, no).data(): model.index(r, col).data()
            for r in range(model.rowCount())}


def test_learner_table_shows_the_analytics_figures(screen: HRScreen, org: Org) -> None:
    expected = learner_table(org.db, org.packs)
    shown = column(screen, "completion")
    assert set(shown) == {r.employee_no for r in expected}
    for row in expected:
        assert shown[row.employee_no] == figure(row.completion)
    scores = column(screen, "score:data-literacy")
    assert scores["H001"] == "—"  # no evidence, no score
    assert "学员" in screen.summary.text() or "learners" in screen.summary.text()


def test_filters_sorting_and_search(qtbot: Any, screen: HRScreen) -> None:
    screen.filters.choose(department="民政局")
    load(qtbot, screen)
    assert set(column(screen, "completion")) == {"E003", "E004", "L001"}
    screen.filters.choose()
    load(qtbot, screen)
    view, proxy = screen.learner_view, screen.learner_proxy
    completion = screen.learner_model.column_of("completion")
    view.sortByColumn(completion, Qt.SortOrder.DescendingOrder)
    values = [proxy.index(r, completion).data(ValueRole) for r in range(proxy.rowCount())]
    assert values == sorted(values, reverse=True)
    screen.search.setText("市数据局 张")
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data(RowRole).employee_no == "E001"


def test_charts_and_department_tables(screen: HRScreen, org: Org) -> None:
    from trainer.analytics.cohort import cohort_completion

    figures = screen.charts.figures()
    bars = figures["completion"].axes[0].patches
    completion = cohort_completion(org.db, org.packs)
    assert sorted(round(b.get_width(), 1) for b in bars) == sorted(
        rounded(r.percent) for r in completion)
    model = screen.department_model
    assert model.rowCount() == len(completion) + 1
    whole = cohort_completion(org.db, org.packs, by="all")[0]
    last = model.rowCount() - 1
    assert model.index(last, 0).data() == "全体"
    assert model.index(last, 2).data() == str(whole.learners)
    assert model.index(last, 3).data() == figure(whole.percent)
    heat = figures["heat_map"].axes[0]
    assert heat.images and heat.texts  # the mean scores are written in the cells


def test_summary_and_department_rows_name_their_base(screen: HRScreen, org: Org) -> None:
    """The headline averages over every learner listed, the department rows over each
    course's participants: both say so, as they may differ."""
    rows = learner_table(org.db, org.packs)
    mean = sum(r.completion for r in rows) / len(rows)
    text = screen.summary.text()
    assert f"{figure(mean)}%" in text
    assert "全体学员平均完成度" in text or "average completion of all learners" in text
    assert "0" in screen.summary.toolTip()
    column = screen.department_model.column_of("completion")
    assert screen.department_model.headerData(column, Qt.Orientation.Horizontal) == \
        "参训人员平均完成度（%）"


def test_exports_from_the_screen_match_it(qtbot: Any, screen: HRScreen, tmp_path: Path,
                                          message_boxes: list[Any]) -> None:
    import openpyxl

    button = screen.export_button
    out = tmp_path / "learners.csv"
    button.ask_path = lambda *_args: out  # type: ignore[method-assign]
    with qtbot.waitSignal(button.export("csv", "learners", ".csv").finished, timeout=30_000):
        pass
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["工号"]: r for r in csv.DictReader(handle)}
    for no, text in column(screen, "completion").items():
        assert f"{float(rows[no]['完成度（%）']):.1f}" == text
    for no, text in column(screen, "average").items():
        cell = rows[no]["平均得分"]
        assert (f"{float(cell):.1f}" if cell else "—") == text
    book_path = tmp_path / "r.xlsx"
    button.ask_path = lambda *_args: book_path  # type: ignore[method-assign]
    with qtbot.waitSignal(button.export("xlsx", "", ".xlsx").finished, timeout=30_000):
        pass
    summary = list(openpyxl.load_workbook(book_path)["汇总"].iter_rows(values_only=True))
    model = screen.department_model
    for r in range(model.rowCount()):
        department, percent = model.index(r, 0).data(), model.index(r, 3).data()
        assert any(line[0] == department and f"{line[3]:.1f}" == percent for line in summary)
    assert message_boxes and "r.xlsx" in message_boxes[-1].text()
    pdf_path = tmp_path / "r.pdf"
    button.ask_path = lambda *_args: pdf_path  # type: ignore[method-assign]
    with qtbot.waitSignal(button.export("pdf", "", ".pdf").finished, timeout=30_000):
        pass
    from pypdf import PdfReader

    text = "".join("".join(p.extract_text().split()) for p in PdfReader(pdf_path).pages)
    for r in range(model.rowCount()):  # department, course, participants, completion
        line = "".join(model.index(r, c).data() for c in range(4))
        assert line in text


def test_drill_down_opens_the_learners_dashboard(qtbot: Any, screen: HRScreen, org: Org) -> None:
    from trainer.ui.hr.drilldown import LearnerDashboardDialog

    proxy = screen.learner_proxy
    row = next(r for r in range(proxy.rowCount())
               if proxy.index(r, 0).data(RowRole).employee_no == "E001")
    screen.learner_view.setCurrentIndex(proxy.index(row, 0))
    assert screen.open_button.isEnabled()
    screen.open_button.click()
    dialog = screen.findChild(LearnerDashboardDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert dialog.learner.employee_no == "E001"
    assert dialog.page.data is not None  # the dashboard loaded E001's figures, not HR's
    assert screen.ctx.user.employee_no == "H001"
    name = dialog.learner.name  # issue 17: HR sees whose progress it is, never "My progress"
    assert dialog.page.title.text() == f"Progress of {name}"
    legend = [t.get_text() for t in dialog.page.radar.figure.findobj(Text)]
    assert name in legend and "Me" not in legend
    assert "Department average" in legend, "HR's view says no 'my'"


def test_only_hr_and_administrators_see_the_page(main_window: Any, app_ctx: AppContext,
                                                 org: Org) -> None:
    from trainer.ui.app import install_pages

    install_pages(main_window, app_ctx)
    app_ctx.set_user(org.learner)
    assert not main_window.can_show("hr")
    assert main_window.show_page("hr") is False
    app_ctx.set_user(org.hr)
    assert main_window.can_show("hr")


def test_cancelling_an_export_leaves_no_file(qtbot: Any, screen: HRScreen, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from trainer.reports import csv_export

    cancelled = threading.Event()
    original = csv_export.attempt_batches

    def held(*args: Any, **kwargs: Any) -> Any:
        cancelled.wait(10)  # the user presses Cancel while the first rows are being read
        yield from original(*args, **kwargs)

    monkeypatch.setattr(csv_export, "attempt_batches", held)
    out = tmp_path / "answers.csv"
    screen.export_button.ask_path = lambda *_args: out  # type: ignore[method-assign]
    running = screen.export_button.export("csv", "attempts", ".csv")
    assert running is not None
    with qtbot.waitSignal(running.cancelled, timeout=30_000):
        running.cancel()
        cancelled.set()
    assert list(tmp_path.iterdir()) == []
