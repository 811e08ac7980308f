"""The problems panel: the validator's problems grouped by file, and the file at that line."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFontDatabase,
    QStandardItem,
    QStandardItemModel,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.counts import counts
from trainer.ui.common.plain import plain_label, plain_tip

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1


translate = QCoreApplication.translate


class ProblemsModel(QStandardItemModel):
    """Files as top-level rows (with their error and warning counts), problems below them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels([translate("ProblemsPanel", "Problem"), translate("ProblemsPanel", "Line")])

    def set_problems(self, problems: Sequence[Any]) -> None:
        self.removeRows(0, self.rowCount())
        by_file: dict[str, list[Any]] = {}
        for problem in sorted(problems, key=lambda p: (p.file, p.line, p.column)):
            by_file.setdefault(problem.file or "course.yaml", []).append(problem)
        for file, items in by_file.items():
            errors = sum(1 for p in items if p.severity == "error")
            head = QStandardItem(self._file_title(file, errors, len(items) - errors))
            head.setEditable(False)
            head.setData(plain_tip(file), Qt.ItemDataRole.ToolTipRole)
            for problem in items:
                head.appendRow(_problem_row(problem))
            count = QStandardItem("")
            count.setEditable(False)
            self.appendRow([head, count])

    def _file_title(self, file: str, errors: int, warnings: int) -> str:
        # self.tr: pyside6-lupdate 6.11 marks plurals only there, not in a function's translate()
        parts = []
        if errors:
            parts.append(self.tr("%n error(s)", "", errors))
        if warnings:
            parts.append(self.tr("%n warning(s)", "", warnings))
        return f"{file}  ({', '.join(parts)})"

    def problem_at(self, index: Any) -> Any | None:
        return self.itemFromIndex(index.siblingAtColumn(0)).data(PROBLEM_ROLE) \
            if index.isValid() else None




def _problem_row(problem: Any) -> list[QStandardItem]:
    icon_kind = (QStyle.StandardPixmap.SP_MessageBoxCritical if problem.severity == "error"
                 else QStyle.StandardPixmap.SP_MessageBoxWarning)
    from PySide6.QtWidgets import QApplication

    message = shown_message(problem)
    text = QStandardItem(QApplication.style().standardIcon(icon_kind), message)
    text.setData(problem, PROBLEM_ROLE)
    # the whole sentence, however narrow the column; it quotes the author's text: never HTML
    text.setData(plain_tip(str(problem)), Qt.ItemDataRole.ToolTipRole)
    text.setEditable(False)
    line = QStandardItem(str(problem.line) if problem.line else "")
    line.setEditable(False)
    return [text, line]


def shown_message(problem: Any) -> str:
    """The validator's message in the interface language (Chinese from the content catalogue)."""
    from trainer.ui.common.language import current_language

    if current_language().startswith("zh"):
        from trainer.content.messages_zh import to_chinese

        return to_chinese(problem.message)
    return str(problem.message)


class SourceView(QPlainTextEdit):
    """A read-only view of one pack file with one line highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        # Markdown prose (long Chinese lines) wraps, so the problem line reads without scrolling
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.path: Path | None = None

    def show_file(self, path: Path, line: int) -> None:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            text = translate("ProblemsPanel", "Cannot read this file: %1").replace("%1", exc.strerror or str(exc))
        if path != self.path or text != self.toPlainText():
            self.setPlainText(text)
        self.path = path
        self.highlight(line)

    def highlight(self, line: int) -> None:
        block = self.document().findBlockByNumber(max(line - 1, 0))
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(QColor(255, 213, 79, 120))
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = cursor
        self.setExtraSelections([selection] if line > 0 else [])
        self.centerCursor()

    @property
    def current_line(self) -> int:
        return self.textCursor().blockNumber() + 1


class ProblemsPanel(QWidget):
    """Problems on the left; clicking one shows its file at that line on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.root: Path | None = None
        self.model = ProblemsModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.clicked.connect(self._open)
        self.tree.activated.connect(self._open)
        self.summary = plain_label(name="problemsSummary")
        self.source = SourceView()
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setTextFormat(Qt.TextFormat.RichText)
        self.editor_button = QPushButton()
        self.editor_button.setEnabled(False)
        self.editor_button.clicked.connect(self.open_in_editor)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.where, 1)
        bar.addWidget(self.editor_button)
        right_layout.addLayout(bar)
        right_layout.addWidget(self.source)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.tree)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.problems: list[Any] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.editor_button.setText(translate("ProblemsPanel", "Open in my editor"))
        self.editor_button.setToolTip(translate("ProblemsPanel", "Opens the file with the system's default "
                                          "application for it"))
        self.model.setHorizontalHeaderLabels([translate("ProblemsPanel", "Problem"), translate("ProblemsPanel", "Line")])
        if self.problems:
            self.model.set_problems(self.problems)  # messages in the new language
            self.tree.expandAll()
        self._update_summary()

    def set_problems(self, root: Path | None, problems: Sequence[Any]) -> None:
        self.root, self.problems = root, list(problems)
        self.model.set_problems(self.problems)
        self.tree.expandAll()
        self._update_summary()
        if self.source.path is not None and root is not None:
            self.source.show_file(self.source.path, self.source.current_line)

    def _update_summary(self) -> None:
        errors = sum(1 for p in self.problems if p.severity == "error")
        warnings = len(self.problems) - errors
        if not self.problems:
            self.summary.setText(translate("ProblemsPanel", "No problems: the pack is ready to build."))
        else:
            self.summary.setText(translate("ProblemsPanel", "%1, %2. Click one to see the "
                                           "file at that line.")
                                 .replace("%1", counts().errors(errors))
                                 .replace("%2", counts().warnings(warnings)))

    def _open(self, index: Any) -> None:
        problem = self.model.problem_at(index)
        if problem is None or self.root is None:
            return
        self.show_location(problem.file or "course.yaml", problem.line, shown_message(problem))

    def show_location(self, file: str, line: int, message: str = "") -> None:
        assert self.root is not None
        path = (self.root / file).resolve()
        self.source.show_file(path, line)
        where = f"{file}:{line}" if line else file
        self.where.setText(f"<b>{html.escape(where)}</b> {html.escape(message)}")
        self.editor_button.setEnabled(path.is_file())

    def open_in_editor(self) -> bool:
        if self.source.path is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.source.path)))
