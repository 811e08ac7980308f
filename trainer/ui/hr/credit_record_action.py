"""Printing a 学时证明 (learning record) from the HR screens: ask the year and the file, issue
the record as the signed-in HR user (checked and audited by the service), write the PDF in the
background, and say where it went and which verification code it carries."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from trainer.ui.common.context import AppContext
from trainer.ui.common.counts import counts
from trainer.ui.common.work import Work, run_work

translate = QCoreApplication.translate


def this_year(ctx: AppContext) -> int:
    """The current year in the organisation's time zone (the rule's)."""
    from trainer.analytics.credits import current_rule

    return current_rule(ctx.db).local_date(datetime.now().astimezone()).year


def print_credit_record(ctx: AppContext, parent: QWidget | None, learner: Any, *,
                        year: int | None = None, path: Path | None = None) -> Work | None:
    """Ask (unless given) and write the learner's 学时证明 PDF; None when cancelled."""
    if year is None:
        year, ok = QInputDialog.getInt(
            parent, translate("CreditRecord", "Print learning record (学时证明)"),
            translate("CreditRecord", "Year of the credit hours to certify:"), this_year(ctx), 2000,
            2100)
        if not ok:
            return None
    if path is None:
        suggested = Path.home() / f"{learner.employee_no}-学时证明-{year}.pdf"
        name, _ = QFileDialog.getSaveFileName(
            parent, translate("CreditRecord", "Save learning record"), str(suggested),
            translate("CreditRecord", "PDF documents (*.pdf)"))
        if not name:
            return None
        path = Path(name)
    db, paths, user, library, target = ctx.db, ctx.paths, ctx.user, ctx.library, path

    def work(_progress: Any) -> Any:
        from trainer.analytics.credit_records import issue_record
        from trainer.reports.credit_record import write_record_pdf

        record = issue_record(db, paths, learner.id, year, library.packs(), actor=user)
        write_record_pdf([record], target)
        return record

    def done(record: Any) -> None:
        text = translate("CreditRecord", "Saved %1.\n%2: %3 in %4.\nVerification code: %5")
        for key, value in (("%1", str(target)), ("%2", record.name),
                           ("%3", counts().credit_hours(record.hours)), ("%4", str(year)),
                           ("%5", record.code)):
            text = text.replace(key, value)
        QMessageBox(QMessageBox.Icon.Information,
                    translate("CreditRecord", "Learning record saved"), text,
                    QMessageBox.StandardButton.Ok, parent).exec()

    return run_work(parent, ctx, work, title=translate("CreditRecord", "Writing the learning "
                                                                      "record…"),
                    on_success=done)
