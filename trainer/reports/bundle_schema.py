"""What each line of a progress bundle must hold, checked before anything touches the database.

A line that fails is reported as ``MEMBER:LINE: what is wrong``; the whole bundle is refused,
so a damaged or hand-edited file can never half-import.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from trainer.store.types import as_utc

Parser = Callable[[Any], Any]
STATUSES = ("not_started", "in_progress", "completed")


class FieldProblem(ValueError):
    """One field of one record is wrong; the caller adds the member name and line."""


def _text(limit: int) -> Parser:
    def parse(value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise FieldProblem("must be non-empty text")
        if len(value) > limit:
            raise FieldProblem(f"is longer than {limit} characters")
        return value
    return parse


def _optional(parser: Parser) -> Parser:
    def parse(value: Any) -> Any:
        return None if value is None else parser(value)
    return parse


def _when(value: Any) -> datetime:
    if not isinstance(value, str):
        raise FieldProblem("must be a date and time like 2026-03-01T08:30:00+00:00")
    try:
        return as_utc(datetime.fromisoformat(value))
    except ValueError as exc:
        raise FieldProblem(f"is not a date and time: {value!r}") from exc


def _uuid(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise FieldProblem(f"is not a UUID: {value!r}") from exc


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise FieldProblem("must be true or false")
    return value


def _seconds(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise FieldProblem("must be a whole number of seconds, 0 or more")
    return value


def _score(value: Any) -> float | None:
    if value is None:
        return None
    if (not isinstance(value, int | float) or isinstance(value, bool) or math.isnan(value)
            or not 0 <= value <= 1):
        raise FieldProblem("must be a number from 0 to 1, or null")
    return float(value)


def _weights(value: Any) -> dict[str, float]:
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, int | float) and not isinstance(v, bool)
            for k, v in value.items()):
        raise FieldProblem("must map competency ids to numbers")
    return {k: float(v) for k, v in value.items()}


def _status(value: Any) -> str:
    if value not in STATUSES:
        raise FieldProblem(f"must be one of {', '.join(STATUSES)}")
    return str(value)


def _role(value: Any) -> str:
    if value not in ("learner", "trainer", "hr", "admin"):
        raise FieldProblem("must be learner, trainer, hr or admin")
    return str(value)


def _any(value: Any) -> Any:
    return value


# field → (parser, required)
SCHEMAS: dict[str, dict[str, tuple[Parser, bool]]] = {
    "devices": {"id": (_uuid, True), "name": (_text(200), True)},
    "learners": {"employee_no": (_text(64), True), "name": (_text(200), True),
                 "department": (_optional(_text(200)), False), "role": (_role, False),
                 "email": (_optional(_text(254)), False), "active": (_bool, False),
                 "updated_at": (_when, True)},
    "enrollments": {"employee_no": (_text(64), True), "pack_id": (_text(100), True),
                    "enrolled_at": (_when, True)},
    "lesson_progress": {"employee_no": (_text(64), True), "pack_id": (_text(100), True),
                        "module_id": (_text(100), True), "status": (_status, True),
                        "seconds": (_seconds, True), "position": (_any, False),
                        "updated_at": (_when, True)},
    "attempts": {"id": (_uuid, True), "employee_no": (_text(64), True),
                 "pack_id": (_text(100), True), "pack_version": (_text(50), True),
                 "exercise_id": (_text(100), True), "response": (_any, False),
                 "score": (_score, False), "weights": (_weights, True),
                 "started_at": (_when, True), "finished_at": (_optional(_when), False),
                 "device_id": (_optional(_uuid), False), "recorded_at": (_when, True)},
}


def parse_record(table: str, raw: Any) -> dict[str, Any]:
    """A JSON object from the bundle as typed values; FieldProblem names the bad field."""
    if not isinstance(raw, Mapping):
        raise FieldProblem("each line must be a JSON object")
    record: dict[str, Any] = {}
    for name, (parser, required) in SCHEMAS[table].items():
        if name not in raw:
            if required:
                raise FieldProblem(f"the field {name!r} is missing")
            continue
        try:
            record[name] = parser(raw[name])
        except FieldProblem as exc:
            raise FieldProblem(f"the field {name!r} {exc}") from None
    return record


def json_default(value: Any) -> Any:
    """How bundle lines write what JSON lacks: times as ISO 8601 in UTC, UUIDs as text."""
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} into a bundle")
