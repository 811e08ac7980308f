"""Page "review": 今日复习 or 每日一练, one question at a time with the course's own exercise
card and feedback. Answers are saved as review answers (``AttemptRecorder.review_kind``).

``open_payload("due")`` starts a review of every item due now across the installed courses;
``open_payload("daily")`` starts today's daily set (size: the ``daily_practice_size`` setting).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.context import AppContext
from trainer.ui.common.plain import plain_label
from trainer.ui.common.work import run_work
from trainer.ui.learner.exercises import ExerciseCard
from trainer.ui.learner.recorder import AttemptRecorder
from trainer.ui.learner.rendering import renderer
from trainer.ui.learner.style import apply_learner_style

MODES = ("due", "daily")


def build_session(ctx: AppContext, mode: str) -> list[Any]:
    """The questions of a session (off the GUI thread: packs may be parsed the first time)."""
    from trainer.analytics.review import daily_set, due_today

    user = ctx.user
    if user is None:
        return []
    packs = ctx.library.packs()
    if mode == "daily":
        return daily_set(ctx.db, user.id, packs, user.job_role,
                         int(ctx.settings.get("daily_practice_size")))
    return due_today(ctx.db, user.id, packs)


class ReviewSessionPage(QWidget):
    """Shows each question of the session in turn; Next (Ctrl+Enter) after the feedback."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mode = "due"
        self.entries: list[Any] = []
        self.index = 0
        self.right = 0
        self.card: ExerciseCard | None = None
        self.recorder: AttemptRecorder | None = None
        self.setObjectName("ReviewSessionPage")
        apply_learner_style(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.counter = QLabel()
        self.counter.setObjectName("subtitle")
        self.source = plain_label()
        self.source.setObjectName("cardMeta")
        self.source.setWordWrap(True)
        self.host = QVBoxLayout()
        self.done = QLabel()
        self.done.setObjectName("notice")
        self.done.setWordWrap(True)
        self.next_button = QPushButton()
        self.next_button.setObjectName("primary")
        self.next_button.clicked.connect(self.next_question)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(lambda: ctx.request_page("library"))
        QShortcut(QKeySequence("Ctrl+Return"), self, self.next_question)
        self._layout(ctx)
        self.retranslate()

    def _layout(self, ctx: AppContext) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.counter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addLayout(head)
        layout.addWidget(self.source)
        layout.addLayout(self.host)
        layout.addWidget(self.done)
        layout.addLayout(buttons)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(column)
        self.scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Daily practice") if self.mode == "daily"
                           else self.tr("Review due today"))
        self.back_button.setText(self.tr("Back to courses"))
        self.scroll.setAccessibleName(self.title.text())
        self._update_counter()
        last = self.index >= len(self.entries) - 1
        self.next_button.setText(self.tr("Finish") if last else self.tr("Next question"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- session -----------------------------------------------------------------------------

    def open_payload(self, payload: Any) -> None:
        self.start(payload if payload in MODES else "due")

    def start(self, mode: str) -> Any:
        """Build the session off the GUI thread, then show its first question."""
        self.mode, self.entries, self.index, self.right = mode, [], 0, 0
        self._clear_card()
        self.done.setText(self.tr("Loading questions…"))
        self.done.show()
        self.next_button.hide()
        self.retranslate()
        return run_work(self, self.ctx, lambda _p: build_session(self.ctx, mode),
                        show_progress=False, on_success=self._begin)

    def _begin(self, entries: list[Any]) -> None:
        self.entries = entries
        if not entries:
            self._finish(empty=True)
            return
        self.done.hide()
        self._show(0)

    def _clear_card(self) -> None:
        if self.card is not None:
            self.host.removeWidget(self.card)
            self.card.deleteLater()
            self.card = None

    def _show(self, index: int) -> None:
        self._clear_card()
        self.index = index
        entry = self.entries[index]
        self.source.setText(f"{entry.pack.title}  ·  {entry.module.title}")
        self.card = ExerciseCard(entry.exercise, renderer(entry.pack, entry.module))
        self.recorder = AttemptRecorder(self.ctx, entry.pack, self)  # outlives the card
        self.recorder.review_kind = self.mode if self.mode == "daily" else "review"
        self.recorder.attach(self.card)
        self.recorder.graded.connect(self._graded)
        self.host.addWidget(self.card)
        self.card.show()  # at once, not when the layout's queued show arrives
        self.next_button.hide()
        self.retranslate()
        self.card.input.setFocus()

    def _graded(self, _exercise_id: str, grade: Any) -> None:
        """Feedback is on the card; one answer per question, then Next."""
        if self.card is not None:
            self.card.retry_button.hide()
        self.right += bool(getattr(grade, "correct", False))
        self.next_button.show()
        self.next_button.setFocus()

    def next_question(self) -> None:
        if not self.next_button.isVisible():
            return
        if self.index + 1 < len(self.entries):
            self._show(self.index + 1)
        else:
            self._finish()

    def _finish(self, empty: bool = False) -> None:
        self._clear_card()
        self.source.clear()
        self.next_button.hide()
        if empty:
            text = (self.tr("Nothing to practise today: every course exercise is answered and "
                            "nothing is due.") if self.mode == "daily"
                    else self.tr("Nothing is due for review now. Well done!"))
        else:
            text = self.tr("Done: %1 of %2 answered right. Your answers are saved.") \
                .replace("%1", str(self.right)).replace("%2", str(len(self.entries)))
        self.done.setText(text)
        self.done.show()
        self.index = len(self.entries)
        self._update_counter()

    def _update_counter(self) -> None:
        if not self.entries or self.index >= len(self.entries):
            self.counter.clear()
            return
        self.counter.setText(self.tr("Question %1 of %2").replace("%1", str(self.index + 1))
                             .replace("%2", str(len(self.entries))))
