"""The store's rules for every value it writes, with messages people can act on.

One set of rules: the store's own writers (learners, progress, answers) and everything that
arrives from outside (progress bundles, rosters) call these same functions, so a value the app
would never write cannot enter through a file either (NaN weights, a year 9999, a NUL byte that
PostgreSQL refuses at commit time, a JSON answer nested a thousand levels deep …).
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from trainer.store.errors import InvalidValue
from trainer.store.models import LESSON_STATUSES, ROLES
from trainer.store.types import as_utc

# A course pack's ids (pack, module, exercise, competency) follow the authoring guide's grammar.
_KEY = re.compile(r"[a-z0-9][a-z0-9_.-]{0,99}")
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,49}")
# C0/C1 controls and lone surrogates: invisible, and NUL or a surrogate fails at commit time
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_JSON_BAD = re.compile(r"[\x00\ud800-\udfff]")  # newlines and tabs are fine inside answers

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)  # no real clock is earlier
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
MAX_LESSON_SECONDS = 10_000 * 3600  # 10,000 hours in one module; fits a 32-bit column
MAX_WEIGHTS = 32  # competencies one exercise may train
MAX_JSON_DEPTH = 16  # an answer is a list or a map of lists; far deeper is an attack
MAX_JSON_CHARS = 100_000  # about 30 pages of Chinese text: longer than any open answer
MAX_JSON_INT = 2**53  # what every JSON reader (and jsonb) keeps exactly


def text(value: str, what: str, limit: int) -> str:
    """Whitespace collapsed; InvalidValue when empty, too long or holding control characters."""
    if not isinstance(value, str):
        raise InvalidValue(f"The {what} must be text, not {type(value).__name__}.")
    cleaned = " ".join(value.split())
    if not cleaned:
        raise InvalidValue(f"The {what} is empty.", hint=f"Enter a {what}.")
    if len(cleaned) > limit:
        raise InvalidValue(f"The {what} is longer than {limit} characters: {cleaned[:40]}…")
    if _CONTROL.search(cleaned):
        raise InvalidValue(f"The {what} holds control characters: {cleaned[:40]!r}",
                           hint="Type it again without invisible characters.")
    return cleaned


def email(value: str | None) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    cleaned = text(value, "e-mail address", 254)
    if "@" not in cleaned.strip("@") or " " in cleaned:
        raise InvalidValue(f"Not an e-mail address: {cleaned!r}",
                           hint="Use the form name@example.gov.cn, or leave it empty.")
    return cleaned


def role(value: str) -> str:
    if value not in ROLES:
        raise InvalidValue(f"Unknown role {value!r}.", hint=f"Use one of: {', '.join(ROLES)}.")
    return value


def job_role(value: str | None) -> str | None:
    """A role-profile id from a course's competency framework (e.g. data-steward), or None."""
    if value is None or not str(value).strip():
        return None
    cleaned = str(value).strip()
    if len(cleaned) > 100 or not cleaned.replace("-", "").replace("_", "").replace(".", "")\
            .isalnum() or not cleaned.isascii():
        raise InvalidValue(f"Not a role-profile id: {cleaned!r}",
                           hint="Use the id from competencies.yaml, e.g. data-steward.")
    return cleaned.lower()


def pack_key(value: str, what: str) -> str:
    """Pack, module, exercise and competency ids: short stable strings as packs write them."""
    if not isinstance(value, str) or not _KEY.fullmatch(value):
        raise InvalidValue(f"Bad {what}: {str(value)[:60]!r}",
                           hint="Ids are 1–100 of a-z, 0-9, '.', '_' and '-', as in the pack.")
    return value


def version(value: str) -> str:
    """A pack version as its manifest gives it (semver: 1.2.0)."""
    if not isinstance(value, str) or not _VERSION.fullmatch(value):
        raise InvalidValue(f"Bad pack version: {str(value)[:60]!r}",
                           hint="A version looks like 1.2.0.")
    return value


def _finite(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))


def score(value: Any) -> float | None:
    """A graded result from 0 to 1, or None for an answer nobody has graded yet."""
    if value is None:
        return None
    if not _finite(value) or not 0 <= value <= 1:
        raise InvalidValue(f"A score must be a number between 0 and 1 (or none), not {value!r}.")
    return float(value)


def weights(value: Any) -> dict[str, float]:
    """Competency id → weight in (0, 1], as a pack gives them (at most 32 competencies)."""
    if not isinstance(value, Mapping):
        raise InvalidValue("Competency weights must map competency ids to numbers.")
    if len(value) > MAX_WEIGHTS:
        raise InvalidValue(f"An exercise trains at most {MAX_WEIGHTS} competencies, not "
                           f"{len(value)}.")
    checked: dict[str, float] = {}
    for key, weight in value.items():
        pack_key(key, "competency id")
        if not _finite(weight) or not 0 < weight <= 1:
            raise InvalidValue(f"The weight of {key} must be a number above 0 and at most 1, "
                               f"not {weight!r}.")
        checked[key] = float(weight)
    return checked


def moment(value: Any, what: str) -> datetime:
    """A timestamp as aware UTC, between 1970 and 2100 (a naive one is taken to be UTC)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidValue(f"The {what} is not a date and time: {value[:40]!r}",
                               hint="Write it like 2026-03-01T08:30:00+00:00.") from None
    if not isinstance(value, datetime):
        raise InvalidValue(f"The {what} must be a date and time, not {type(value).__name__}.")
    value = as_utc(value)
    if not EARLIEST <= value < LATEST:
        raise InvalidValue(f"The {what} {value:%Y-%m-%d} is outside 1970–2099.",
                           hint="The clock of the computer that made it was wrong.")
    return value


def lesson_status(value: Any) -> str:
    if value not in LESSON_STATUSES:
        raise InvalidValue(f"Unknown lesson status {str(value)[:40]!r}.",
                           hint=f"Use one of: {', '.join(LESSON_STATUSES)}.")
    return str(value)


def lesson_seconds(value: Any) -> int:
    """Study time in one module: whole seconds, 0 to 10,000 hours."""
    if (not isinstance(value, int) or isinstance(value, bool)
            or not 0 <= value <= MAX_LESSON_SECONDS):
        raise InvalidValue(f"Study time must be whole seconds from 0 to {MAX_LESSON_SECONDS:,}, "
                           f"not {str(value)[:40]}.")
    return value


def flag(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidValue(f"The {what} must be true or false, not {str(value)[:40]!r}.")
    return value


def identifier(value: Any, what: str) -> uuid.UUID:
    """A UUID (answers and devices are known by one on every machine)."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        if not isinstance(value, str) or len(value) != 36:
            raise ValueError(value)
        return uuid.UUID(value)
    except ValueError:
        raise InvalidValue(f"The {what} is not a UUID: {str(value)[:40]!r}") from None


def json_value(value: Any, what: str) -> Any:
    """Something JSON can store on every backend: finite numbers, text without NUL bytes or
    lone surrogates, at most 16 levels deep and about 100,000 characters long."""
    try:
        _json_size(value, 1)
    except _JsonProblem as exc:
        raise InvalidValue(f"The {what} {exc}.") from None
    return value


class _JsonProblem(Exception):
    pass


def _json_size(item: Any, depth: int) -> int:
    """About how many characters ``item`` takes as JSON; _JsonProblem when it cannot be kept.
    Recursive, but never deeper than MAX_JSON_DEPTH."""
    kind = type(item)
    if kind is str:
        if _JSON_BAD.search(item):
            raise _JsonProblem("holds a NUL byte or a broken character")
        size = len(item) + 2
    elif item is None or kind is bool:
        size = 5
    elif kind is int:
        if not -MAX_JSON_INT <= item <= MAX_JSON_INT:
            raise _JsonProblem("holds a number too large to keep exactly")
        size = 20
    elif kind is float:
        if not math.isfinite(item):
            raise _JsonProblem(f"holds {item}, which JSON cannot store")
        size = 20
    elif depth >= MAX_JSON_DEPTH and isinstance(item, list | tuple | Mapping):
        raise _JsonProblem(f"is nested deeper than {MAX_JSON_DEPTH} levels")
    elif isinstance(item, list | tuple):
        size = 2 + len(item) + sum(_json_size(inner, depth + 1) for inner in item)
    elif isinstance(item, Mapping):
        size = 2
        for key, inner in item.items():
            if type(key) is not str:
                raise _JsonProblem(f"has a key that is not text: {str(key)[:20]!r}")
            size += 2 + _json_size(key, depth + 1) + _json_size(inner, depth + 1)
    else:
        raise _JsonProblem(f"cannot be saved: {type(item).__name__} is not JSON")
    if size > MAX_JSON_CHARS:
        raise _JsonProblem(f"is longer than {MAX_JSON_CHARS:,} characters")
    return size
