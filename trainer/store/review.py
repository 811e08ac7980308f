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

from sqlalchemy import bindparam, func, insert, or_, select, update
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


_ITEMS = ReviewItem.__table__
_KEY = (_ITEMS.c.learner_id == bindparam("k_learner"), _ITEMS.c.pack_id == bindparam("k_pack"),
        _ITEMS.c.exercise_id == bindparam("k_exercise"))
_STATE = ("card", "due", "last_review", "reviews", "wrong", "spaced_right")
# Core statements built once: this runs on every answer (DESIGN §6: p95 under 10 ms)
_GET = select(*(_ITEMS.c[name] for name in _STATE)).where(*_KEY)
_UPDATE = update(_ITEMS).where(*_KEY).values(
    {**{name: bindparam(name) for name in _STATE}, "retired_at": None})
_INSERT = insert(_ITEMS)
_MARK = insert(ReviewAnswer.__table__)


def note(session: Session, learner_id: int, pack_id: str, exercise_id: str, attempt_id: Any,
         score: float | None, started_at: datetime, finished_at: datetime,
         review: ReviewNote) -> None:
    """Fold one graded answer into the learner's review item (in the caller's transaction,
    after the attempt is flushed: the review mark refers to it)."""
    if review.kind is not None and review.kind not in KINDS:
        raise InvalidValue(f"A review answer is one of {', '.join(KINDS)}, not {review.kind!r}.")
    at = as_utc(finished_at)
    rating = rating_for(score, (at - as_utc(started_at)).total_seconds())
    if rating is None:
        return
    connection = session.connection()
    key = {"k_learner": learner_id, "k_pack": pack_id, "k_exercise": exercise_id}
    found = connection.execute(_GET, key).first()
    after = advance(ItemState(*found) if found is not None else ItemState(), rating, at)
    values = {name: getattr(after, name) for name in _STATE}
    if found is None:
        connection.execute(_INSERT, {"learner_id": learner_id, "pack_id": pack_id,
                                     "exercise_id": exercise_id, **values})
    else:
        connection.execute(_UPDATE, {**key, **values})
    if review.kind is not None:
        connection.execute(_MARK, {"attempt_id": attempt_id, "learner_id": learner_id,
                                   "kind": review.kind, "rating": rating, "answered_at": at})


_COLUMNS = (ReviewItem.pack_id, ReviewItem.exercise_id, ReviewItem.due, ReviewItem.last_review,
            ReviewItem.reviews, ReviewItem.wrong, ReviewItem.spaced_right)


def _infos(session: Session, query: Any) -> list[ItemInfo]:
    """Rows of ``_COLUMNS`` as ItemInfo (the cards themselves are not read: lists stay quick)."""
    return [ItemInfo(pack, exercise, due, last, reviews, bool(wrong), spaced)  # aware UTC
            for pack, exercise, due, last, reviews, wrong, spaced
            in session.connection().execute(query)]


def _due_filter(learner_id: int, now: datetime) -> list[Any]:
    return [ReviewItem.learner_id == learner_id, ReviewItem.retired_at.is_(None),
            or_(ReviewItem.due <= now, ReviewItem.last_review > now + CLOCK_SLACK)]


def due_items(db: Database, learner_id: int, now: datetime | None = None,
              limit: int | None = None) -> list[ItemInfo]:
    """Items due at ``now`` (not retired), the longest overdue first."""
    now = as_utc(now or utcnow())
    query = (select(*_COLUMNS).where(*_due_filter(learner_id, now))
             .order_by(ReviewItem.due, ReviewItem.pack_id, ReviewItem.exercise_id).limit(limit))
    with db.reader() as session:
        return _infos(session, query)


def count_items(db: Database, learner_id: int, pack_ids: list[str],
                now: datetime | None = None, *, wrong: bool = False) -> int:
    """How many live items of these packs are due at ``now`` (``wrong``: are in the 错题本)."""
    now = as_utc(now or utcnow())
    where = (_due_filter(learner_id, now) if not wrong else
             [ReviewItem.learner_id == learner_id, ReviewItem.retired_at.is_(None),
              ReviewItem.wrong.is_(True)])
    query = select(func.count()).select_from(ReviewItem).where(
        *where, ReviewItem.pack_id.in_(pack_ids))
    with db.reader() as session:
        return int(session.connection().execute(query).scalar() or 0)


def keys(db: Database, learner_id: int) -> set[tuple[str, str]]:
    """(pack id, exercise id) of every live (not retired) item of the learner."""
    query = select(ReviewItem.pack_id, ReviewItem.exercise_id).where(
        ReviewItem.learner_id == learner_id, ReviewItem.retired_at.is_(None))
    with db.reader() as session:
        return {(pack, exercise) for pack, exercise in session.connection().execute(query)}


def items(db: Database, learner_id: int, *, wrong_only: bool = False) -> list[ItemInfo]:
    """Every live (not retired) item of the learner; ``wrong_only``: the 错题本's."""
    query = select(*_COLUMNS).where(ReviewItem.learner_id == learner_id,
                                    ReviewItem.retired_at.is_(None))
    if wrong_only:
        query = query.where(ReviewItem.wrong.is_(True))
    with db.reader() as session:
        return _infos(session, query.order_by(ReviewItem.pack_id, ReviewItem.exercise_id))


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


def answer_times(db: Database, learner_id: int, since: datetime, kind: str | None = None,
                 until: datetime | None = None) -> list[datetime]:
    """When the learner gave review answers (of ``kind``) from ``since`` up to ``until``."""
    query = select(ReviewAnswer.answered_at).where(ReviewAnswer.learner_id == learner_id,
                                                   ReviewAnswer.answered_at >= as_utc(since))
    if until is not None:
        query = query.where(ReviewAnswer.answered_at < as_utc(until))
    if kind is not None:
        query = query.where(ReviewAnswer.kind == kind)
    with db.reader() as session:
        return [at for (at,) in session.connection().execute(
            query.order_by(ReviewAnswer.answered_at))]


def counts(session: Session) -> tuple[int, int, int]:
    """Review items, retired ones and review answers in the whole database (``db check``)."""
    total = session.scalar(select(func.count()).select_from(ReviewItem)) or 0
    retired = session.scalar(select(func.count()).select_from(ReviewItem)
                             .where(ReviewItem.retired_at.is_not(None))) or 0
    answers = session.scalar(select(func.count()).select_from(ReviewAnswer)) or 0
    return int(total), int(retired), int(answers)
