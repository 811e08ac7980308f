"""Progress bundles in the HR screens: export this machine's progress to a signed file, and
merge a bundle from another machine after a preview of exactly what it adds (nothing is
half-imported). A device new here is trusted only after HR confirms its key's fingerprint."""

from __future__ import annotations

import socket
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer.localtime import local_text
from trainer.ui.common.context import ATTEMPTS, LEARNERS, PROGRESS, AppContext
from trainer.ui.common.counts import counts
from trainer.ui.common.work import Work, run_work
from trainer.ui.hr.bundle_model import MergePlanModel
from trainer.ui.hr.roster_dialog import dropped_file

translate = QCoreApplication.translate


def _inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok,
                parent).exec()


def export_bundle_with_dialog(app_ctx: AppContext, parent: QWidget | None,
                              path: Path | None = None) -> Path | None:
    """Ask where to save (unless ``path`` is given) and export there in the background.

    Returns the chosen file, or None when the user cancelled; a message reports the result.
    """
    if path is None:
        suggested = Path.home() / f"trainer-progress-{socket.gethostname()}-{date.today()}.zip"
        name, _ = QFileDialog.getSaveFileName(
            parent, translate("BundleExport", "Export progress bundle"),
            str(suggested), translate("BundleExport", "Progress bundles (*.zip)"))
        if not name:
            return None
        path = Path(name)
    db, user, target = app_ctx.db, app_ctx.user, path

    def run(progress: Any) -> Any:
        from trainer.exchange.bundles import export_bundle

        return export_bundle(db, target, actor=user)

    def done(manifest: Any) -> None:
        held = manifest.counts
        _inform(parent, translate("BundleExport", "Progress exported"),
                translate("BundleExport", "%1 holds %2, %3 and %4. Copy it to the other machine and import it there.\n\n"
                          "It is signed by this computer (%5) with the key %6: HR compares "
                          "that key when importing from this computer for the first time.")
                .replace("%1", str(target)).replace("%2", counts().learners(held["learners"]))
                .replace("%3", counts().lesson_records(held["lesson_progress"]))
                .replace("%4", counts().answers(held["attempts"]))
                .replace("%5", manifest.device_name)
                .replace("%6", manifest.fingerprint))

    run_work(parent, app_ctx, run, title=translate("BundleExport", "Exporting progress…"),
             on_success=done)
    return path


class BundleImportDialog(QDialog):
    """Check a bundle, show what merging it adds, then merge it in one transaction."""

    def __init__(self, app_ctx: AppContext, parent: QWidget | None = None,
                 path: Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = app_ctx
        self.bundle: Any = None
        self.signer: Any = None
        self.plan: Any = None
        self.merged: Any = None
        self.work: Work | None = None
        self.setWindowTitle(self.tr("Import progress bundle"))
        self.resize(860, 560)
        self._build()
        if path is not None:
            self.open_file(Path(path))

    def _build(self) -> None:
        self.file_label = QLabel(self.tr("Choose a progress bundle exported on another machine "
                                         "(trainer progress export, or Export progress)."))
        self.file_label.setWordWrap(True)
        choose = QPushButton(self.tr("Choose file…"))
        choose.clicked.connect(self.choose_file)
        choose.setAutoDefault(False)  # Enter imports; it never opens a file dialog
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.only_changes = QCheckBox(self.tr("Show only learners with something new"))
        self.only_changes.setChecked(True)
        self.model = MergePlanModel(self)
        self.only_changes.toggled.connect(self.model.set_only_changes)
        self.view = QTableView()
        self.view.setAccessibleName(self.tr("Learners in the file"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.import_button = self.buttons.addButton(self.tr("Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.only_changes)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        path = dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.open_file(path)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a progress bundle"),
                                              str(Path.home()),
                                              self.tr("Progress bundles (*.zip);;All files (*)"))
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        """Check the whole bundle (digests, every line) and compute the preview off the GUI."""
        db, user = self.ctx.db, self.ctx.user
        self.bundle = self.plan = self.signer = None
        self.model.set_plan(None)
        self.import_button.setEnabled(False)
        self.import_button.setText(self.tr("Import"))
        self.file_label.setText(str(path))
        self.summary.setText(self.tr("Checking the bundle…"))

        def run(progress: Any) -> Any:
            from trainer.exchange.bundles import bundle_signer, preview_bundle, read_bundle

            bundle = read_bundle(path)
            signer = bundle_signer(db, bundle)  # a known device with another key: refused
            return bundle, signer, preview_bundle(db, bundle, actor=user)

        self.work = run_work(self, self.ctx, run, title=self.tr("Checking the bundle…"),
                             on_success=self._show_plan, on_failure=self._refused)

    def _refused(self, exc: BaseException) -> None:
        from trainer.ui.common.errors import present_error

        self.summary.setText(self.tr("This file cannot be imported; nothing was changed."))
        present_error(self, exc)

    def _show_plan(self, result: Any) -> None:
        self.bundle, self.signer, self.plan = result
        made = self.bundle.manifest
        plan = self.plan
        self.model.set_plan(plan)
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(
            self.model.COLUMNS.index("department"), QHeaderView.ResizeMode.Stretch)
        origin = (self.tr("From %1, exported %2.")
                  .replace("%1", made.device_name or self.tr("an unnamed machine"))
                  .replace("%2", local_text(made.created_at)))
        if plan.changes == 0:
            what = self.tr("Everything in this bundle is already here: importing it changes "
                           "nothing.")
        else:
            what = (self.tr("Importing adds %1 and updates %2; adds %3 (%4 already here) and "
                            "%5, updating %6.")
                    .replace("%1", counts().learners(plan.learners_new))
                    .replace("%2", str(plan.learners_updated))
                    .replace("%3", counts().answers(plan.attempts_new))
                    .replace("%4", str(plan.attempts_known))
                    .replace("%5", counts().lesson_records(plan.lessons_new))
                    .replace("%6", str(plan.lessons_updated)))
        if plan.accounts_kept:
            what += " " + (self.tr("Trainers', HR or administrators' accounts (%1) stay "
                                   "switched on or off as they are here: a bundle never "
                                   "changes those.").replace("%1", counts().accounts(
                                       plan.accounts_kept)))
        if not self.signer.known:
            what += "\n\n" + (self.tr("This computer has never imported from %1. Its key is "
                                      "%2: compare it with the key that computer shows after "
                                      "exporting; import only if they are the same.")
                              .replace("%1", self.signer.name)
                              .replace("%2", self.signer.fingerprint))
            self.import_button.setText(self.tr("Trust and import…"))
        self.summary.setText(f"{origin} {what}")
        self.import_button.setEnabled(plan.changes > 0)

    def start_import(self) -> None:
        if self.bundle is None:
            return
        db, user, bundle, trust = self.ctx.db, self.ctx.user, self.bundle, not self.signer.known
        if trust and not self._confirm_trust():
            return

        def run(progress: Any) -> Any:
            from trainer.exchange.bundles import import_bundle

            return import_bundle(db, bundle, actor=user, trust_new_device=trust)

        self.import_button.setEnabled(False)
        self.work = run_work(self, self.ctx, run, title=self.tr("Importing progress…"),
                             changes=(LEARNERS, PROGRESS, ATTEMPTS), on_success=self._imported,
                             on_failure=self._import_failed)

    def _confirm_trust(self) -> bool:
        """HR approves a new device explicitly, seeing its name and key fingerprint."""
        answer = QMessageBox.question(
            self, self.tr("Trust this computer?"),
            self.tr("Trust %1 with the key %2 and import its bundle?\n\nOnly answer Yes if "
                    "that computer shows the same key. From now on its bundles are imported "
                    "without asking, and a bundle claiming to be from it with another key is "
                    "refused.").replace("%1", self.signer.name)
            .replace("%2", self.signer.fingerprint),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _import_failed(self, exc: BaseException) -> None:
        from trainer.ui.common.errors import present_error

        self.import_button.setEnabled(True)
        present_error(self, exc)

    def _imported(self, plan: Any) -> None:
        self.merged = plan
        _inform(self, self.tr("Progress imported"),
                self.tr("Added %1 and %2; %3 changed.")
                .replace("%1", counts().learners(plan.learners_new))
                .replace("%2", counts().answers(plan.attempts_new))
                .replace("%3", counts().lesson_records(plan.lessons_new + plan.lessons_updated)))
        self.accept()
