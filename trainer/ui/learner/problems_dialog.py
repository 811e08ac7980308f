"""Why a course pack was not imported: every problem with its file and line, ready to copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.plain import plain_label


class ProblemsDialog(QDialog):
    """Lists a pack's problems (``FILE:LINE: severity: message``); nothing was installed."""

    def __init__(self, source: Path, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Course pack not imported"))
        self.resize(720, 420)
        errors = sum(1 for line in lines if ": error: " in line)
        intro = plain_label(self.tr("%1 was not imported: it has %n problem(s). Nothing was changed. "
                               "Give this list to the course's author.", "", errors or len(lines))
                       .replace("%1", source.name))
        intro.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Problems"))
        self.text.setAccessibleDescription(intro.text())
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy list"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)


def show_import_failure(parent: QWidget, source: Path, exc: BaseException) -> None:
    """Validation problems in the list dialog; any other failure to the error presenter."""
    problems = getattr(exc, "problems", None)
    if not problems:
        from trainer.ui.common.errors import present_error

        present_error(parent, exc)
        return
    from trainer.content.messages_zh import problem_text
    from trainer.ui.common.language import current_language

    language = current_language()  # the validator writes English; Chinese from its catalogue
    ProblemsDialog(source, [problem_text(p, language) for p in problems], parent).exec()
