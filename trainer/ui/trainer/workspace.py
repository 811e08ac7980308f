"""The trainer's workspace: a pack folder previewed live, its problems, build and share.

Trainers write packs in their own editor; this page reloads within a second of a save, shows
the course as learners will see it (answers graded, never recorded) and lists the validator's
problems with the file at the right line.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.context import AppContext
from trainer.ui.common.counts import counts
from trainer.ui.common.plain import plain_label
from trainer.ui.common.work import run_work
from trainer.ui.trainer.preview import PackPreview
from trainer.ui.trainer.problems import ProblemsPanel
from trainer.ui.trainer.watcher import PackWatcher

log = logging.getLogger(__name__)


translate = QCoreApplication.translate


KIND_TITLES = {"lesson": QT_TRANSLATE_NOOP("Workspace", "Lesson"),
               "case": QT_TRANSLATE_NOOP("Workspace", "Case"),
               "assessment": QT_TRANSLATE_NOOP("Workspace", "Assessment"),
               "reference": QT_TRANSLATE_NOOP("Workspace", "Reference")}


class WorkspacePage(QWidget):
    """Open a pack folder; everything on the page follows the files as they are saved."""

    reloaded = Signal(object)  # the Validation just applied

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.folder: Path | None = None
        self.validation: Any = None
        self._generation = 0
        self.watcher = PackWatcher(self)
        self.watcher.changed.connect(self.reload)
        self._build()
        self.retranslate()
        ctx.settingsChanged.connect(self._apply_settings)

    # --- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.open_button, self.new_button = QPushButton(), QPushButton()
        self.bank_button, self.build_button = QPushButton(), QPushButton()
        self.reload_button = QPushButton()
        self.open_button.clicked.connect(self.choose_folder)
        self.new_button.clicked.connect(self.new_pack)
        self.bank_button.clicked.connect(self.import_bank)
        self.build_button.clicked.connect(self.build_pack)
        self.reload_button.clicked.connect(self.reload)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setStyleSheet("font-size: 22px; font-weight: 600; padding-bottom: 4px;")
        self.folder_label, self.status = plain_label(), plain_label()  # hold pack titles
        self.folder_label.setObjectName("workspaceFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setObjectName("workspaceStatus")
        bar = QHBoxLayout()
        for button in (self.open_button, self.new_button, self.bank_button, self.build_button,
                       self.reload_button):
            bar.addWidget(button)
        bar.addStretch(1)
        self.outline = QListWidget()
        self.outline.setObjectName("workspaceOutline")
        self.outline.setWordWrap(True)  # long Chinese titles wrap instead of being cut off
        self.outline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.outline.setSpacing(2)
        self.outline.currentItemChanged.connect(self._outline_clicked)
        settings = self.ctx.settings
        self.preview = PackPreview(settings.get("theme"), settings.get("lesson_font_size"))
        self.preview.moduleChanged.connect(self._select_outline)
        self.problems = ProblemsPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, "")
        self.tabs.addTab(self.problems, "")
        self.preview.banner.linkActivated.connect(lambda _link: self.tabs.setCurrentIndex(1))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.outline)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.reload)
        self._update_actions()

    def retranslate(self) -> None:
        self.title.setText(translate("Workspace", "Course workspace"))
        self.outline.setAccessibleName(translate("Workspace", "Modules of the pack"))
        self.open_button.setText(translate("Workspace", "Open pack folder…"))
        self.new_button.setText(translate("Workspace", "New pack…"))
        self.bank_button.setText(translate("Workspace", "Import question bank…"))
        self.build_button.setText(translate("Workspace", "Build and share…"))
        self.reload_button.setText(translate("Workspace", "Reload"))
        self.reload_button.setToolTip(translate("Workspace", "The preview also reloads by itself when a file "
                                          "is saved (F5)"))
        self.tabs.setTabText(0, translate("Workspace", "Preview"))
        self.preview.retranslate()
        self.problems.retranslate()
        if self.validation is not None and self.validation.pack is not None:
            self._fill_outline(self.validation.pack)  # kinds and counts in the new language
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _apply_settings(self) -> None:
        self.preview.theme_setting = self.ctx.settings.get("theme")
        self.preview.font_size = self.ctx.settings.get("lesson_font_size")
        self.preview.apply_style()
        if self.preview.pack is not None:
            self.preview.show_pack(self.preview.pack)

    def _update_actions(self) -> None:
        has_folder = self.folder is not None
        self.build_button.setEnabled(has_folder)
        self.reload_button.setEnabled(has_folder)

    # --- opening and reloading ---------------------------------------------------------------

    def choose_folder(self) -> None:
        start = str(self.folder.parent) if self.folder else str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, translate("Workspace", "Open a pack folder"), start)
        if chosen:
            self.open_folder(Path(chosen))

    def open_folder(self, folder: Path) -> None:
        """Watch ``folder`` and show it; a folder with errors shows its problems."""
        self.folder = folder.resolve()
        self.preview.clear()
        self.validation = None
        self.watcher.watch(self.folder)
        self._update_actions()
        self.reload()

    def reload(self) -> None:
        """Validate the folder off the GUI thread and apply the newest result only."""
        if self.folder is None:
            return
        self._generation += 1
        generation, folder = self._generation, self.folder

        def validate(_progress: Any) -> Any:
            from trainer.content.loader import validate_pack

            return validate_pack(folder)

        run_work(self, self.ctx, validate, show_progress=False,
                 on_success=lambda result: self._apply(generation, folder, result))

    def _apply(self, generation: int, folder: Path, validation: Any) -> None:
        import shiboken6

        if not shiboken6.isValid(self):
            return  # the page was closed while a save was being checked
        if generation != self._generation or folder != self.folder:
            return  # a newer save is already being checked
        self.validation = validation
        self.problems.set_problems(folder, validation.problems)
        if validation.pack is not None:
            self.preview.show_pack(validation.pack)
            self._fill_outline(validation.pack)
        elif self.preview.pack is None:
            self.tabs.setCurrentWidget(self.problems)  # nothing to preview yet: show why
        self.loaded_at = time.strftime("%H:%M:%S")
        self._show_state()
        self.reloaded.emit(validation)

    def _show_state(self) -> None:
        validation = self.validation
        self.folder_label.setText(str(self.folder) if self.folder else
                                  translate("Workspace", "No pack folder is open. Open one, create a new pack or "
                                      "import a question bank."))
        count = len(validation.problems) if validation is not None else 0
        self.tabs.setTabText(1, translate("Workspace", "Problems (%1)").replace("%1", str(count)))
        if validation is None:
            self.status.setText("")
            self.preview.set_banner("")
            return
        errors = len(validation.errors)
        if validation.pack is None:
            shown = (translate("Workspace", "The preview shows the last version that loaded.")
                     if self.preview.pack is not None else "")
            self.preview.set_banner(
                translate("Workspace", "This pack has %1 and cannot be loaded. %2 "
                          "<a href='problems'>Show the problems</a>")
                .replace("%1", counts().errors(errors)).replace("%2", shown))
        else:
            self.preview.set_banner("")
        self.status.setText(translate("Workspace", "Checked at %1: %2, %3.")
                            .replace("%1", getattr(self, "loaded_at", ""))
                            .replace("%2", counts().errors(errors))
                            .replace("%3", counts().warnings(len(validation.problems) - errors)))

    def _fill_outline(self, pack: Any) -> None:
        self.outline.blockSignals(True)
        self.outline.clear()
        for module in pack.modules:
            item = QListWidgetItem(f"{module.title}\n{self.module_summary(module)}")
            item.setData(Qt.ItemDataRole.UserRole, module.id)
            item.setToolTip(module.file)
            self.outline.addItem(item)
        self.outline.blockSignals(False)
        self._select_outline(self.preview.module_id or "")

    def module_summary(self, module: Any) -> str:
        """The outline's second line: the module's kind and how many exercises it holds."""
        kind = translate("Workspace", KIND_TITLES.get(module.kind, ""))
        count = len(module.exercises)
        if not count:
            return kind
        summary = f"{kind} · " + self.tr("%n exercise(s)", "", count)  # self.tr: problems.py
        if module.draw:  # a question pool: what one sitting takes of it
            summary += " · " + self.tr("%n per sitting", "", module.sitting_size)
        return summary

    def _select_outline(self, module_id: str) -> None:
        self.outline.blockSignals(True)
        for row in range(self.outline.count()):
            item = self.outline.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == module_id:
                self.outline.setCurrentItem(item)
        self.outline.blockSignals(False)

    def _outline_clicked(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is not None:
            self.preview.show_module(item.data(Qt.ItemDataRole.UserRole))

    # --- actions in their own dialogs --------------------------------------------------------

    def new_pack(self) -> None:
        from trainer.ui.trainer.dialogs import NewPackDialog

        dialog = NewPackDialog(self)
        if dialog.exec() and dialog.created is not None:
            self.open_folder(dialog.created)

    def import_bank(self) -> None:
        from trainer.ui.trainer.dialogs import BankImportDialog

        dialog = BankImportDialog(self.ctx, self.folder if self._pack_loads() else None, self)
        if dialog.exec() and dialog.result_folder is not None:
            if dialog.result_folder == self.folder:
                self.reload()
            else:
                self.open_folder(dialog.result_folder)

    def build_pack(self) -> None:
        from trainer.ui.trainer.dialogs import BuildDialog

        if self.folder is not None:
            BuildDialog(self.ctx, self.folder, self).exec()

    def _pack_loads(self) -> bool:
        return self.validation is not None and self.validation.pack is not None

    def open_payload(self, payload: Any) -> None:
        """``ctx.request_page("workspace", folder)`` opens that folder."""
        if isinstance(payload, (str, Path)):
            self.open_folder(Path(payload))
