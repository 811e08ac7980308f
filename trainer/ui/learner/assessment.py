"""The final assessment: optional time limit, no feedback until handed in, then the result.

Every answer of one sitting is saved with the same ``started_at`` (the sitting's start), so
analytics can tell sittings apart.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.content.grading import is_answered
from trainer.ui.common.context import AppContext
from trainer.ui.common.plain import plain_label
from trainer.ui.common.readonly import block_when_read_only
from trainer.ui.learner.exercises import ExerciseCard, FeedbackMode
from trainer.ui.learner.recorder import AttemptRecorder
from trainer.ui.learner.rendering import BackgroundRender, watch_card
from trainer.ui.learner.segments import scenario
from trainer.ui.learner.sitting import SittingResult, percent_text, sitting_result


def _label(text: str = "", name: str = "") -> QLabel:
    """Plain text (module titles, competency names come from the pack); the rich intro says so."""
    label = plain_label(text, name)
    label.setWordWrap(True)
    return label


def _scrolling(widget: QWidget, name: str) -> QScrollArea:
    """``widget`` in a page that scrolls; ``name`` is what a screen reader calls the page."""
    area = QScrollArea()
    area.setAccessibleName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    widget.setMaximumWidth(860)
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.addWidget(widget)
    area.setWidget(holder)
    return area


class AssessmentView(QWidget):
    """Intro → questions (with a countdown when the pack sets a limit) → result and review."""

    navigate = Signal(int)
    finished = Signal(object)  # SittingResult

    def __init__(self, ctx: AppContext, pack: Any, module: Any, render: Any, *,
                 has_previous: bool, has_next: bool, font_size: int, earlier: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.pack, self.module, self.render = ctx, pack, module, render
        self.background = BackgroundRender(render, ctx)  # long text: rendered by a worker
        self.has_previous, self.has_next = has_previous, has_next
        self.cards: dict[str, ExerciseCard] = {}
        self.result: SittingResult | None = None
        self.earlier = earlier  # analytics' AssessmentResult of earlier sittings, or None
        self.passed_once = bool(earlier is not None and earlier.passed)
        self.handed_in = earlier is not None  # a sitting was handed in (now or before)
        self.started_at: datetime | None = None
        self._deadline: float | None = None
        self.recorder = AttemptRecorder(ctx, pack, self)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_intro())
        self.exam_page = QWidget()
        self.result_page = QWidget()
        self.pages.addWidget(self.exam_page)
        self.pages.addWidget(self.result_page)
        QVBoxLayout(self).addWidget(self.pages)
        self.background.start(self)

    # --- intro --------------------------------------------------------------------------------

    def _build_intro(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setSpacing(14)
        layout.addWidget(_label(self.module.title, "pageTitle"))
        facts = [self.tr("%n question(s)", "", len(self.module.exercises))]
        if self.module.time_limit:
            facts.append(self.tr("time limit %n minute(s)", "", int(self.module.time_limit)))
        facts.append(self.tr("pass mark %1%").replace("%1", str(self.pass_mark())))
        layout.addWidget(_label("  ·  ".join(facts), "cardMeta"))
        intro = scenario(self.module)  # the text before the first question
        if intro.strip():
            text = _label(self.background(intro), "intro")
            text.setTextFormat(Qt.TextFormat.RichText)
            self.background.when_ready(intro, text.setText)
            layout.addWidget(text)
        layout.addWidget(_label(self.tr(
            "You see whether your answers are right only after handing in. You can take the "
            "assessment again; your best result counts."), "subtitle"))
        if self.earlier is not None:
            text = (self.tr("Your result so far: %1% (passed)") if self.earlier.passed
                    else self.tr("Your result so far: %1% (not passed yet)"))
            self.earlier_label = _label(text.replace("%1", percent_text(self.earlier.score)),
                                        "verdict")
            layout.addWidget(self.earlier_label)
        self.start_button = QPushButton(self.tr("Start the assessment"))
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(self.start)
        block_when_read_only(self.ctx, self.start_button, self)
        row = QHBoxLayout()
        previous = QPushButton(self.tr("← Previous"))
        previous.setEnabled(self.has_previous)
        previous.clicked.connect(lambda: self.navigate.emit(-1))
        row.addWidget(previous)
        row.addStretch(1)
        row.addWidget(self.start_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return _scrolling(column, str(self.module.title))

    def in_progress(self) -> bool:
        """A sitting has started and is not handed in yet."""
        return self.started_at is not None

    def pass_mark(self) -> int:
        mark = self.module.pass_mark
        return int(mark if mark is not None else self.pack.pass_mark)

    # --- sitting ------------------------------------------------------------------------------

    def start(self) -> None:
        """A new sitting: fresh shuffles, the clock starts."""
        self.started_at = datetime.now(UTC)
        self.cards.clear()
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setSpacing(14)
        self.timer_label = _label("", "timer")
        self.answered_label = _label("", "cardMeta")
        self.hand_in = QPushButton(self.tr("Hand in"))
        self.hand_in.setObjectName("primary")
        self.hand_in.clicked.connect(lambda: self.finish(confirm=True))
        for number, exercise in enumerate(self.module.exercises, 1):
            card = ExerciseCard(exercise, self.background, number, FeedbackMode.EXAM)
            watch_card(self.background, card)
            card.input.changed.connect(self._update_answered)
            card.retried.connect(self._update_answered)
            self.cards[exercise.id] = card
            layout.addWidget(card)
        bottom = QHBoxLayout()
        bottom.addWidget(self.answered_label, 1)
        bottom.addWidget(self.hand_in)
        layout.addLayout(bottom)
        layout.addStretch(1)
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(_label(self.module.title, "sectionTitle"), 1)
        top.addWidget(self.timer_label)
        page_layout.addLayout(top)
        page_layout.addWidget(_scrolling(column, self.tr("Questions")))
        self._replace(1, page)
        self._deadline = (time.monotonic() + self.module.time_limit * 60
                          if self.module.time_limit else None)
        self._tick()
        self._update_answered()
        if self._deadline is not None:
            self.timer.start()
        self.background.start(self)

    def _replace(self, index: int, page: QWidget) -> None:
        old = self.pages.widget(index)
        self.pages.insertWidget(index, page)
        self.pages.removeWidget(old)
        old.deleteLater()
        self.pages.setCurrentIndex(index)
        if index == 1:
            self.exam_page = page
        else:
            self.result_page = page

    def remaining(self) -> float | None:
        return None if self._deadline is None else max(0.0, self._deadline - time.monotonic())

    def _tick(self) -> None:
        left = self.remaining()
        if left is None:
            self.timer_label.setText("")
            return
        minutes, seconds = divmod(int(left + 0.999), 60)
        self.timer_label.setText(self.tr("Time left %1").replace("%1", f"{minutes:02d}:{seconds:02d}"))
        if left <= 0:
            self.finish(confirm=False, timed_out=True)

    def _update_answered(self) -> None:
        done = sum(1 for c in self.cards.values() if is_answered(c.exercise, c.response()))
        self.answered_label.setText(self.tr("Answered %1 of %2").replace("%1", str(done))
                                    .replace("%2", str(len(self.cards))))

    def finish(self, confirm: bool = True, timed_out: bool = False) -> None:
        """Hand in: grade everything, save each answer with the sitting's start, show the result."""
        from trainer.content.grading import grade

        if self.started_at is None:
            return
        missing = sum(1 for c in self.cards.values() if not is_answered(c.exercise, c.response()))
        if confirm and missing and QMessageBox.question(
                self, self.tr("Hand in"),
                self.tr("%n question(s) have no answer yet. Hand in anyway?", "", missing)
        ) != QMessageBox.StandardButton.Yes:
            return
        self.timer.stop()
        finished_at = datetime.now(UTC)
        scores: dict[str, float | None] = {}
        answered: set[str] = set()
        user = self.ctx.user
        for exercise_id, card in self.cards.items():
            response = card.response()
            result = grade(card.exercise, response)  # no response: unanswered, 0
            card.show_grade(result)  # the review: right answer and explanation for every one
            if not result.answered or response is None:
                continue
            scores[exercise_id] = result.score
            answered.add(exercise_id)
            if user is not None:
                self.recorder.save(user.id, card.exercise, response, result.score,
                                   self.started_at, finished_at)
        for card in self.cards.values():
            card.input.set_locked(True)
        self.started_at = None
        self.timer_label.hide()  # the countdown ends with the sitting
        self.result = sitting_result(self.pack, self.module, scores, answered)
        self.passed_once = self.passed_once or self.result.passed
        self.handed_in = True
        self._show_result(self.result, timed_out)
        self.finished.emit(self.result)

    # --- result -------------------------------------------------------------------------------

    def _show_result(self, result: SittingResult, timed_out: bool) -> None:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setSpacing(12)
        layout.addWidget(_label(self.module.title, "pageTitle"))
        if timed_out:
            layout.addWidget(_label(self.tr("Time is up; your answers were handed in."), "hint"))
        layout.addWidget(_label(f"{percent_text(result.percent)}%", "resultScore"))
        verdict = (self.tr("Passed. Well done!") if result.passed else
                   self.tr("Not passed yet: the pass mark is %1%. Review the answers and try again.")
                   .replace("%1", str(result.pass_mark)))
        self.verdict_label = _label(verdict, "verdict")
        layout.addWidget(self.verdict_label)
        layout.addWidget(_label(self.tr("Answered %1 of %2").replace("%1", str(result.answered))
                                .replace("%2", str(result.total)), "cardMeta"))
        if result.pending:
            layout.addWidget(_label(self.tr("%n written answer(s) wait for a trainer's score.", "",
                                            result.pending), "hint"))
        layout.addWidget(_label(self.tr("By competency"), "sectionTitle"))
        layout.addLayout(self._competency_grid(result))
        review = QPushButton(self.tr("Review answers and explanations"))
        review.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        again = QPushButton(self.tr("Take it again"))
        again.clicked.connect(self.start)
        block_when_read_only(self.ctx, again, again)
        self.hand_in.hide()
        back = QPushButton(self.tr("Back to the result"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(2))
        self.exam_page.layout().addWidget(back, 0, Qt.AlignmentFlag.AlignRight)
        row = QHBoxLayout()
        row.addWidget(review)
        row.addWidget(again)
        row.addStretch(1)
        if self.has_next:
            next_button = QPushButton(self.tr("Next →"))
            next_button.clicked.connect(lambda: self.navigate.emit(1))
            row.addWidget(next_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self._replace(2, _scrolling(column, self.tr("Result")))

    def _competency_grid(self, result: SittingResult) -> QGridLayout:
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(14)
        for row, item in enumerate(result.competencies):
            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setValue(round(item.percent))
            bar.setTextVisible(False)
            bar.setAccessibleName(item.title)
            grid.addWidget(_label(item.title), row, 0)
            grid.addWidget(bar, row, 1)
            grid.addWidget(QLabel(f"{item.percent:g}%"), row, 2)
        return grid

    def status(self) -> str | None:
        """The module is done once a sitting has been handed in (passing is its score's word)."""
        return "completed" if self.passed_once or self.handed_in else None
