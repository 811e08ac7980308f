"""Importing a plan file from the HR screen: read and check it off the GUI thread; a plan signed
by a computer this database does not know yet is imported only after HR compares its key and
says yes (the same trust rule as progress bundles, and the same transaction)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.ui.common.errors import present_error
from trainer.ui.common.work import Work, run_work

translate = QCoreApplication.translate
PLANS = "plans"


def import_plan_with_dialog(parent: QWidget, ctx: Any, path: Path, *,
                            trust: bool = False) -> Work:
    """Import ``path``; asks before trusting a new device, then says what happened."""
    db, packs, actor = ctx.db, ctx.library.packs(), ctx.user

    def work(_progress: Any) -> Any:
        from trainer.analytics.plan_report import plan_catalogue
        from trainer.exchange.plan_files import import_plan_file

        courses, roles = plan_catalogue(packs)
        return import_plan_file(db, path, actor=actor, courses=courses, roles=roles,
                                trust_new_device=trust)

    def failed(exc: BaseException) -> None:
        from trainer.exchange.errors import UnknownDevice

        if isinstance(exc, UnknownDevice) and ask_trust(parent, exc):
            import_plan_with_dialog(parent, ctx, path, trust=True)
            return
        present_error(parent, exc)

    return run_work(parent, ctx, work, title=translate("PlanImport", "Importing %1…")
                    .replace("%1", path.name), changes=PLANS,
                    on_success=lambda found: _done(parent, found), on_failure=failed)


def ask_trust(parent: QWidget, exc: Any) -> bool:
    """Yes only when HR confirms the key matches the other computer's (tests replace this)."""
    answer = QMessageBox.question(
        parent, translate("PlanImport", "Trust this computer?"),
        translate("PlanImport", "The plan was signed by %1, which this computer does not know "
                  "yet. Its key is %2: compare it with the key that computer shows ('trainer "
                  "progress device'). Trust it and import the plan?")
        .replace("%1", exc.device_name).replace("%2", exc.fingerprint),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def _done(parent: QWidget, found: Any) -> None:
    outcome, spec, signer = found
    texts = {"created": translate("PlanImport", "Added the plan %1 (signed by %2)."),
             "updated": translate("PlanImport", "Updated the plan %1 (signed by %2)."),
             "unchanged": translate("PlanImport", "The plan %1 is already up to date here "
                                    "(signed by %2).")}
    QMessageBox(QMessageBox.Icon.Information, translate("PlanImport", "Plan imported"),
                texts[outcome].replace("%1", spec.name).replace("%2", signer.name),
                QMessageBox.StandardButton.Ok, parent).exec()
