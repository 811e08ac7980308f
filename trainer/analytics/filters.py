"""Which learners and which records a figure covers: one filter shared by screens and exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from trainer.analytics.errors import InvalidFilter


@dataclass(frozen=True)
class CohortFilter:
    """Department (a unit path: the unit and everything under it), job-role profile id, course
    (pack id) and an inclusive range of days."""

    department: str | None = None
    role: str | None = None
    course: str | None = None
    since: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise InvalidFilter(
                f"The start date {self.since.isoformat()} is after the end date "
                f"{self.until.isoformat()}.", hint="Swap the two dates or leave one empty.")

    @property
    def start(self) -> datetime | None:
        """First instant counted: local midnight starting ``since`` (days are the computer's
        calendar days, as every time on screen and in exports is local), or None."""
        return None if self.since is None else _local_midnight(self.since)

    @property
    def end(self) -> datetime | None:
        """First instant no longer counted: local midnight after ``until``."""
        if self.until is None:
            return None
        return _local_midnight(self.until + timedelta(days=1))


def _local_midnight(day: date) -> datetime:
    """The start of ``day`` in the local time zone, as an aware UTC moment."""
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def parse_day(text: str, what: str = "date") -> date:
    """A YYYY-MM-DD day from user input, with a clear error for anything else."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidFilter(f"The {what} {text!r} is not a date.",
                            hint="Write it as YYYY-MM-DD, for example 2025-03-31.") from None


def time_window(column: Any, flt: CohortFilter | None) -> list[Any]:
    """SQL conditions keeping ``column`` (a timestamp) inside the filter's days."""
    if flt is None:
        return []
    conditions = []
    if flt.start is not None:
        conditions.append(column >= flt.start)
    if flt.end is not None:
        conditions.append(column < flt.end)
    return conditions


def standing_window(column: Any, flt: CohortFilter | None) -> list[Any]:
    """SQL conditions keeping the answers (``column``: their start) a competency score limited
    to the filter's days is made of: every answer before the range ends. A score is where a
    learner stands at the end of the range; the start limits activity only (README)."""
    if flt is None or flt.end is None:
        return []
    return [column < flt.end]
