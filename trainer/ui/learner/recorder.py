"""Grades what a learner submits and saves it through the store at once (practice mode)."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from trainer.ui.common.context import ATTEMPTS, AppContext
from trainer.ui.common.readonly import cannot_save_note, cannot_save_tip
from trainer.ui.common.work import run_work
from trainer.ui.learner.exercises import ExerciseCard

log = logging.getLogger(__name__)


class AttemptRecorder(QObject):
    """Connects exercise cards to grading and the store; the cards themselves never save."""

    saved = Signal(str, object)  # exercise id, AttemptInfo
    graded = Signal(str, object)  # exercise id, Grade (before the save has finished)

    def __init__(self, ctx: AppContext, pack: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pack = pack
        self.pending = 0
        self.review_kind: str | None = None  # "review" | "daily" | "notebook": a review answer
        self.cards: list[ExerciseCard] = []
        ctx.readOnly.connect(self._block_cards)

    def attach(self, card: ExerciseCard) -> None:
        card.submitted.connect(partial(self.submit, card))
        self.cards.append(card)
        if self.ctx.read_only:
            card.block_saving(cannot_save_note(), cannot_save_tip())

    def _block_cards(self) -> None:
        """The database has turned read-only: no card offers an answer it cannot save."""
        for card in self.cards:
            if shiboken6.isValid(card):
                card.block_saving(cannot_save_note(), cannot_save_tip())

    def submit(self, card: ExerciseCard, response: dict[str, Any]) -> None:
        """Grade now (the learner sees feedback at once), save in the background."""
        from trainer.content.grading import grade

        exercise = card.exercise
        result = grade(exercise, response)
        card.show_grade(result)
        self.graded.emit(exercise.id, result)
        user = self.ctx.user
        if user is None:
            return
        self.save(user.id, exercise, response, result.score, card.started_at)

    def save(self, learner_id: int, exercise: Any, response: dict[str, Any],
             score: float | None, started_at: Any, finished_at: Any = None) -> None:
        from trainer.analytics.review import review_note
        from trainer.store.progress import record_attempt

        db, pack = self.ctx.db, self.pack
        review = review_note(pack, exercise.id, self.review_kind)  # practice answers only

        def work(_progress: Any) -> Any:
            return record_attempt(db, learner_id, pack.id, pack.version, exercise.id, response,
                                  score, dict(exercise.weights), started_at, finished_at,
                                  review=review)

        self.pending += 1
        job = run_work(None, self.ctx, work, show_progress=False, changes=ATTEMPTS,
                       on_success=lambda info: self.saved.emit(exercise.id, info))
        job.finished.connect(self._finished)

    def _finished(self) -> None:
        self.pending -= 1


def last_responses(ctx: AppContext, learner_id: int, pack_id: str) -> dict[str, Any]:
    """The most recent attempt per exercise id, to show answers as they were left."""
    from trainer.store.progress import attempts

    latest: dict[str, Any] = {}
    for attempt in attempts(ctx.db, learner_id, pack_id):
        latest[attempt.exercise_id] = attempt
    return latest
