"""Keeps an open final-assessment sitting in the store while it is sat: each answer committed
the moment it is given, the time used every few seconds and when the view goes away.

Synchronous on purpose: one short transaction (under a millisecond on SQLite in WAL mode), so
what the learner sees answered is on disk before the next event, whatever happens next.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.analytics import sittings as rules
from trainer.content.grading import is_answered
from trainer.ui.common.context import AppContext

translate = QCoreApplication.translate  # the texts belong to the assessment screen
SAVE_TIME_SECONDS = 5  # the time used is committed this often (and with every answer)


def clock_text(seconds: float) -> str:
    minutes, rest = divmod(int(seconds + 0.999), 60)
    return f"{minutes:02d}:{rest:02d}"


class SittingKeeper:
    """The open sitting of one view: its state as stored, and what is saved since."""

    def __init__(self, ctx: AppContext, owner: QWidget, state: Any) -> None:
        self.ctx, self.owner, self.state = ctx, owner, state
        self.saved: dict[str, Any] = dict(state.answers)  # exercise id → response committed
        self.opened = rules.clock()  # the time used counts from here on
        self.ticks = 0
        self.error: BaseException | None = None

    def used(self) -> float:
        """Seconds the sitting has been open, saved before plus since this view opened it."""
        return self.state.seconds_used + max(0.0, (rules.clock() - self.opened).total_seconds())

    def remaining(self) -> float | None:
        """Seconds left (None: no time limit), by the clock the pack chose."""
        return rules.time_left(self.state, rules.clock(), self.used() - self.state.seconds_used)

    def keep(self, exercise: Any, response: Any) -> None:
        """Commit one answer as given (an unanswered one as taken back); unchanged: nothing."""
        from trainer.store.sittings import save_answer

        if not is_answered(exercise, response):
            response = None
        if self.saved.get(exercise.id) == response:
            return
        sitting_id = self.state.id
        if self._write(lambda used: save_answer(self.ctx.db, sitting_id, exercise.id, response,
                                                seconds_used=used)):
            if response is None:
                self.saved.pop(exercise.id, None)
            else:
                self.saved[exercise.id] = response

    def tick(self) -> None:
        """Called every second: the time used is committed every ``SAVE_TIME_SECONDS``."""
        self.ticks += 1
        if self.ticks % SAVE_TIME_SECONDS == 0:
            self.save_time()

    def save_time(self) -> None:
        from trainer.store.sittings import save_time

        sitting_id = self.state.id
        self._write(lambda used: save_time(self.ctx.db, sitting_id, used))

    def _write(self, write: Any) -> bool:
        from trainer.ui.common.errors import present_error

        if self.ctx.read_only:
            return False
        try:
            write(round(self.used(), 3))
        except Exception as exc:  # noqa: BLE001 - shown once; the sitting goes on on screen
            if self.error is None:
                present_error(self.owner, exc)
            self.error = exc
            return False
        return True

    def ask_to_leave(self, action: str) -> bool:
        """Before quitting, signing out or leaving the module: say that the answers are kept
        and what the clock does meanwhile. True when the learner goes ahead."""
        self.save_time()
        owner = self.owner
        box = QMessageBox(QMessageBox.Icon.Question, translate("AssessmentView", "The assessment is still open"),
                          self.leave_text(), parent=owner)
        go = box.addButton({"quit": translate("AssessmentView", "Quit anyway"),
                            "sign_out": translate("AssessmentView", "Sign out anyway")}.get(
            action, translate("AssessmentView", "Leave the assessment")), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(translate("AssessmentView", "Continue the assessment"),
                             QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.setObjectName("leaveAssessment")
        box.exec()
        return box.clickedButton() is go

    def leave_text(self) -> str:
        left = self.remaining()
        if left is None:
            return translate("AssessmentView", "Your answers so far are saved, and the sitting "
                             "stays open: you continue it when you come back.")
        if self.state.clock == "pauses":
            text = translate("AssessmentView", "Your answers so far are saved, and the sitting "
                             "stays open: you continue it when you come back. The clock stops "
                             "while you are away (%1 left).")
        else:
            text = translate("AssessmentView", "Your answers so far are saved, and the sitting "
                             "stays open: you continue it when you come back. The clock keeps "
                             "running while you are away (%1 left now); when the time is up, "
                             "the saved answers are handed in.")
        return text.replace("%1", clock_text(left))
