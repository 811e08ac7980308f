"""Saving a course certificate as PDF, and checking a certificate code against the records."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.errors import TrainerError
from trainer.ui.common.context import AppContext
from trainer.ui.common.counts import counts
from trainer.ui.common.errors import present_error
from trainer.ui.common.work import run_work

translate = QCoreApplication.translate


def _default_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def save_certificate(parent: QWidget, ctx: AppContext, pack_id: str) -> None:
    """Ask where to save, then issue (first time only) and write the PDF off the GUI thread."""
    from trainer.analytics.certificates import issue_certificate
    from trainer.reports.certificate import write_certificate_pdf

    user = ctx.user
    if user is None:
        return
    pack = ctx.library.get(pack_id)
    suggested = str(Path(_default_folder()) / f"{pack.title}-{user.name}.pdf")
    chosen, _ = QFileDialog.getSaveFileName(
        parent, translate("CertificateDialog", "Save Certificate"), suggested,
        translate("CertificateDialog", "PDF document (*.pdf)"))
    if not chosen:
        return

    def work(_progress: Any) -> Path:
        cert = issue_certificate(ctx.db, ctx.paths, user.id, pack, actor=user)
        return write_certificate_pdf(cert, chosen)

    run_work(parent, ctx, work, title=translate("CertificateDialog", "Saving the certificate…"),
             changes="progress",
             on_success=lambda path: _saved(parent, path))


def _saved(parent: QWidget, path: Path) -> None:
    window = parent.window()
    bar = window.statusBar() if hasattr(window, "statusBar") else None
    if bar is not None:
        text = translate("CertificateDialog", "Certificate saved to %1")
        bar.showMessage(text.replace("%1", str(path)), 8000)


class VerifyDialog(QDialog):
    """Type a code from a printed certificate; see whose it is, or that it is not genuine."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Check a Certificate"))
        self.code = QLineEdit()
        self.code.setPlaceholderText("ABCD-EFGH-JKLM-NPQR")
        self.code.returnPressed.connect(self.check)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setMinimumWidth(420)
        check = QPushButton(self.tr("Check"))
        check.setDefault(True)
        check.clicked.connect(self.check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        prompt = QLabel(self.tr("Verification code printed on the certificate:"))
        prompt.setBuddy(self.code)
        layout.addWidget(prompt)
        layout.addWidget(self.code)
        layout.addWidget(check, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        layout.addWidget(buttons)

    def check(self) -> None:
        from trainer.analytics.certificates import verify_certificate

        try:
            found = verify_certificate(self.ctx.db, self.ctx.paths, self.code.text())
        except TrainerError as exc:
            from trainer.ui.common.errors import known_text

            self.result.setText(html.escape(known_text(exc.message)))
            return
        except Exception as exc:  # noqa: BLE001 - a bug: the crash dialog, not a silent failure
            present_error(self, exc)
            return
        self.result.setText(self.describe(found))

    def describe(self, found: Any) -> str:
        cert = found.certificate
        if found.status == "valid" and cert is not None:
            text = self.tr("<b>Genuine.</b> %1 (employee no. %2) passed “%3” on %4 with %5.")
            for key, value in (("%1", cert.name), ("%2", cert.employee_no), ("%3", cert.course),
                               ("%4", cert.passed_on.isoformat()),
                               ("%5", counts().points(int(cert.score)))):
                text = text.replace(key, html.escape(value))
            return text
        record = getattr(found, "record", None)
        if found.status == "valid" and record is not None:  # a 学时证明 (learning record)
            text = self.tr("<b>Genuine.</b> Learning record of %1 (employee no. %2): %3 in %4, "
                           "issued on %5.")
            for key, value in (("%1", record.name), ("%2", record.employee_no),
                               ("%3", counts().credit_hours(record.hours)),
                               ("%4", str(record.year) if record.year else self.tr("all years")),
                               ("%5", record.issued_on.isoformat())):
                text = text.replace(key, html.escape(value))
            return text
        if found.status == "altered":
            return self.tr("<b>Not genuine.</b> The record of this certificate was changed "
                           "after it was issued.")
        return self.tr("<b>Not found.</b> No certificate with this code was issued here. "
                       "Codes can only be checked on the computer (or server) that issued them.")
