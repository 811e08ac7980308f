"""The final assessment: optional time limit, no feedback until handed in, then the result.

A sitting survives the window: it is recorded when it starts, each answer is committed as it is
given and the time used every few seconds (``analytics.sittings``), so a learner who comes back
after a crash or after closing anyway continues the same sitting. At hand-in its answers become
attempts sharing the sitting's ``started_at``, so analytics can tell sittings apart.
"""

from __future__ import annotations

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

from trainer.analytics import sittings as rules
from trainer.content.grading import is_answered
from trainer.ui.common.context import ATTEMPTS, AppContext
from trainer.ui.common.plain import plain_label
from trainer.ui.common.readonly import block_when_read_only
from trainer.ui.learner.exercises import ExerciseCard, FeedbackMode
from trainer.ui.learner.rendering import BackgroundRender, watch_card
from trainer.ui.learner.segments import scenario
from trainer.ui.learner.sitting import SittingResult, percent_text, sitting_result
from trainer.ui.learner.sitting_keeper import SittingKeeper, clock_text


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
                 resumed: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.pack, self.module, self.render = ctx, pack, module, render
        self.background = BackgroundRender(render, ctx)  # long text: rendered by a worker
        self.has_previous, self.has_next = has_previous, has_next
        self.cards: dict[str, ExerciseCard] = {}
        self.result: SittingResult | None = None
        self.earlier = earlier  # analytics' AssessmentResult of earlier sittings, or None
        self.passed_once = bool(earlier is not None and earlier.passed)
        self.handed_in = earlier is not None  # a sitting was handed in (now or before)
        # analytics.sittings.Resumed: an open sitting to continue, or one handed in while away
        self.resumed = resumed
        self.keeper: SittingKeeper | None = None  # the open sitting, kept in the store
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
        if resumed is not None and resumed.open is not None:
            self._open(resumed.open)

    # --- intro --------------------------------------------------------------------------------

    def _build_intro(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setSpacing(14)
        layout.addWidget(_label(self.module.title, "pageTitle"))
        facts = [self.tr("%n question(s)", "", self.module.sitting_size)]
        if self.module.draw:  # a question pool: each sitting draws its own
            facts.append(self.tr("drawn at random from %n", "", len(self.module.exercises)))
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
        if self.resumed is not None and self.resumed.handed_in:
            layout.addWidget(_label(self.tr(
                "The time ran out while you were away; the answers you had given were handed "
                "in."), "hint"))
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

    @property
    def sitting(self) -> Any:
        """The open sitting as stored (``store.sittings.SittingState``), or None."""
        return self.keeper.state if self.keeper is not None else None

    def in_progress(self) -> bool:
        """A sitting has started and is not handed in yet."""
        return self.keeper is not None

    def pass_mark(self) -> int:
        mark = self.module.pass_mark
        return int(mark if mark is not None else self.pack.pass_mark)

    # --- sitting ------------------------------------------------------------------------------

    def start(self) -> None:
        """A new sitting: recorded in the store first (so it can be resumed), fresh shuffles,
        the clock starts."""
        from trainer.ui.common.errors import present_error

        user = self.ctx.user
        if user is None:
            return
        try:
            state = rules.begin(self.ctx.db, user.id, self.pack, self.module)
        except Exception as exc:  # noqa: BLE001 - e.g. read-only database: no sitting starts
            present_error(self, exc)
            return
        self._open(state)

    def _open(self, state: Any) -> None:
        """Show the questions of ``state`` (new, or resumed with its saved answers)."""
        self.keeper = SittingKeeper(self.ctx, self, state)
        self.cards.clear()
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setSpacing(14)
        self.timer_label = _label("", "timer")
        self.answered_label = _label("", "cardMeta")
        self.hand_in = QPushButton(self.tr("Hand in"))
        self.hand_in.setObjectName("primary")
        self.hand_in.clicked.connect(lambda: self.finish(confirm=True))
        if state.answers:
            layout.addWidget(_label(self.tr(
                "You are back in the sitting you started; the answers you gave are kept."),
                "hint"))
        for number, exercise in enumerate(rules.questions(self.module, state), 1):
            card = ExerciseCard(exercise, self.background, number, FeedbackMode.EXAM)
            watch_card(self.background, card)
            saved = state.answers.get(exercise.id)
            if isinstance(saved, dict):
                card.restore(saved, None)
            card.input.changed.connect(self._update_answered)
            card.retried.connect(self._update_answered)
            card.input.changed.connect(lambda c=card: self._keep_answer(c))  # saved at once
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
        self._update_answered()
        self.timer.start()  # the countdown, and the time used saved every few seconds
        self._tick()
        self.background.start(self)

    # --- saving as it goes (SittingKeeper) ----------------------------------------------------

    def _keep_answer(self, card: ExerciseCard) -> None:
        if self.keeper is not None:
            self.keeper.keep(card.exercise, card.response())

    def save_time(self) -> None:
        if self.keeper is not None:
            self.keeper.save_time()

    def suspend(self) -> None:
        """The view is going away with the sitting open (another module, sign-out, quit):
        save the time and stop the clock here; the sitting stays open in the store."""
        if self.keeper is not None:
            self.keeper.save_time()
            self.timer.stop()

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
        return self.keeper.remaining() if self.keeper is not None else None

    def _tick(self) -> None:
        if self.keeper is None:
            return
        self.keeper.tick()
        left = self.remaining()
        if left is None:
            self.timer_label.setText("")
            return
        self.timer_label.setText(self.tr("Time left %1").replace("%1", clock_text(left)))
        if left <= 0:
            self.finish(confirm=False, timed_out=True)

    def _update_answered(self) -> None:
        done = sum(1 for c in self.cards.values() if is_answered(c.exercise, c.response()))
        self.answered_label.setText(self.tr("Answered %1 of %2").replace("%1", str(done))
                                    .replace("%2", str(len(self.cards))))

    def finish(self, confirm: bool = True, timed_out: bool = False) -> None:
        """Hand in: grade everything, save the answers and the hand-in in one transaction, show
        the result and the review."""
        from trainer.ui.common.errors import present_error

        if self.keeper is None:
            return
        missing = sum(1 for c in self.cards.values() if not is_answered(c.exercise, c.response()))
        if confirm and missing and QMessageBox.question(
                self, self.tr("Hand in"),
                self.tr("%n question(s) have no answer yet. Hand in anyway?", "", missing)
        ) != QMessageBox.StandardButton.Yes:
            return
        self.timer.stop()
        answers = {i: c.response() for i, c in self.cards.items() if c.response() is not None}
        try:
            graded, _ = rules.hand_in(self.ctx.db, self.module, self.sitting, answers,
                                      rules.clock())
        except Exception as exc:  # noqa: BLE001 - nothing is lost: the sitting stays open
            present_error(self, exc)
            self.timer.start()
            return
        self.ctx.notify(ATTEMPTS)
        for exercise_id, card in self.cards.items():
            card.show_grade(graded.grades[exercise_id])  # the review: every answer explained
            card.input.set_locked(True)
        self.keeper = None
        self.timer_label.hide()  # the countdown ends with the sitting
        self.result = sitting_result(self.pack, self.module, graded.scores, set(graded.scores),
                                     [c.exercise for c in self.cards.values()])
        self.passed_once = self.passed_once or self.result.passed
        self.handed_in = True
        self._show_result(self.result, timed_out)
        self.finished.emit(self.result)

    def may_leave(self, action: str) -> bool:
        """Ask before quitting, signing out or leaving the module with the sitting open."""
        return self.keeper is None or self.keeper.ask_to_leave(action)

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
        """The final is completed only once a sitting passed (a failed one is 未通过, as
        ``analytics.assessment.shown_status`` and HR's figures say); until then it is studied."""
        return "completed" if self.passed_once else None
