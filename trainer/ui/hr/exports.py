"""“Export report” on the HR screen: CSV, XLSX or PDF of exactly what the screen shows.

The export runs through ``run_work`` (off the GUI thread, progress, Cancel) and through the same
``reports.export.export_report`` as the command line, with the signed-in user as the actor
(HR or administrator, checked again there) and the screen's figures, so the file cannot
disagree with the screen.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QPushButton, QWidget

from trainer.ui.common.work import Work, run_work

if TYPE_CHECKING:
    from trainer.ui.hr.screen import HRScreen

# (format, CSV table or "", file suffix)
CHOICES = (("xlsx", "", ".xlsx"), ("pdf", "", ".pdf"), ("csv", "learners", ".csv"),
           ("csv", "attempts", ".csv"), ("csv", "departments", ".csv"))


class ExportButton(QPushButton):
    """A button with one menu entry per kind of export."""

    def __init__(self, screen: HRScreen, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = screen
        self.work: Work | None = None
        self.menu_ = QMenu(self)
        self.actions_: list[QAction] = []
        for fmt, table, suffix in CHOICES:
            action = QAction(self.menu_)
            action.triggered.connect(lambda _=False, f=fmt, t=table, s=suffix:
                                     self.export(f, t, s))
            self.menu_.addAction(action)
            self.actions_.append(action)
        self.setMenu(self.menu_)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("Export report"))
        texts = (self.tr("Excel workbook (.xlsx)…"), self.tr("PDF report with charts…"),
                 self.tr("CSV: one row per learner…"), self.tr("CSV: every answer…"),
                 self.tr("CSV: departments…"))
        for action, text in zip(self.actions_, texts, strict=True):
            action.setText(text)

    def ask_path(self, fmt: str, table: str, suffix: str) -> Path | None:
        """Where to save; None when the user cancels (tests replace this)."""
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        stem = self.tr("Training report")
        if table and table != "learners":
            stem += f"-{table}"
        name = f"{stem}-{date.today():%Y%m%d}{suffix}"
        filters = {".xlsx": self.tr("Excel workbook (*.xlsx)"), ".pdf": self.tr("PDF (*.pdf)"),
                   ".csv": self.tr("CSV, UTF-8 (*.csv)")}
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export Report"),
                                                str(Path(folder) / name), filters[suffix])
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def export(self, fmt: str, table: str, suffix: str) -> Work | None:
        """Ask for a file and write it in the background; returns the running work."""
        data = self.page.data
        if data is None:
            return None
        path = self.ask_path(fmt, table, suffix)
        if path is None:
            return None
        ctx = self.page.ctx
        db, packs, actor = ctx.db, ctx.library.packs(), ctx.user

        title = self.tr("Exporting %1…").replace("%1", path.name)
        steps = self.step_labels()

        def write(progress: Any) -> Any:
            from trainer.reports.export import export_report

            def report(done: int, total: int, step: str) -> None:
                progress.update(done, total, f"{title}\n{steps.get(step, '')}".strip())
            return export_report(db, packs, path, fmt, actor=actor, data=data,
                                 table=table or "learners", progress=report)
        self.work = run_work(self.page, ctx, write, title=title, cancellable=True,
                             on_success=self._done)
        return self.work

    def step_labels(self) -> dict[str, str]:
        """What each step of an export is doing, under the file name in the progress dialog
        (every format reports its steps: figures, charts, tables, pages, answers)."""
        figures = self.tr("Gathering the figures…")
        return {"learners": figures, "completion": figures, "attempts": self.tr(
            "Writing the answers…"), "charts": self.tr("Drawing the charts…"),
                "tables": self.tr("Laying out the tables…"),
                "pages": self.tr("Writing the pages…")}

    def _done(self, result: Any) -> None:
        """Say where the file is, with a button that opens its folder."""
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Report Exported"),
                          self.tr("Saved %1.").replace("%1", str(result.path)),
                          QMessageBox.StandardButton.Ok, self.page)
        folder = box.addButton(self.tr("Open Containing Folder"),
                               QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(QMessageBox.StandardButton.Ok)
        box.exec()
        if box.clickedButton() is folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(result.path).parent)))
