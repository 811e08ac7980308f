"""The HR screen's “Plans” tab (学习计划): per person 学时 earned (必修 / 选修) against the
requirement, compulsory courses done and overdue; per unit roll-ups with their sub-units; a
chart of the units' completion; the overdue list. Plans come in and go out as signed files.

Everything shown is one ``analytics.plan_report.PlanReport``, gathered off the GUI thread, and
the tables use the columns the exports write (``reports.plan_tables``), so a file holds what
the screen shows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.charts import ChartView
from trainer.ui.common.counts import counts
from trainer.ui.common.language import resolve_language
from trainer.ui.common.wheel import guard_wheel
from trainer.ui.common.work import Work, run_work
from trainer.ui.hr.models import ReportTableModel

PLANS = "plans"  # AppContext.notify kind: a plan was added or changed (plan_import)
FORMATS = (("xlsx", ".xlsx"), ("pdf", ".pdf"), ("csv", ".csv"))


class PlanTab(QWidget):
    """See the module docstring; ``reload`` reads the chosen plan for the chosen unit."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: Any = None
        self.work: Work | None = None
        self.plan_box = guard_wheel(QComboBox())
        self.unit_box = guard_wheel(QComboBox())
        for box in (self.plan_box, self.unit_box):
            box.activated.connect(lambda _i: self.reload())
        self.plan_label, self.unit_label = QLabel(), QLabel()
        self.plan_label.setBuddy(self.plan_box)
        self.unit_label.setBuddy(self.unit_box)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_plan)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_plan)
        self.export_plan_button = QPushButton()
        self.export_plan_button.clicked.connect(self.export_plan)
        self.export_button = QPushButton()
        self.export_menu = QMenu(self)
        self.export_actions: list[QAction] = []
        for fmt, suffix in FORMATS:
            action = QAction(self.export_menu)
            action.triggered.connect(lambda _=False, f=fmt, s=suffix: self.export_report(f, s))
            self.export_menu.addAction(action)
            self.export_actions.append(action)
        self.export_button.setMenu(self.export_menu)
        self.summary = QLabel()
        self.models = {key: ReportTableModel(self) for key in ("people", "units", "overdue")}
        from trainer.ui.hr.screen import _table

        self.views = {key: _table(model) for key, model in self.models.items()}
        self.chart = ChartView(name="hr-plan", height=3.6)
        chart_area = QScrollArea()  # many units make a tall chart: it scrolls, bars stay legible
        chart_area.setWidgetResizable(True)
        chart_area.setWidget(self.chart)
        self.inner = QTabWidget()
        for widget in (self.views["people"], self.views["units"], chart_area,
                       self.views["overdue"]):
            self.inner.addTab(widget, "")
        self._layout()
        ctx.dataChanged.connect(self._on_data_changed)
        self.retranslate()

    def _layout(self) -> None:
        top = QHBoxLayout()
        for widget in (self.plan_label, self.plan_box, self.unit_label, self.unit_box):
            top.addWidget(widget)
        top.addStretch(1)
        for widget in (self.new_button, self.import_button, self.export_plan_button,
                       self.export_button):
            top.addWidget(widget)
        self.plan_box.setMinimumContentsLength(16)
        self.unit_box.setMinimumContentsLength(16)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.inner, 1)

    def retranslate(self) -> None:
        self.plan_label.setText(self.tr("&Plan:"))
        self.unit_label.setText(self.tr("&Unit:"))
        self.new_button.setText(self.tr("New plan…"))
        self.import_button.setText(self.tr("Import plan…"))
        self.export_plan_button.setText(self.tr("Export plan…"))
        self.export_button.setText(self.tr("Export plan report"))
        for action, text in zip(self.export_actions, (
                self.tr("Excel workbook (.xlsx)…"), self.tr("PDF with chart…"),
                self.tr("CSV: one row per person…")), strict=True):
            action.setText(text)
        for index, text in enumerate((self.tr("People"), self.tr("Units"),
                                      self.tr("Completion chart"), self.tr("Overdue"))):
            self.inner.setTabText(index, text)
        if self.unit_box.count():
            self.unit_box.setItemText(0, self.tr("All units"))
        self._show_summary()

    def language(self) -> str:
        return resolve_language(str(self.ctx.settings.get("language")))

    # --- data --------------------------------------------------------------------------------

    def _on_data_changed(self, *_args: Any) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Fill the plan and unit choices (keeping what was chosen), then reload."""
        from trainer.store.departments import list_departments
        from trainer.store.plans import list_plans

        chosen, unit = self.plan_box.currentData(), self.unit_box.currentData()
        self.plan_box.clear()
        for spec in list_plans(self.ctx.db):
            self.plan_box.addItem(f"{spec.name} ({spec.starts_on} – {spec.ends_on})", spec.name)
        self.unit_box.clear()
        self.unit_box.addItem(self.tr("All units"), None)
        for department in list_departments(self.ctx.db):
            depth = department.name.count("/")
            self.unit_box.addItem("    " * depth + department.name.rsplit("/", 1)[-1],
                                  department.name)
            self.unit_box.setItemData(self.unit_box.count() - 1, department.name,
                                      Qt.ItemDataRole.ToolTipRole)  # the whole path
        for box, value in ((self.plan_box, chosen), (self.unit_box, unit)):
            index = box.findData(value)
            if index >= 0:
                box.setCurrentIndex(index)
        self.reload()

    def reload(self) -> Work | None:
        name, unit = self.plan_box.currentData(), self.unit_box.currentData()
        if name is None:
            self.report = None
            self._show_summary()
            return None
        db, packs, actor = self.ctx.db, self.ctx.library.packs(), self.ctx.user

        def gather(_progress: Any) -> Any:
            from trainer.analytics import summaries
            from trainer.analytics.plan_report import plan_report

            summaries.ensure(db, packs)
            return plan_report(db, name, packs, actor=actor, unit=unit)

        self.work = run_work(self, self.ctx, gather, title=self.tr("Gathering the plan…"),
                             show_progress=False, on_success=self.show_report)
        return self.work

    def show_report(self, report: Any) -> None:
        from trainer.reports.plan_figure import chart_height, draw_completion
        from trainer.reports.plan_tables import report_tables

        self.report = report
        language = self.language()
        for key, (_title, columns, rows) in zip(self.models, report_tables(report, language),
                                                strict=True):
            self.models[key].set_rows(columns, rows)
            self.views[key].resizeColumnsToContents()
        self.chart.setMinimumHeight(int(chart_height(report) * 96))
        self.chart.set_draw(lambda figure, _theme, _hover: draw_completion(figure, report,
                                                                           language))
        self._show_summary()

    def _show_summary(self) -> None:
        report = self.report
        if report is None:
            self.summary.setText(self.tr("No plan yet: create one with New plan…, or import a "
                                         "plan file."))
            return
        plan = report.plan
        self.summary.setText(
            self.tr("%1: %2 – %3, %4 学时 required · %5 · %6 completed the plan · %7 overdue").replace("%1", plan.name).replace("%2", str(plan.starts_on))
            .replace("%3", str(plan.ends_on)).replace("%4", str(plan.required_hours))
            .replace("%5", counts().people(len(report.people)))
            .replace("%6", str(sum(p.complete for p in report.people)))
            .replace("%7", str(len(report.overdue))))

    # --- files -------------------------------------------------------------------------------

    def _documents(self) -> Path:
        return Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation))

    def ask_open(self) -> Path | None:
        """The plan file to import; None when cancelled (tests replace this)."""
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Import a plan"),
                                                str(self._documents()),
                                                self.tr("Plan files (*.trainer-plan)"))
        return Path(chosen) if chosen else None

    def ask_save(self, name: str, suffix: str) -> Path | None:
        """Where to save; None when cancelled (tests replace this)."""
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save as"),
                                                str(self._documents() / f"{name}{suffix}"),
                                                f"*{suffix}")
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def new_plan(self) -> Any:
        from trainer.ui.hr.plan_dialog import PlanDialog

        dialog = PlanDialog(self.ctx, self)
        dialog.open()
        return dialog

    def import_plan(self) -> Work | None:
        from trainer.ui.hr.plan_import import import_plan_with_dialog

        path = self.ask_open()
        return None if path is None else import_plan_with_dialog(self, self.ctx, path)

    def export_plan(self) -> Work | None:
        name = self.plan_box.currentData()
        path = self.ask_save(name, ".trainer-plan") if name else None
        if path is None:
            return None
        db, actor = self.ctx.db, self.ctx.user

        def write(_progress: Any) -> Any:
            from trainer.exchange.plan_files import export_plan

            return export_plan(db, name, path, actor=actor)
        return run_work(self, self.ctx, write, title=self.tr("Exporting %1…")
                        .replace("%1", path.name), on_success=self._saved)

    def export_report(self, fmt: str, suffix: str) -> Work | None:
        report = self.report
        path = (self.ask_save(f"{report.plan.name}-{date.today():%Y%m%d}", suffix)
                if report is not None else None)
        if path is None:
            return None
        db, actor, language = self.ctx.db, self.ctx.user, self.language()

        def write(_progress: Any) -> Any:
            from trainer.reports.plan_export import export_plan_report

            export_plan_report(db, report, path, fmt, actor=actor, language=language)
            return path
        return run_work(self, self.ctx, write, title=self.tr("Exporting %1…")
                        .replace("%1", path.name), on_success=self._saved)

    def _saved(self, path: Any) -> None:
        QMessageBox(QMessageBox.Icon.Information, self.tr("Saved"),
                    self.tr("Saved %1.").replace("%1", str(path)),
                    QMessageBox.StandardButton.Ok, self).exec()
