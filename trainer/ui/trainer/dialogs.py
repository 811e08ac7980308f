"""Workspace dialogs: a new pack, a question bank imported, a pack built for sharing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.a11y import label_form_fields
from trainer.ui.common.context import AppContext
from trainer.ui.common.counts import counts
from trainer.ui.common.errors import present_error
from trainer.ui.common.language import current_language
from trainer.ui.common.wheel import guard_wheel
from trainer.ui.common.work import run_work

TYPE_TITLES = {
    "single": QT_TRANSLATE_NOOP("WorkspaceDialogs", "single choice"),
    "multiple": QT_TRANSLATE_NOOP("WorkspaceDialogs", "multiple choice"),
    "truefalse": QT_TRANSLATE_NOOP("WorkspaceDialogs", "true/false"),
    "fill": QT_TRANSLATE_NOOP("WorkspaceDialogs", "fill-in"),
    "order": QT_TRANSLATE_NOOP("WorkspaceDialogs", "ordering"),
    "match": QT_TRANSLATE_NOOP("WorkspaceDialogs", "matching"),
    "open": QT_TRANSLATE_NOOP("WorkspaceDialogs", "open response"),
}


translate = QCoreApplication.translate

LANGUAGE_NAMES = {"zh-CN": QT_TRANSLATE_NOOP("WorkspaceDialogs", "Chinese (Simplified)"),
                  "en": QT_TRANSLATE_NOOP("WorkspaceDialogs", "English")}


def _path_row(edit: QLineEdit, browse: Any) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    button = QPushButton(translate("WorkspaceDialogs", "Browse…"))
    button.clicked.connect(browse)
    layout.addWidget(edit, 1)
    layout.addWidget(button)
    return row


class NewPackDialog(QDialog):
    """The same starter pack as ``trainer pack new``, in a folder the trainer chooses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from trainer.content.starter import starter_languages

        self.setWindowTitle(translate("WorkspaceDialogs", "New course pack"))
        self.created: Path | None = None
        self.folder = QLineEdit(str(Path.home() / "my-course"))
        self.language = guard_wheel(QComboBox())
        for tag in starter_languages():
            self.language.addItem(translate("WorkspaceDialogs", LANGUAGE_NAMES.get(tag, tag)), tag)
        wanted = "zh-CN" if current_language().startswith("zh") else "en"
        self.language.setCurrentIndex(max(0, self.language.findData(wanted)))
        form = QFormLayout()
        form.addRow(translate("WorkspaceDialogs", "New folder:"), _path_row(self.folder, self._browse))
        form.addRow(translate("WorkspaceDialogs", "Language of the examples:"), self.language)
        note = QLabel(translate("WorkspaceDialogs", "The starter pack has a lesson, a case, an assessment and a glossary "
                          "with an example of every exercise type. Edit its files in your own "
                          "editor; the preview follows every save."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        label_form_fields(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, translate("WorkspaceDialogs", "New pack folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def accept(self) -> None:
        from trainer.content.starter import create_starter

        try:
            self.created = create_starter(Path(self.folder.text()).expanduser(),
                                          self.language.currentData())
        except Exception as exc:  # noqa: BLE001 - shown to the trainer, dialog stays open
            present_error(self, exc)
            return
        super().accept()


_EXCEL = (".xlsx", ".xlsm", ".xls", ".et", ".csv")  # .xls/.et/.csv get a clear "save as .xlsx"


def guess_format(path: Path) -> str:
    """Excel by its name; Aiken files are plain text with 'ANSWER:' lines; the rest is GIFT."""
    if path.suffix.lower() in _EXCEL:
        return "xlsx"
    if path.suffix.lower() == ".gift":
        return "gift"
    try:
        head = path.read_bytes()[:20000].decode("utf-8", errors="ignore")
    except OSError:
        return "gift"
    upper = head.upper().replace("：", ":")
    aiken = "ANSWER:" in upper or "答案:" in upper
    return "aiken" if aiken and "{" not in head else "gift"


class ConversionFailed(Exception):
    """A conversion that wrote nothing, with what the bank's parser reported on the way."""

    def __init__(self, error: Any, problems: list[Any]) -> None:
        super().__init__(str(error))
        self.error, self.problems = error, problems


class BankImportDialog(QDialog):
    """Convert a Moodle GIFT, Aiken or Excel (题库) file into a new pack, or modules of the open
    pack, through the same functions as ``trainer pack from-…``; progress while rows are read,
    and a summary that lists every question or row left out."""

    def __init__(self, ctx: AppContext, open_pack: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.open_pack = ctx, open_pack
        self.result_folder: Path | None = None
        self.setWindowTitle(translate("WorkspaceDialogs", "Import a question bank"))
        self.setMinimumWidth(620)
        self.file = QLineEdit()
        self.file.textChanged.connect(self._file_changed)
        self.format = guard_wheel(QComboBox())
        self.format.addItem("Moodle GIFT", "gift")
        self.format.addItem("Aiken", "aiken")
        self.format.addItem(translate("WorkspaceDialogs", "Excel question bank (.xlsx)"), "xlsx")
        self.into_open = QRadioButton(translate("WorkspaceDialogs", "Add as a new module of the open pack"))
        self.into_new = QRadioButton(translate("WorkspaceDialogs", "Create a new pack in:"))
        group = QButtonGroup(self)
        group.addButton(self.into_open)
        group.addButton(self.into_new)
        self.into_open.setEnabled(open_pack is not None)
        (self.into_open if open_pack is not None else self.into_new).setChecked(True)
        self.target = QLineEdit(str(Path.home() / "question-bank"))
        self.title = QLineEdit()
        self.competency = guard_wheel(QComboBox())
        self._fill_competencies()
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(translate(
            "WorkspaceDialogs", "Questions that cannot be converted are listed here with their "
            "line (Excel: sheet and row); the rest still convert."))
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(translate("WorkspaceDialogs", "Question file:"), _path_row(self.file, self._browse_file))
        form.addRow(translate("WorkspaceDialogs", "Format:"), self.format)
        form.addRow(self.into_open)
        form.addRow(self.into_new, _path_row(self.target, self._browse_target))
        form.addRow(translate("WorkspaceDialogs", "Title:"), self.title)
        form.addRow(translate("WorkspaceDialogs", "Competency trained:"), self.competency)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.convert_button = self.buttons.addButton(translate("WorkspaceDialogs", "Convert"),
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.convert_button.clicked.connect(self.convert)
        self.buttons.rejected.connect(self.reject)
        label_form_fields(form)
        self.report.setAccessibleName(translate("WorkspaceDialogs", "Conversion report"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)

    def _fill_competencies(self) -> None:
        from trainer.content.bankwriter import framework_competencies
        from trainer.content.starter import STARTER_DIR

        source = (self.open_pack or STARTER_DIR / "zh-CN") / "competencies.yaml"
        try:
            competencies = framework_competencies(source)
        except (OSError, ValueError):
            competencies = []
        for competency_id, title in competencies:  # the name a trainer knows, the id is saved
            shown = title if title == competency_id else f"{title} ({competency_id})"
            self.competency.addItem(shown, competency_id)

    def _browse_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, translate("WorkspaceDialogs", "Choose a question bank"), str(Path.home()),
            translate("WorkspaceDialogs", "Question banks (*.gift *.txt *.xlsx);;All files (*)"))
        if chosen:
            self.file.setText(chosen)

    def _browse_target(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, translate("WorkspaceDialogs", "New pack folder"), self.target.text())
        if chosen:
            self.target.setText(chosen)
            self.into_new.setChecked(True)

    def _file_changed(self, text: str) -> None:
        path = Path(text)
        if path.is_file():
            self.format.setCurrentIndex(self.format.findData(guess_format(path)))
            if not self.title.text():
                self.title.setText(path.stem)

    def convert(self) -> None:
        """Convert off the GUI thread; report skipped questions; keep the dialog on failure."""
        from trainer.content.bankpack import add_module, write_new_pack
        from trainer.content.bankwriter import read_bank

        source, fmt = Path(self.file.text()).expanduser(), self.format.currentData()
        title = self.title.text().strip() or source.stem
        chosen = [self.competency.currentData()] if self.competency.currentData() else []
        into = self.open_pack if self.into_open.isChecked() else None
        target = Path(self.target.text()).expanduser()

        label = translate("WorkspaceDialogs", "Reading the question bank…")
        checking = translate("WorkspaceDialogs", "Writing and checking the pack…")

        def work(progress: Any) -> Any:
            from trainer.content.errors import PackError

            bank = read_bank(source, fmt, lambda rows: progress.update(rows, 0, label))
            progress.update(0, 0, checking)  # also: a cancel while reading writes nothing
            try:
                if into is not None:
                    return add_module(bank, into, title=title, competencies=chosen), into
                return write_new_pack(bank, target, title=title, competencies=chosen), target
            except PackError as exc:  # the report lists what the bank said, then why
                raise ConversionFailed(exc, bank.problems.sorted()) from exc

        self.convert_button.setEnabled(False)
        self.report.clear()
        job = run_work(self, self.ctx, work, title=translate("WorkspaceDialogs", "Converting questions…"),
                       on_success=self._converted, on_failure=self._failed,
                       cancellable=True)
        job.finished.connect(lambda: self.convert_button.setEnabled(True))

    def _problem_lines(self, problems: Any) -> list[str]:
        from trainer.content.messages_zh import problem_text

        language = "zh-CN" if current_language().startswith("zh") else "en"
        return [problem_text(p, language) for p in problems]

    def _failed(self, exc: BaseException) -> None:
        """Nothing converted, or a pack that would not validate: the bank's problems and the
        reason in the report, as the command line prints them; nothing was written."""
        from trainer.content.errors import PackInvalid
        from trainer.ui.common.errors import known_text

        if not isinstance(exc, ConversionFailed):
            present_error(self, exc)
            return
        lines = self._problem_lines(exc.problems)
        if isinstance(exc.error, PackInvalid):
            lines += self._problem_lines([p for p in exc.error.problems
                                          if p.severity == "error"])
            lines.append(translate("WorkspaceDialogs", "The converted questions do not make "
                                   "a valid pack; nothing was written."))
        else:
            lines.append(known_text(exc.error.message))
            if exc.error.hint:
                lines.append(known_text(exc.error.hint))
        self.report.setPlainText("\n".join(lines))

    def _converted(self, outcome: tuple[Any, Path]) -> None:
        result, folder = outcome
        self.result_folder = folder
        lines = self._problem_lines(result.problems)
        skipped = sum(1 for p in result.problems if p.severity == "error")
        if skipped:
            lines.insert(0, translate("WorkspaceDialogs", "Left out (not converted): %1; "
                                      "each is listed below with its line or row.")
                         .replace("%1", str(skipped)))
        lines.insert(0, translate("WorkspaceDialogs", "Converted %1 into %2.")
                     .replace("%1", counts().questions(result.questions))
                     .replace("%2", str(folder)))
        self.report.setPlainText("\n".join(lines))
        self.convert_button.hide()
        done = self.buttons.addButton(translate("WorkspaceDialogs", "Open in workspace"),
                                      QDialogButtonBox.ButtonRole.AcceptRole)
        done.setDefault(True)
        done.clicked.connect(self.accept)


class BuildDialog(QDialog):
    """Build the distributable zip (as ``trainer pack build``) and show what to hand out."""

    def __init__(self, ctx: AppContext, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.folder = ctx, folder
        self.result: Any = None
        self.setWindowTitle(translate("WorkspaceDialogs", "Build and share"))
        self.setMinimumWidth(560)
        self.output = QLineEdit(str(folder.parent / f"{folder.name}.zip"))
        self.summary = QLabel(translate("WorkspaceDialogs", "Builds one file that learners' machines import. The pack is "
                                  "checked first; a pack with errors is not built."))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.digest = QLineEdit()
        self.digest.setReadOnly(True)
        self.digest.setPlaceholderText(translate("WorkspaceDialogs", "SHA-256 digest of the file, after building"))
        self.copy_button = QPushButton(translate("WorkspaceDialogs", "Copy digest"))
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self._copy)
        self.show_button = QPushButton(translate("WorkspaceDialogs", "Show in folder"))
        self.show_button.setEnabled(False)
        self.show_button.clicked.connect(self._show_folder)
        form = QFormLayout()
        form.addRow(translate("WorkspaceDialogs", "File to write:"), _path_row(self.output, self._browse))
        digest_row = QHBoxLayout()
        digest_row.addWidget(self.digest, 1)
        digest_row.addWidget(self.copy_button)
        form.addRow(translate("WorkspaceDialogs", "Digest:"), digest_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.build_button = self.buttons.addButton(translate("WorkspaceDialogs", "Build"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.build)
        self.buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        label_form_fields(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, translate("WorkspaceDialogs", "Save the pack as"), self.output.text(),
                                                translate("WorkspaceDialogs", "Course pack (*.zip)"))
        if chosen:
            self.output.setText(chosen)

    def build(self) -> None:
        from trainer.content.archive import build_pack

        folder, out = self.folder, Path(self.output.text()).expanduser()
        self.build_button.setEnabled(False)
        job = run_work(self, self.ctx, lambda _p: build_pack(folder, out),
                       title=translate("WorkspaceDialogs", "Building the pack…"), on_success=self._built)
        job.finished.connect(lambda: self.build_button.setEnabled(True))

    def _built(self, result: Any) -> None:
        from trainer.content.info import pack_info

        self.result = result
        info = pack_info(result.pack)
        self.summary.setText(build_summary(info, result))
        self.digest.setText(result.sha256)
        self.copy_button.setEnabled(True)
        self.show_button.setEnabled(True)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.digest.text())

    def _show_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path.parent)))


def build_summary(info: dict[str, Any], result: Any) -> str:
    """What a trainer tells learners' machines: contents, size, and how to check the file."""
    types = ", ".join(f"{QCoreApplication.translate('WorkspaceDialogs', TYPE_TITLES[k])} {v}"
                      for k, v in info["exercise_types"].items())
    titles = {c.id: c.title for c in result.pack.framework.competencies}
    competencies = ", ".join(f"{titles.get(k, k)} {v}" for k, v in info["competencies"].items())
    return "\n".join([
        translate("WorkspaceDialogs", "Built %1 (%2 KB).").replace("%1", str(result.path))
        .replace("%2", f"{result.size / 1024:.0f}"),
        translate("WorkspaceDialogs", "%1, version %2, language %3").replace("%1", info["title"])
        .replace("%2", info["version"]).replace("%3", info["language"]),
        translate("WorkspaceDialogs", "%1, %2, about %3 of study")
        .replace("%1", counts().modules(info["modules"]))
        .replace("%2", counts().exercises(info["exercises"]))
        .replace("%3", counts().minutes(info["minutes"])),
        translate("WorkspaceDialogs", "Exercises by type: %1").replace("%1", types),
        translate("WorkspaceDialogs", "Exercises per competency: %1").replace("%1", competencies),
        translate("WorkspaceDialogs", "Give learners' machines the file and its digest; importing checks the file."),
    ])
