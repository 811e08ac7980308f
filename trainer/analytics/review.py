"""Spaced review for a learner: 今日复习 (due items), 每日一练 (the daily set), streak and calendar.

The store keeps one FSRS card per learner and exercise (``trainer.store.review``); this module
joins the cards to the installed packs. Rules:

- every *practice* exercise (lessons and cases) becomes a review item when answered; a
  final-assessment question never does: its answers are sittings, so a review answer would count
  as a new sitting in HR's pass figures. Whether a final was handed in decides only whether its
  wrong answers may be *read* in the 错题本 (``trainer.analytics.notebook``).
- an item whose exercise vanished from the installed version of its pack is retired quietly
  (kept, counted by ``trainer db check``, never shown); items of a pack that is not installed are
  left alone until it is.
- the daily set holds ``size`` questions: half of them (rounded up) due reviews, the rest
  exercises the learner has never answered, from the competencies furthest below their role's
  target (``recommend``); when either kind runs short the other fills the set.
- a day counts as practised when the learner gave at least one review answer (review session,
  daily set or a redo from the 错题本) that local day.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from trainer.content.model import Exercise, Module, Pack
from trainer.store import review as store_review
from trainer.store.errors import StoreError
from trainer.store.review import ItemInfo, ReviewNote
from trainer.store.types import utcnow

log = logging.getLogger(__name__)
PRACTICE_KINDS = ("lesson", "case")
DEFAULT_DAILY_SIZE = 5
CALENDAR_DAYS = 35  # five weeks on the dashboard


@dataclass(frozen=True)
class ReviewEntry:
    """One question of a review session or daily set, with where it comes from."""

    pack: Pack
    module: Module
    exercise: Exercise
    item: ItemInfo | None  # None: never answered (a new question of the daily set)


def schedules(pack: Pack, exercise_id: str) -> bool:
    """Whether answering this exercise schedules it for review: practice exercises only."""
    try:
        exercise = pack.exercise(exercise_id)
        return pack.module(exercise.module_id).kind in PRACTICE_KINDS
    except KeyError:
        return False


def review_note(pack: Pack, exercise_id: str, kind: str | None = None) -> ReviewNote | None:
    """What ``record_attempt`` needs to schedule an answer (None: not a review item)."""
    return ReviewNote(kind) if schedules(pack, exercise_id) else None


def resolve(db: Any, learner_id: int, items: Iterable[ItemInfo], packs: Sequence[Pack]
            ) -> list[ReviewEntry]:
    """Items joined to the installed packs; vanished exercises are retired on the way."""
    by_id = {pack.id: pack for pack in packs}
    found, vanished = [], []
    for item in items:
        pack = by_id.get(item.pack_id)
        if pack is None:
            continue  # not installed (yet): neither shown nor retired
        if not schedules(pack, item.exercise_id):
            vanished.append((item.pack_id, item.exercise_id))
            continue
        exercise = pack.exercise(item.exercise_id)
        found.append(ReviewEntry(pack, pack.module(exercise.module_id), exercise, item))
    if vanished:
        try:
            store_review.retire(db, learner_id, vanished)
        except StoreError as exc:  # a read-only database: hidden now, retired another time
            log.info("Review items not retired (%s): %s", exc, vanished)
    return found


def due_today(db: Any, learner_id: int, packs: Sequence[Pack], now: datetime | None = None
              ) -> list[ReviewEntry]:
    """今日复习: the items due now across the installed courses, the longest overdue first."""
    return resolve(db, learner_id, store_review.due_items(db, learner_id, now), packs)


def unseen(db: Any, learner_id: int, packs: Sequence[Pack], role_id: str | None,
           known: set[tuple[str, str]]) -> list[ReviewEntry]:
    """Never-answered practice exercises, for the largest gaps to the role's targets first."""
    from trainer.analytics.errors import UnknownRole
    from trainer.analytics.learner import best_scores
    from trainer.analytics.recommend import recommend

    best = best_scores(db, learner_id, [p.id for p in packs])
    try:
        advice = recommend(packs, best, role_id, gaps=50, per_gap=50)
    except UnknownRole:
        advice = recommend(packs, best, None, gaps=50, per_gap=50)
    by_id = {pack.id: pack for pack in packs}
    found: list[ReviewEntry] = []
    taken = set(known) | set(best)
    for recommendation in advice:
        for suggestion in recommendation.suggestions:
            pack = by_id[suggestion.pack_id]
            for exercise_id in suggestion.exercise_ids:
                key = (pack.id, exercise_id)
                if key in taken or not schedules(pack, exercise_id):
                    continue
                taken.add(key)
                exercise = pack.exercise(exercise_id)
                found.append(ReviewEntry(pack, pack.module(exercise.module_id), exercise, None))
    return found


def mix(due: Sequence[ReviewEntry], fresh: Sequence[ReviewEntry], size: int
        ) -> list[ReviewEntry]:
    """Half due reviews (rounded up), half new questions; either fills in for the other."""
    want_due = max((size + 1) // 2, size - len(fresh))
    take_due = list(due[:want_due])
    take_new = list(fresh[:size - len(take_due)])
    mixed: list[ReviewEntry] = []
    while take_due or take_new:
        if take_due:
            mixed.append(take_due.pop(0))
        if take_new:
            mixed.append(take_new.pop(0))
    return mixed


def daily_set(db: Any, learner_id: int, packs: Sequence[Pack], role_id: str | None,
              size: int = DEFAULT_DAILY_SIZE, now: datetime | None = None) -> list[ReviewEntry]:
    """每日一练: ``size`` questions mixing due reviews with unseen exercises (module rules)."""
    packs = list(packs)
    due = due_today(db, learner_id, packs, now)
    known = {(i.pack_id, i.exercise_id) for i in store_review.items(db, learner_id)}
    fresh = unseen(db, learner_id, packs, role_id, known) if len(due) < size else []
    return mix(due, fresh, size)


@dataclass(frozen=True)
class PracticeDays:
    """Days practised (local dates) in the calendar window, the streak and today's daily count."""

    days: frozenset[date]
    first: date  # the calendar's first day
    today: date
    streak: int  # consecutive days practised up to today (or yesterday, before today's)
    daily_today: int  # answers in today's daily set


def practice_days(db: Any, learner_id: int, now: datetime | None = None,
                  zone: tzinfo | None = None, days: int = CALENDAR_DAYS) -> PracticeDays:
    """The calendar and streak behind the dashboard's 每日一练 panel."""
    now = now or utcnow()
    zone = zone or datetime.now().astimezone().tzinfo
    today = now.astimezone(zone).date()
    first = today - timedelta(days=days - 1)
    since = datetime.combine(first, datetime.min.time(), zone) - timedelta(days=366)
    times = store_review.answer_times(db, learner_id, since)
    practised = {t.astimezone(zone).date() for t in times}
    daily = sum(1 for t in store_review.answer_times(
        db, learner_id, datetime.combine(today, datetime.min.time(), zone), "daily"))
    day = today if today in practised else today - timedelta(days=1)
    streak = 0
    while day in practised:
        streak, day = streak + 1, day - timedelta(days=1)
    return PracticeDays(frozenset(d for d in practised if d >= first), first, today, streak,
                        daily)


@dataclass(frozen=True)
class Overview:
    """The counts on the library's and the dashboard's review panel."""

    due: int  # 今日复习
    notebook: int  # practice exercises in the 错题本
    daily_done: int  # answers in today's daily set
    daily_size: int
    days: PracticeDays


def overview(db: Any, learner_id: int, packs: Sequence[Pack], daily_size: int,
             now: datetime | None = None, zone: tzinfo | None = None) -> Overview:
    """Due items, the 错题本's size and today's daily practice, in a few indexed queries."""
    packs = list(packs)
    due = due_today(db, learner_id, packs, now)
    wrong = resolve(db, learner_id, store_review.items(db, learner_id, wrong_only=True), packs)
    days = practice_days(db, learner_id, now, zone)
    return Overview(len(due), len(wrong), min(days.daily_today, daily_size), daily_size, days)
