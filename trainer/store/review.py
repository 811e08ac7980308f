"""Spaced review: one FSRS card per learner and exercise, updated with every graded answer.

Scheduling is the maintained ``fsrs`` package's (imported when the first answer is scheduled,
never at start-up); this module only maps a result to a rating and keeps the card:

- wrong (score 0) → Again; partly right (0 < score < 1) → Hard; right (score 1) → Good;
  right and quick (within ``QUICK_SECONDS`` of the exercise being shown) → Easy. An answer
  waiting for a trainer (no score) schedules nothing.
- an item is in the 错题本 (``wrong``) from a wrong or partly right answer until it is answered
  right twice in *spaced* answers: each at least ``SPACING`` after the item's previous answer.
- a clock that went backwards: a card whose last review lies after the answer is scheduled as
  if reviewed just now (never with a negative interval), and an item whose last review lies
  more than ``CLOCK_SLACK`` in the future counts as due, so no item hides or stays overdue
  forever because of a wrong clock.

The item is written in the attempt's own transaction (``note``, called by
``progress.record_attempt``); review answers are also marked in ``review_answers``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from trainer.store.db import Database
from trainer.store.errors import InvalidValue
from trainer.store.models import ReviewAnswer, ReviewItem
from trainer.store.types import as_utc, utcnow

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
KINDS: tuple[str, ...] = ("review", "daily", "notebook")
QUICK_SECONDS = 20.0
SPACING = timedelta(hours=20)
CLOCK_SLACK = timedelta(hours=1)
LEAVES_BOOK_AFTER = 2


@dataclass(frozen=True)
class ReviewNote:
    """Asks ``record_attempt`` to schedule the exercise; ``kind`` marks a review answer."""

    kind: str | None = None  # None: an ordinary practice answer


@dataclass(frozen=True)
class ItemInfo:
    pack_id: str
    exercise_id: str
    due: datetime
    last_review: datetime
    reviews: int
    wrong: bool
    spaced_right: int
    state: int  # fsrs State: 1 learning, 2 review, 3 relearning


def rating_for(score: float | None, seconds: float | None) -> int | None:
    """The FSRS rating of a result (None: not graded yet, nothing to schedule)."""
    if score is None:
        return None
    if score >= 1.0:
        quick = seconds is not None and 0 <= seconds <= QUICK_SECONDS
        return EASY if quick else GOOD
    return HARD if score > 0 else AGAIN


_scheduler: Any = None


def _fsrs() -> Any:
    """The scheduler, built once; without fuzzing, so one history gives one schedule."""
    global _scheduler
    if _scheduler is None:
        from fsrs import Scheduler

        _scheduler = Scheduler(enable_fuzzing=False)
    return _scheduler


def schedule(card: dict[str, Any] | None, rating: int, at: datetime
             ) -> tuple[dict[str, Any], datetime]:
    """The card after an answer rated ``rating`` at ``at``, and when it is due next."""
    from fsrs import Card, Rating

    at = as_utc(at)
    state = Card.from_dict({**card, "card_id": 1}) if card else Card(card_id=1, due=at)
    if state.last_review is not None and state.last_review > at:
        state.last_review = at  # the clock went back: no negative interval
    after, _log = _fsrs().review_card(state, Rating(rating), at)
    data = after.to_dict()
    data.pop("card_id", None)
    return data, as_utc(after.due)


@dataclass
class ItemState:
    """The columns of a review item that an answer changes (``advance``)."""

    card: dict[str, Any] | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reviews: int = 0
    wrong: bool = False
    spaced_right: int = 0


def advance(state: ItemState, rating: int, at: datetime) -> ItemState:
    """The item after an answer rated ``rating`` at ``at`` (pure: the store and demo data)."""
    at = as_utc(at)
    previous = as_utc(state.last_review) if state.last_review is not None else None
    card, due = schedule(state.card if previous else None, rating, at)
    wrong, spaced = state.wrong, state.spaced_right
    if rating <= HARD:
        wrong, spaced = True, 0
    elif wrong and previous is not None and at - previous >= SPACING:
        spaced += 1
        if spaced >= LEAVES_BOOK_AFTER:
            wrong, spaced = False, 0
    # last_review as this clock says, even when it went back (see the module docstring)
    return ItemState(card, due, at, state.reviews + 1, wrong, spaced)


def note(session: Session, learner_id: int, pack_id: str, exercise_id: str, attempt_id: Any,
         score: float | None, started_at: datetime, finished_at: datetime,
         review: ReviewNote) -> None:
    """Fold one graded answer into the learner's review item (in the caller's transaction)."""
    if review.kind is not None and review.kind not in KINDS:
        raise InvalidValue(f"A review answer is one of {', '.join(KINDS)}, not {review.kind!r}.")
    at = as_utc(finished_at)
    rating = rating_for(score, (at - as_utc(started_at)).total_seconds())
    if rating is None:
        return
    item = session.get(ReviewItem, (learner_id, pack_id, exercise_id))
    if item is None:
        item = ReviewItem(learner_id=learner_id, pack_id=pack_id, exercise_id=exercise_id)
        session.add(item)
        state = ItemState()
    else:
        state = ItemState(item.card, item.due, item.last_review, item.reviews, item.wrong,
                          item.spaced_right)
    after = advance(state, rating, at)
    item.card, item.due, item.last_review = after.card, after.due, after.last_review
    item.reviews, item.wrong, item.spaced_right = after.reviews, after.wrong, after.spaced_right
    item.retired_at = None
    if review.kind is not None:
        session.add(ReviewAnswer(attempt_id=attempt_id, learner_id=learner_id, kind=review.kind,
                                 rating=rating, answered_at=at))


def _info(row: ReviewItem) -> ItemInfo:
    return ItemInfo(row.pack_id, row.exercise_id, as_utc(row.due), as_utc(row.last_review),
                    row.reviews, row.wrong, row.spaced_right, int((row.card or {}).get("state", 1)))


def _due_filter(learner_id: int, now: datetime) -> list[Any]:
    return [ReviewItem.learner_id == learner_id, ReviewItem.retired_at.is_(None),
            or_(ReviewItem.due <= now, ReviewItem.last_review > now + CLOCK_SLACK)]


def due_items(db: Database, learner_id: int, now: datetime | None = None,
              limit: int | None = None) -> list[ItemInfo]:
    """Items due at ``now`` (not retired), the longest overdue first."""
    now = as_utc(now or utcnow())
    query = (select(ReviewItem).where(*_due_filter(learner_id, now))
             .order_by(ReviewItem.due, ReviewItem.pack_id, ReviewItem.exercise_id).limit(limit))
    with db.reader() as session:
        return [_info(row) for row in session.scalars(query)]


def items(db: Database, learner_id: int, *, wrong_only: bool = False) -> list[ItemInfo]:
    """Every live (not retired) item of the learner; ``wrong_only``: the 错题本's."""
    query = select(ReviewItem).where(ReviewItem.learner_id == learner_id,
                                     ReviewItem.retired_at.is_(None))
    if wrong_only:
        query = query.where(ReviewItem.wrong.is_(True))
    with db.reader() as session:
        return [_info(row) for row in session.scalars(
            query.order_by(ReviewItem.pack_id, ReviewItem.exercise_id))]


def retire(db: Database, learner_id: int, keys: list[tuple[str, str]]) -> int:
    """Retire items whose exercise no longer exists (kept, never shown); returns how many."""
    if not keys:
        return 0
    now = utcnow()
    done = 0
    with db.session() as session:
        for pack_id, exercise_id in keys:
            done += session.execute(
                update(ReviewItem).where(ReviewItem.learner_id == learner_id,
                                         ReviewItem.pack_id == pack_id,
                                         ReviewItem.exercise_id == exercise_id,
                                         ReviewItem.retired_at.is_(None))
                .values(retired_at=now)).rowcount or 0
    return done


def answer_times(db: Database, learner_id: int, since: datetime,
                 kind: str | None = None) -> list[datetime]:
    """When the learner gave review answers (of ``kind``) since ``since``, oldest first."""
    query = select(ReviewAnswer.answered_at).where(ReviewAnswer.learner_id == learner_id,
                                                   ReviewAnswer.answered_at >= as_utc(since))
    if kind is not None:
        query = query.where(ReviewAnswer.kind == kind)
    with db.reader() as session:
        return [as_utc(at) for at in session.scalars(query.order_by(ReviewAnswer.answered_at))]


def counts(session: Session) -> tuple[int, int, int]:
    """Review items, retired ones and review answers in the whole database (``db check``)."""
    total = session.scalar(select(func.count()).select_from(ReviewItem)) or 0
    retired = session.scalar(select(func.count()).select_from(ReviewItem)
                             .where(ReviewItem.retired_at.is_not(None))) or 0
    answers = session.scalar(select(func.count()).select_from(ReviewAnswer)) or 0
    return int(total), int(retired), int(answers)
