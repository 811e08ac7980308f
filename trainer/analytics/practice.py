"""Days practised: the streak and the calendar of the dashboard's 每日一练 panel.

A day counts as practised when the learner gave at least one review answer (review session,
每日一练 or a redo from the 错题本) that local day. The streak counts the days in a row up to
today, or up to yesterday while today's practice is still to come.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from trainer.store import review as store_review
from trainer.store.types import utcnow

CALENDAR_DAYS = 35  # five weeks on the dashboard


@dataclass(frozen=True)
class PracticeDays:
    """Days practised (local dates) in the calendar window, the streak and today's daily count."""

    days: frozenset[date]
    first: date  # the calendar's first day
    today: date
    streak: int  # consecutive days practised up to today (or yesterday, before today's)
    daily_today: int  # answers in today's daily set


def _days(db: Any, learner_id: int, since: date, until: date | None, zone: tzinfo
          ) -> set[date]:
    """Local days with review answers from ``since`` up to (not including) ``until``."""
    def moment(day: date) -> datetime:
        return datetime.combine(day, datetime.min.time(), zone)

    times = store_review.answer_times(db, learner_id, moment(since),
                                      until=moment(until) if until else None)
    return {t.astimezone(zone).date() for t in times}


def practice_days(db: Any, learner_id: int, now: datetime | None = None,
                  zone: tzinfo | None = None, days: int = CALENDAR_DAYS) -> PracticeDays:
    """The calendar and streak behind the dashboard's 每日一练 panel."""
    now = now or utcnow()
    zone = zone or datetime.now().astimezone().tzinfo or UTC
    today = now.astimezone(zone).date()
    first = today - timedelta(days=days - 1)
    practised = _days(db, learner_id, first, None, zone)
    calendar = frozenset(practised)
    start = first
    while start in practised:  # the streak goes on before this window: read the one before
        earlier = start - timedelta(days=days)
        practised |= _days(db, learner_id, earlier, start, zone)
        if start - timedelta(days=1) not in practised:
            break
        start = earlier
    daily = len(store_review.answer_times(
        db, learner_id, datetime.combine(today, datetime.min.time(), zone), "daily"))
    day = today if today in practised else today - timedelta(days=1)
    streak = 0
    while day in practised:
        streak, day = streak + 1, day - timedelta(days=1)
    return PracticeDays(calendar, first, today, streak, daily)
