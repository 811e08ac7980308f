"""“人员与报表 / People and reports”: HR's view of the organisation (HR or administrator only).

Filters (department, job role, course, dates) feed one ``reports.data.ReportData``, gathered
off the GUI thread; the learner table, the department and competency tables and the three
charts all read it, and so do the exports started here — the numbers on screen and in the
files are the same objects. Double-clicking a learner opens their dashboard.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.analytics.cohort import learner_table
from trainer.reports.data import ReportData, collect, order_packs, rounded
from trainer.reports.tables import (
    competency_columns,
    department_columns,
    learner_columns,
    legend,
)
from trainer.ui.common.a11y import name_tab_pages
from trainer.ui.common.context import AppContext
from trainer.ui.common.counts import counts
from trainer.ui.common.work import Work, run_work
from trainer.ui.hr.charts_panel import ChartsPanel
from trainer.ui.hr.exports import ExportButton
from trainer.ui.hr.filter_bar import FilterBar
from trainer.ui.hr.learner_table import PAGE, LearnerTableModel, fit_columns
from trainer.ui.hr.models import ReportTableModel, RowRole
from trainer.ui.hr.plan_tab import PlanTab

log = logging.getLogger(__name__)
RELOAD_DELAY_MS = 250  # let several quick filter changes make one query
FIRST_PAGE_WAIT_S = 2.0  # the figures wait this long at most for the first rows to be drawn


def _table(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)  # rows stay in the analytics order until a header is clicked
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setResizeContentsPrecision(200)  # widths from 200 rows, not 10,000
    return view


def _gather(db: Any, packs: Any, flt: Any, language: str, progress: Any,
            first: Callable[[Any, threading.Event], None], fill_keys: bool) -> ReportData:
    """On the worker thread: the learner table's first page, handed over at once (``first``),
    then every figure the page shows (derived ones too), so the GUI thread only hands them to
    the views (the learner table reads its cells as it shows them). One worker, in this
    order, and the figures wait until the first rows are drawn: a busy worker holding
    Python's lock makes every cell the view asks for wait its turn (seconds for a page)."""
    shell = ReportData(db, packs, flt, language=language)  # reads nothing until asked
    drawn = threading.Event()
    first(_first_page(db, shell, flt, fill_keys), drawn)
    drawn.wait(FIRST_PAGE_WAIT_S)
    data = collect(db, packs, flt, language=language,
                   progress=lambda done, total, _step: progress.update(done, total))
    data.competency  # noqa: B018 - computed here, not on the GUI thread
    return data


def _first_page(db: Any, shell: ReportData, flt: Any, fill_keys: bool = True
                ) -> tuple[list[Any], list[int], list[Any]]:
    """On a worker, at once: the learner table's columns, its ids in order and its first
    page's rows, read for those learners only (the whole table takes seconds at 10,000);
    with ``fill_keys``, first the pinyin keys of people added since (a roster import)."""
    from trainer.analytics.people import fill_search_keys, table_ids
    from trainer.store.errors import StoreError

    try:
        if fill_keys:
            fill_search_keys(db)
    except StoreError as exc:  # a read-only database: found by their text as written
        log.info("Search keys not filled: %s", exc)
    ids = table_ids(db, shell.packs, flt)
    rows = learner_table(db, shell.packs, flt, only=ids[:PAGE])
    return learner_columns(shell), ids, rows


class HRScreen(QWidget):
    """The HR page; see the module docstring."""

    first_page = Signal(int, object)  # generation, (columns, ids, rows): from the worker

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: ReportData | None = None
        self.work: Work | None = None
        self._generation = 0
        self._stale = True
        self._keys_checked = False  # people's pinyin keys checked since the data last changed
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self._build()
        self.first_page.connect(self._show_first)
        ctx.dataChanged.connect(self._on_data_changed)
        ctx.settingsChanged.connect(self._on_data_changed)

    # --- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("PageTitle")
        self.filters = FilterBar()
        self.filters.changed.connect(self._reload_timer.start)
        self.roster_button = QPushButton()
        self.roster_button.clicked.connect(self._import_roster)
        self.bundle_button = QPushButton()
        self.bundle_button.clicked.connect(self._import_bundle)
        from trainer.ui.common.readonly import block_when_read_only

        for button in (self.roster_button, self.bundle_button):  # both write learner records
            block_when_read_only(self.ctx, button, self)
        self.bundle_export_button = QPushButton()
        self.bundle_export_button.clicked.connect(self._export_bundle)
        self.credit_rule_button = QPushButton()  # 学时 rule: HR's organisation setting
        self.credit_rule_button.clicked.connect(self._edit_credit_rule)
        block_when_read_only(self.ctx, self.credit_rule_button, self)
        self.export_button = ExportButton(self)
        actions = QHBoxLayout()
        for button in (self.roster_button, self.bundle_button, self.bundle_export_button,
                       self.credit_rule_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        self.summary = QLabel()
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.learner_model = LearnerTableModel(self)  # sorted and searched in SQL: no proxy
        self.learner_proxy = self.learner_model
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.learner_model.set_search)
        self.learner_view = _table(self.learner_model)
        self.learner_view.doubleClicked.connect(self._open_learner)
        self.open_button = QPushButton()
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(
            lambda: self._open_learner(self.learner_view.currentIndex()))
        self.learner_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.open_button.setEnabled(current.isValid()))
        self.department_model = ReportTableModel(self)
        self.department_view = _table(self.department_model)
        # what each department figure counts, so 学完 1 beside 考核通过 3 reads as no contradiction
        self.department_legend = QLabel()
        self.department_legend.setWordWrap(True)
        self.department_legend.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        departments = QWidget()
        column = QVBoxLayout(departments)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.department_view, 1)
        column.addWidget(self.department_legend)
        self.competency_model = ReportTableModel(self)
        self.competency_view = _table(self.competency_model)
        self.charts = ChartsPanel()
        learners = QWidget()
        box = QVBoxLayout(learners)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.open_button)
        box.addLayout(search_row)
        box.addWidget(self.learner_view)
        self.tabs = QTabWidget()
        self.plan_tab = PlanTab(self.ctx)  # 学习计划
        for widget in (learners, departments, self.competency_view, self.charts,
                       self.plan_tab):
            self.tabs.addTab(widget, "")
        layout = QVBoxLayout(self)
        for widget in (self.title, self.filters):
            layout.addWidget(widget)
        layout.addLayout(actions)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("People and reports"))
        self.roster_button.setText(self.tr("Import roster…"))
        self.bundle_button.setText(self.tr("Import progress…"))
        self.bundle_export_button.setText(self.tr("Export progress…"))
        self.credit_rule_button.setText(self.tr("Credit-hour rule…"))
        self.search.setPlaceholderText(self.tr("Search by name, employee number or department"))
        self.open_button.setText(self.tr("Open learner's progress…"))
        self.open_button.setToolTip(self.tr("Or double-click a learner"))
        for index, text in enumerate((self.tr("Learners"), self.tr("Departments"),
                                      self.tr("Competencies"), self.tr("Charts"),
                                      self.tr("Plans"))):
            self.tabs.setTabText(index, text)
        name_tab_pages(self.tabs)
        self.search.setAccessibleName(self.tr("Search learners"))
        self.filters.retranslate()
        self.export_button.retranslate()
        self._show_summary()

    def changeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._on_data_changed()  # the tables' headers and titles are in the figures' language

    # --- data --------------------------------------------------------------------------------

    def language(self) -> str:
        """The interface language, which the figures' headers and titles follow."""
        from trainer.ui.common.language import resolve_language

        return resolve_language(str(self.ctx.settings.get("language")))

    def on_shown(self) -> None:
        if self._stale:
            self._refresh_choices()
            self.reload()

    def _on_data_changed(self, *_args: Any) -> None:
        self._stale = True
        self._keys_checked = False
        if self.isVisible():
            self._refresh_choices()
            self._reload_timer.start()

    def _refresh_choices(self) -> None:
        from trainer.analytics.scoring import merged_framework
        from trainer.store.departments import list_departments

        packs = order_packs(self.ctx.library.packs(), self.language())  # titles in its language
        framework = merged_framework(packs)
        roles = [(r.id, r.title) for r in framework.roles] if framework else []
        self.filters.set_choices([d.name for d in list_departments(self.ctx.db)], roles,
                                 [(p.id, p.title) for p in packs])

    def reload(self) -> Work | None:
        """Query the figures for the current filters on a worker thread."""
        try:
            flt = self.filters.current()
        except Exception as exc:  # noqa: BLE001 - a bad date range is shown, not raised
            from trainer.ui.common.errors import known_text

            parts = [getattr(exc, "message", str(exc)), getattr(exc, "hint", None)]
            self.summary.setText(" ".join(known_text(p) for p in parts if p))
            return None
        self._stale = False
        self._generation += 1
        generation, db, packs = self._generation, self.ctx.db, self.ctx.library.packs()
        language = self.language()
        if self.work is not None and not self.work.done:
            self.work.cancel()
        self._begin_learner_table(db, packs, flt, language)
        fill_keys, self._keys_checked = not self._keys_checked, True

        def first(page: Any, drawn: threading.Event) -> None:  # on the worker: queued
            self.first_page.emit(generation, (page, drawn))

        self.work = run_work(
            self, self.ctx, lambda progress: _gather(db, packs, flt, language, progress, first,
                                              fill_keys),
            title=self.tr("Gathering the figures…"), cancellable=True,
            on_success=lambda found: self._show(found, generation=generation))
        return self.work

    def _begin_learner_table(self, db: Any, packs: Any, flt: Any, language: str) -> None:
        """How the learner table reads more pages, searches and sorts for this filter: SQL
        (``table_ids``, and ``learner_table`` for just the learners of a page)."""
        from trainer.analytics.people import SQL_ORDERS, table_ids

        shell = ReportData(db, packs, flt, language=language)  # reads nothing until asked
        self.learner_model.begin(
            lambda words, order, descending: table_ids(db, shell.packs, flt, words, order,
                                                       descending),
            lambda ids: learner_table(db, shell.packs, flt, only=ids), SQL_ORDERS)

    def _show_first(self, generation: int, sent: tuple[Any, threading.Event]) -> None:
        """The first page: shown (if still wanted), then the worker goes on."""
        page, drawn = sent
        try:
            if generation == self._generation:
                self.learner_model.show_first(*page)
                fit_columns(self.learner_view, self.learner_model.columns)
                if self.learner_view.isVisible():  # drawn now, before the worker goes on
                    self.learner_view.viewport().repaint()
        finally:
            drawn.set()

    def _show(self, data: ReportData, *, generation: int) -> None:
        if generation != self._generation:  # an older query finished after a newer one began
            return
        self.data = data
        self.learner_model.show_all(learner_columns(data), data.learners)
        everyone = data.texts("everyone")  # the whole selection, as the exports' last rows
        self.department_model.set_rows(department_columns(data), [
            *data.completion, *(replace(r, group=everyone) for r in data.overall_completion)])
        self.competency_model.set_rows(competency_columns(data), [
            *data.competency, *(replace(r, group=everyone) for r in data.overall_competency)])
        fit_columns(self.learner_view, self.learner_model.columns)
        for view in (self.department_view, self.competency_view):
            view.resizeColumnsToContents()
        self.department_legend.setText("\n".join(legend(data, department_columns(data))))
        self.charts.show_data(data)
        self._show_summary()

    def _show_summary(self) -> None:
        data = self.data
        if data is None:
            self.summary.clear()
            return
        mean = rounded(data.mean_completion())
        self.summary.setText(  # named for its base: it differs from the per-course rows
            self.tr("%1 · average completion of all learners %2% · %3")
            .replace("%1", counts().learners(len(data.learners)))
            .replace("%2", "—" if mean is None else f"{mean:.1f}")
            .replace("%3", counts().answers(data.attempts)))
        self.summary.setToolTip(self.tr(
            "The average over every learner listed, each counted once; courses a learner has "
            "not started count as 0. The Departments tab averages each course over the people "
            "taking it (its participants), so its figures can be higher."))

    # --- actions -----------------------------------------------------------------------------

    def _open_learner(self, index: QModelIndex) -> None:
        from trainer.ui.hr.drilldown import LearnerDashboardDialog

        row = index.data(RowRole) if index.isValid() else None
        if row is not None:
            LearnerDashboardDialog(self.ctx, row.learner_id, self).open()

    def _import_roster(self) -> None:
        from trainer.ui.hr.roster_dialog import RosterImportDialog

        RosterImportDialog(self.ctx, self).open()

    def _import_bundle(self) -> None:
        from trainer.ui.hr.bundle_dialog import BundleImportDialog

        BundleImportDialog(self.ctx, self).open()

    def _export_bundle(self) -> None:
        from trainer.ui.hr.bundle_dialog import export_bundle_with_dialog

        export_bundle_with_dialog(self.ctx, self)

    def _edit_credit_rule(self) -> None:
        from trainer.ui.hr.credit_rule_dialog import CreditRuleDialog

        CreditRuleDialog(self.ctx, self).open()
