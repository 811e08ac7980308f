"""Roster import for HR: choose a file, check the column mapping, see every row's problem and
what will change, then import the good rows (one transaction, recorded in the audit log)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer.store.roster import SIMILAR_CODES
from trainer.ui.common.context import LEARNERS, AppContext
from trainer.ui.common.counts import counts
from trainer.ui.common.wheel import guard_wheel
from trainer.ui.common.work import Work, run_work
from trainer.ui.hr.roster_model import RosterPlanModel, field_text, problem_text

FIELDS = ("employee_no", "name", "department", "parent_unit", "role", "email", "pin")
REQUIRED = ("employee_no", "name")
NOT_IN_FILE = -1


def column_letter(index: int) -> str:
    """Spreadsheet column name: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def dropped_file(mime: QMimeData) -> Path | None:
    """The one local file being dragged onto a dialog, if that is what it is."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    return Path(urls[0].toLocalFile())


class RosterImportDialog(QDialog):
    """Preview and import a roster; ``path`` opens that file straight away."""

    def __init__(self, app_ctx: AppContext, parent: QWidget | None = None,
                 path: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = app_ctx
        self.table: Any = None  # RawTable once read
        self.preview: Any = None
        self.plan: Any = None
        self.result_summary: Any = None
        self.work: Work | None = None
        self.path: Path | None = None
        self.encoding: str | None = None  # chosen by the user when the guess was unsure
        self.setWindowTitle(self.tr("Import roster"))
        self.resize(940, 620)
        self._build()
        if path is not None:
            self.open_file(Path(path))

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.file_label = QLabel(self.tr("Choose a roster: CSV (UTF-8 or GB18030) or Excel .xlsx, "
                                         "one person per row."))
        self.file_label.setWordWrap(True)
        choose = QPushButton(self.tr("Choose file…"))
        choose.clicked.connect(self.choose_file)
        template = QPushButton(self.tr("Save a blank roster…"))
        template.setToolTip(self.tr("An Excel file with the right columns to fill in"))
        template.clicked.connect(lambda: self.save_template())
        for button in (choose, template):
            button.setAutoDefault(False)  # Enter imports; it never opens a file dialog
        self.sheet_label = QLabel(self.tr("Sheet:"))
        self.sheet_combo = guard_wheel(QComboBox())
        self.sheet_combo.setAccessibleName(self.tr("Sheet"))
        self.sheet_combo.setToolTip(self.tr("The workbook's sheet that holds the roster"))
        self.sheet_label.setBuddy(self.sheet_combo)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_changed)
        for widget in (self.sheet_label, self.sheet_combo):
            widget.hide()  # shown for a workbook with more than one sheet
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet_combo)
        top.addWidget(template)
        top.addWidget(choose)
        self._build_columns()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = RosterPlanModel(self)
        self.allow_similar = QCheckBox(self.tr("Numbers that differ only by leading zeros "
                                               "(102 and 000102) are different people"))
        self.allow_similar.setToolTip(self.tr("Usually they are the same person, once with "
                                              "the zeros Excel dropped; tick only if you are "
                                              "sure"))
        self.allow_similar.hide()
        self.allow_similar.toggled.connect(lambda _on: self._mapping_changed())
        self.only_problems = QCheckBox(self.tr("Show only rows with problems"))
        self.only_problems.toggled.connect(self.model.set_only_problems)
        self.only_problems.toggled.connect(lambda _on: self.view.resizeRowsToContents())
        self.view = QTableView()
        self.view.setAccessibleName(self.tr("Rows of the roster"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._build_buttons()
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.columns_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.allow_similar)
        layout.addWidget(self.only_problems)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)

    def _build_columns(self) -> None:
        """One drop-down per field: which column of the file holds it."""
        self.columns_box = QGroupBox(self.tr("Columns"))
        grid = QGridLayout(self.columns_box)
        self.combos: dict[str, QComboBox] = {}
        for n, field in enumerate(FIELDS):
            title = field_text(field) + (" *" if field in REQUIRED else "")
            combo = guard_wheel(QComboBox())
            combo.setAccessibleName(field_text(field))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.combos[field] = combo
            grid.addWidget(QLabel(title), n // 3, (n % 3) * 2)
            grid.addWidget(combo, n // 3, (n % 3) * 2 + 1)
        self.mapping_note = QLabel()
        self.mapping_note.setWordWrap(True)
        grid.addWidget(self.mapping_note, (len(FIELDS) + 2) // 3, 0, 1, 6)
        self.columns_box.setEnabled(False)

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.import_button = self.buttons.addButton(self.tr("Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.copy_button = self.buttons.addButton(self.tr("Copy problems"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip(self.tr("Copy every problem with its line number, to fix "
                                            "the file"))
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_problems)
        self.buttons.rejected.connect(self.reject)

    # --- reading -----------------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a roster"), str(Path.home()),
            self.tr("Rosters (*.csv *.txt *.xlsx);;All files (*)"))
        if name:
            self.open_file(Path(name))

    def save_template(self, path: Path | None = None) -> Path | None:
        """Write a blank roster (asking where unless ``path`` is given); None if cancelled."""
        from trainer.reports.roster_template import write_roster_template

        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save a blank roster"), str(Path.home() / "roster-template.xlsx"),
                self.tr("Excel workbook (*.xlsx);;CSV UTF-8 (*.csv)"))
            if not name:
                return None
            path = Path(name)
        try:
            written = write_roster_template(path)
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing else to undo
            from trainer.ui.common.errors import present_error

            present_error(self, exc)
            return None
        self.file_label.setText(self.tr("Blank roster saved as %1: fill it in, then choose it "
                                        "here.").replace("%1", str(written)))
        return written

    def open_file(self, path: Path, *, sheet: str | None = None,
                  encoding: str | None = None) -> None:
        """Read the file off the GUI thread, then show the mapping and the preview. The same
        reading as ``trainer learners import`` (with ``--sheet`` and ``--encoding``)."""
        from trainer.store.roster import read_roster_table

        if path != self.path:
            self.table = None
        self.path, self.encoding = path, encoding
        self.file_label.setText(str(path))
        self.work = run_work(
            self, self.ctx,
            lambda progress: read_roster_table(path, sheet=sheet, encoding=encoding),
            title=self.tr("Reading the roster…"), on_success=self._table_read,
            on_failure=self._read_failed)

    def _read_failed(self, exc: BaseException) -> None:
        """An unsure encoding is the user's to choose (CLI: --encoding); the rest is shown."""
        from trainer.store.roster_decode import RosterEncodingUnsure
        from trainer.ui.common.errors import present_error

        if not isinstance(exc, RosterEncodingUnsure) or self.path is None:
            present_error(self, exc)
            return
        choices = [self.tr("%1 — reads: %2").replace("%1", name).replace("%2", sample)
                   for name, sample in exc.candidates]
        chosen, ok = QInputDialog.getItem(
            self, self.tr("Choose the encoding"),
            self.tr("The file's encoding cannot be told for sure. Choose the one in which the "
                    "line reads correctly:"), choices, 0, False)
        if ok and chosen in choices:
            self.open_file(self.path, encoding=exc.candidates[choices.index(chosen)][0])

    def _sheet_changed(self) -> None:
        name = self.sheet_combo.currentText()
        if self.path is not None and self.table is not None and name != self.table.sheet:
            self.open_file(self.path, sheet=name, encoding=self.encoding)

    def _show_sheets(self, table: Any) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(table.sheets))
        self.sheet_combo.setCurrentText(table.sheet)
        self.sheet_combo.blockSignals(False)
        for widget in (self.sheet_label, self.sheet_combo):
            widget.setVisible(len(table.sheets) > 1)

    def _table_read(self, table: Any) -> None:
        from trainer.store.roster import guess_mapping

        self.table = table
        self._show_sheets(table)
        guessed = guess_mapping(table.headers)
        choices = [(self.tr("(not in the file)"), NOT_IN_FILE)] + [
            (f"{column_letter(i)}: {header or self.tr('(no header)')}", i)
            for i, header in enumerate(table.headers)]
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            for text, data in choices:
                combo.addItem(text, data)
            combo.setCurrentIndex(combo.findData(guessed.get(field, NOT_IN_FILE)))
            combo.blockSignals(False)
        self.columns_box.setEnabled(True)
        self.file_label.setText(self.tr("%1 — %n row(s), read as %2", "", len(table.records))
                                .replace("%1", str(table.source)).replace("%2", table.encoding))
        self._mapping_changed()

    def mapping(self) -> dict[str, int]:
        chosen = {field: combo.currentData() for field, combo in self.combos.items()}
        return {field: index for field, index in chosen.items()
                if index is not None and index != NOT_IN_FILE}

    def set_column(self, field: str, column: int) -> None:
        """Map ``field`` to a column (index into the headers, or -1 for none)."""
        combo = self.combos[field]
        combo.setCurrentIndex(combo.findData(column))

    def _mapping_changed(self) -> None:
        from trainer.store.roster import build_preview

        if self.table is None:
            return
        self.preview = build_preview(self.table, self.mapping())
        missing = [field_text(f) for f in self.preview.unmapped_required]
        self.plan = None
        self.model.set_plan(None)
        self.import_button.setEnabled(False)
        self.copy_button.setEnabled(False)
        if missing:
            self.mapping_note.setText(self.tr("Not recognised: choose the column that holds the "
                                              "%1.").replace("%1", self.tr(", ").join(missing)))
            self.summary.setText(self.tr("Nothing can be imported until the required columns "
                                         "(*) are chosen."))
            return
        self.mapping_note.setText(self.tr("Check that each field uses the right column; change "
                                          "it here if the headers were not recognised."))
        preview = self.preview
        self.work = run_work(
            self, self.ctx, lambda progress: self._plan(preview), show_progress=False,
            title=self.tr("Checking the roster…"), on_success=self._show_plan)

    def _plan(self, preview: Any) -> Any:
        from trainer.store.roster_import import plan_roster

        return preview, plan_roster(self.ctx.db, preview, actor=self.ctx.user,
                                    allow_similar=self.allow_similar.isChecked())

    def _show_plan(self, result: Any) -> None:
        preview, plan = result
        if preview is not self.preview:  # the mapping changed meanwhile
            return
        self.plan = plan
        self.model.set_plan(plan)
        self.view.resizeColumnsToContents()
        self.view.resizeRowsToContents()  # a long problem wraps in its row instead of "…"
        new, updated = plan.count("create"), plan.count("update")
        bad = len(plan.bad)
        self.summary.setText(self.tr(
            "%1: %2 new, %3 to update, %4 unchanged, %5 with problems (not imported). "
            "Nothing is written until you press Import.")
            .replace("%1", counts().rows(len(plan.rows))).replace("%2", str(new))
            .replace("%3", str(updated)).replace("%4", str(plan.count("unchanged")))
            .replace("%5", str(bad)) + self._ignored_text(preview)
            + self._departments_text(plan))
        self.allow_similar.setVisible(self.allow_similar.isChecked() or any(
            getattr(problem, "code", "") in SIMILAR_CODES
            for item in plan.bad for problem in item.problems))
        if bad and not self.only_problems.isChecked():
            self.only_problems.setChecked(True)
        writes = new + updated
        self.copy_button.setEnabled(bad > 0)
        self.import_button.setEnabled(writes > 0)
        if writes == 0:
            self.import_button.setText(self.tr("Nothing to import"))
        elif bad:
            self.import_button.setText(self.tr("Import %n good row(s)", "", writes))
        else:
            self.import_button.setText(self.tr("Import %n row(s)", "", writes))

    def _ignored_text(self, preview: Any) -> str:
        """Footer rows (合计, 制表人 …) are not people; say which lines were left out."""
        if not preview.ignored:
            return ""
        lines = ", ".join(str(line) for line, _text in preview.ignored)
        return " " + self.tr("%n row(s) below the people were not read as people (totals, "
                             "signatures, notes): line %1.", "", len(preview.ignored)
                             ).replace("%1", lines)

    def _departments_text(self, plan: Any) -> str:
        """The units the import would create, so a misspelt one is caught before it exists."""
        if not plan.new_departments:
            return ""
        return " " + self.tr("New department(s) to be created: %1.", "",
                             len(plan.new_departments)).replace(
            "%1", self.tr(", ").join(plan.new_departments))

    def problem_lines(self) -> list[str]:
        """``FILE:LINE: problem`` for every row that will not be imported."""
        if self.plan is None or self.preview is None:
            return []
        name = self.preview.source.name
        return [self.tr("%1:%2: %3").replace("%1", name).replace("%2", str(item.row.line))
                .replace("%3", problem_text(problem))
                for item in self.plan.bad for problem in item.problems]

    def copy_problems(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.problem_lines()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        path = dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.open_file(path)

    # --- importing ---------------------------------------------------------------------------

    def start_import(self) -> None:
        from trainer.store.roster_import import import_roster

        if self.plan is None:
            return
        preview, db, user = self.preview, self.ctx.db, self.ctx.user
        allow_similar = self.allow_similar.isChecked()
        labels = {"pins": self.tr("Protecting PINs…"), "write": self.tr("Saving learners…")}

        def run(progress: Any) -> Any:
            return import_roster(db, preview, actor=user, skip_bad=True,
                                 allow_similar=allow_similar,
                                 progress=lambda stage, done, total: progress.update(
                                     done, total, labels[stage]))

        self.import_button.setEnabled(False)
        # Cancel stops before anything is written, or rolls the write back: all or nothing.
        self.work = run_work(self, self.ctx, run, title=self.tr("Importing the roster…"),
                             changes=(LEARNERS,), on_success=self._imported,
                             on_failure=self._failed, cancellable=True)
        self.work.cancelled.connect(lambda: self.import_button.setEnabled(True))

    def _failed(self, exc: BaseException) -> None:
        from trainer.ui.common.errors import present_error

        self.import_button.setEnabled(True)
        present_error(self, exc)

    def _imported(self, result: Any) -> None:
        self.result_summary = result
        text = (self.tr("%1 new, %2 updated, %3 unchanged, %4 not imported.")
                .replace("%1", str(result.created)).replace("%2", str(result.updated))
                .replace("%3", str(result.unchanged)).replace("%4", str(len(result.skipped))))
        QMessageBox(QMessageBox.Icon.Information, self.tr("Roster imported"), text,
                    QMessageBox.StandardButton.Ok, self).exec()
        self.accept()
