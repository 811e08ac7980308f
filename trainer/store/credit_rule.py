"""The organisation's 学时 rule: how a module's stated minutes become credit hours where its pack
declares none, what a passed final assessment adds, and the time zone a year is counted in.

Kept in the ``settings`` table, so every machine of an organisation on one server shares it;
HR or an administrator changes it (``trainer credits rule set``, the HR settings dialog), and
the change re-derives the ledger in the same transaction (``credits.sync``), so the ledger is
always what the records earn under the rule in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.store.errors import InvalidValue
from trainer.store.models import Setting
from trainer.store.types import utcnow

KEY = "credit_rule"
STEP = Decimal("0.25")  # 学时 are counted in quarter hours
MAX_MODULE_HOURS = Decimal("50")  # a module that earns more than a working week is a typo
MAX_COURSE_HOURS = Decimal("500")
MAX_BANDS = 10


def quarter_hours(value: Any, what: str, limit: Decimal = MAX_MODULE_HOURS) -> Decimal:
    """``value`` as exact 学时: a number 0..limit in steps of 0.25; InvalidValue otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise InvalidValue(f"{what} must be a number of 学时 such as 1 or 0.5, not {value!r}.")
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidValue(f"{what} must be a number of 学时 such as 1 or 0.5, not "
                           f"{value!r}.") from None
    if not hours.is_finite() or hours < 0 or hours > limit:
        raise InvalidValue(f"{what} must be between 0 and {limit} 学时, not {value}.")
    if hours % STEP:
        raise InvalidValue(f"{what} must be a multiple of 0.25 学时 (e.g. 0.25, 0.5, 1.75), "
                           f"not {value}.")
    return hours.quantize(Decimal("0.01"))


@dataclass(frozen=True)
class CreditRule:
    """Minutes → 学时 bands (the largest minimum that a module reaches applies), the bonus for a
    passed final assessment, and the UTC offset years are counted in (China: +8 h)."""

    bands: tuple[tuple[int, Decimal], ...]  # (minimum minutes, 学时), largest minimum first
    assessment: Decimal
    utc_offset_minutes: int = 480

    def hours(self, minutes: int) -> Decimal:
        for minimum, hours in self.bands:
            if minutes >= minimum:
                return hours
        return Decimal("0.00")

    @property
    def zone(self) -> timezone:
        return timezone(timedelta(minutes=self.utc_offset_minutes))

    def day_start(self, day: date) -> datetime:
        """The UTC moment the organisation's ``day`` begins."""
        return datetime(day.year, day.month, day.day, tzinfo=self.zone).astimezone(UTC)

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def as_json(self) -> dict[str, Any]:
        return {"bands": [[m, str(h)] for m, h in self.bands], "assessment": str(self.assessment),
                "utc_offset_minutes": self.utc_offset_minutes}

    def describe(self) -> list[str]:
        """One line per band, then the bonus and the time zone (CLI and dialog)."""
        lines = []
        upper: int | None = None
        for minimum, hours in self.bands:
            span = f"{minimum}+ min" if upper is None else f"{minimum}-{upper - 1} min"
            lines.append(f"{span}: {hours} 学时")
            upper = minimum
        lines.append(f"passed final assessment: +{self.assessment} 学时")
        sign = "+" if self.utc_offset_minutes >= 0 else "-"
        offset = abs(self.utc_offset_minutes)
        lines.append(f"years counted in UTC{sign}{offset // 60:02d}:{offset % 60:02d}")
        return lines


DEFAULT_RULE = CreditRule(((30, Decimal("1.00")), (15, Decimal("0.50")), (0, Decimal("0.25"))),
                          Decimal("0.50"))


def make_rule(bands: Any, assessment: Any, utc_offset_minutes: Any = 480) -> CreditRule:
    """A checked rule: 1..10 bands with distinct minimums 0..1000, one of them 0 (every module
    earns something defined), 学时 in quarter hours; InvalidValue says what is wrong."""
    if not isinstance(bands, (list, tuple)) or not 1 <= len(bands) <= MAX_BANDS:
        raise InvalidValue(f"A 学时 rule needs 1 to {MAX_BANDS} bands of minutes.")
    parsed: dict[int, Decimal] = {}
    for band in bands:
        if not isinstance(band, (list, tuple)) or len(band) != 2:
            raise InvalidValue(f"A band is 'MINUTES=学时' (e.g. 30=1), not {band!r}.")
        minimum, hours = band
        if isinstance(minimum, bool) or not isinstance(minimum, int) or not 0 <= minimum <= 1000:
            raise InvalidValue(f"A band's minutes must be a whole number 0..1000, not {minimum!r}.")
        if minimum in parsed:
            raise InvalidValue(f"Two bands start at {minimum} minutes; keep one.")
        parsed[minimum] = quarter_hours(hours, f"The 学时 for {minimum}+ minutes")
    if 0 not in parsed:
        raise InvalidValue("The rule needs a band starting at 0 minutes (e.g. 0=0.25), so every "
                           "module earns a defined number of 学时.")
    bonus = quarter_hours(assessment, "The 学时 for a passed final assessment")
    if isinstance(utc_offset_minutes, bool) or not isinstance(utc_offset_minutes, int) \
            or not -720 <= utc_offset_minutes <= 840:
        raise InvalidValue(f"The time zone must be a UTC offset of -12:00..+14:00, not "
                           f"{utc_offset_minutes!r} minutes.")
    return CreditRule(tuple(sorted(parsed.items(), reverse=True)), bonus, utc_offset_minutes)


def parse_offset(text: str) -> int:
    """'+08:00', '+8' or '-05:30' → minutes east of UTC."""
    value = text.strip().upper().removeprefix("UTC")
    sign = -1 if value.startswith("-") else 1
    hours, _, minutes = value.lstrip("+-").partition(":")
    if not hours.isdigit() or (minutes and not minutes.isdigit()):
        raise InvalidValue(f"Write the time zone as a UTC offset such as +08:00, not {text!r}.")
    return sign * (int(hours) * 60 + int(minutes or 0))


def load_rule(session: Session) -> CreditRule:
    """The rule in force (the default until HR sets one). A stored rule that no longer passes
    the checks (edited behind Trainer's back) falls back to the default rather than failing."""
    stored = session.scalar(select(Setting.value).where(Setting.key == KEY))
    if not isinstance(stored, dict):
        return DEFAULT_RULE
    try:
        return make_rule([tuple(b) if isinstance(b, list) else b for b in stored.get("bands", [])],
                         stored.get("assessment"), stored.get("utc_offset_minutes", 480))
    except InvalidValue:
        return DEFAULT_RULE


def store_rule(session: Session, rule: CreditRule, by: str) -> None:
    row = session.get(Setting, KEY)
    if row is None:
        session.add(Setting(key=KEY, value=rule.as_json(), updated_at=utcnow(), updated_by=by))
    else:
        row.value, row.updated_at, row.updated_by = rule.as_json(), utcnow(), by
    session.flush()
