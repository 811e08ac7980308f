"""Moments as people read them: the computer's local time, with the zone named.

The store keeps every moment in UTC (``store/types.UTCDateTime``); screens and exports convert
at the last step and say which zone they show ("2026-12-03 18:05 (UTC+08:00)"), so a report
read in Beijing is not eight hours off and nobody has to guess. The zone is the process's (the
``TZ`` variable, else the system setting), read anew each call so a changed setting applies.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

MINUTE = "%Y-%m-%d %H:%M"
SECOND = "%Y-%m-%d %H:%M:%S"


def zone_label(moment: datetime | None = None) -> str:
    """The local zone as "UTC+08:00" (its offset at ``moment``, else now)."""
    when = moment if moment is not None else datetime.now(UTC)
    offset = _aware(when).astimezone().utcoffset() or timedelta(0)
    minutes = round(offset.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def local(moment: datetime) -> datetime:
    """The moment in local time, without tzinfo (spreadsheets have no zones); a naive moment is
    taken to be UTC, as the store and the reports hold it."""
    return _aware(moment).astimezone().replace(tzinfo=None)


def local_text(moment: datetime | None, pattern: str = MINUTE, *, label: bool = True) -> str:
    """"2026-12-03 18:05 (UTC+08:00)"; an empty string for no moment."""
    if moment is None:
        return ""
    text = local(moment).strftime(pattern)
    return f"{text} ({zone_label(moment)})" if label else text


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
