"""Drill-down from the HR table: one learner's own dashboard, as they see it, in a dialog.

The learner area's ``DashboardPage`` shows "the signed-in learner"; here it gets a view of the
app context in which that learner is the subject, while the real context (database, library,
signals) stays shared. Navigation requests from inside are ignored: HR stays on their page.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from trainer.ui.common.context import AppContext


class SubjectContext:
    """The app context, except that ``user`` is the learner being looked at."""

    def __init__(self, ctx: AppContext, subject: Any) -> None:
        self._ctx = ctx
        self.user = subject
        self.viewer = ctx.user  # who is looking: the dashboard names the learner, not "me"

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ctx, name)

    def has_role(self, *roles: str) -> bool:
        return not roles or getattr(self.user, "role", None) in roles

    def request_page(self, key: str, payload: Any = None) -> None:
        """Ignored: opening a lesson would take HR away from the report."""


class LearnerDashboardDialog(QDialog):
    """A learner's dashboard for HR, read-only in spirit (nothing here changes records)."""

    def __init__(self, ctx: AppContext, learner_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from trainer.store.learners import get_learner
        from trainer.ui.learner.dashboard import DashboardPage

        self._ctx = ctx
        self.learner = get_learner(ctx.db, learner_id)
        self.setWindowTitle(self.tr("%1 (%2) — progress").replace("%1", self.learner.name)
                            .replace("%2", self.learner.employee_no))
        self.page = DashboardPage(SubjectContext(ctx, self.learner), self)  # type: ignore[arg-type]
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.record_button = buttons.addButton(self.tr("Print learning record…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.record_button.setToolTip(self.tr("The learning record of a year: courses, dates, "
                                              "credit hours and assessment results, with a "
                                              "verification code"))
        self.record_button.clicked.connect(self.print_record)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(buttons)
        self.resize(960, 720)

    def print_record(self) -> None:
        from trainer.ui.hr.credit_record_action import print_credit_record

        print_credit_record(self._ctx, self, self.learner)
