"""What each line of a progress bundle must hold: the store's own rules (``store.validate``),
applied before anything touches the database.

There is no second set of rules here: each field names the store validator that checks the
same column when the app writes it, so a bundle can carry nothing the app would refuse to
save (NaN or 1e308 weights, a year 9999, ids no pack can have, a NUL byte, JSON nested a
thousand deep). A line that fails is reported as ``MEMBER:LINE: what is wrong``; the whole
bundle is refused, so a damaged or hand-edited file can never half-import.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from typing import Any

from trainer.store import validate
from trainer.store.errors import InvalidValue
from trainer.store.types import as_utc

Parser = Callable[[Any], Any]


class FieldProblem(ValueError):
    """One field of one record is wrong; the caller adds the member name and line."""


def _optional(parser: Parser) -> Parser:
    def parse(value: Any) -> Any:
        return None if value is None else parser(value)
    return parse


def _no_constant(name: str) -> Any:
    raise FieldProblem(f"{name} is not a number JSON allows")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def loads(line: bytes | str) -> Any:
    """JSON as the bundle writer makes it (UTF-8): NaN and Infinity literals are refused."""
    return _DECODER.decode(line.decode("utf-8") if isinstance(line, bytes) else line)


_text = partial(validate.text, limit=200)
_key = validate.pack_key

# field → (store validator, required); the validator's message names the value
SCHEMAS: dict[str, dict[str, tuple[Parser, bool]]] = {
    "devices": {"id": (partial(validate.identifier, what="device id"), True),
                "name": (partial(_text, what="device name"), True)},
    "learners": {"employee_no": (partial(validate.text, what="employee number", limit=64), True),
                 "name": (partial(_text, what="name"), True),
                 "department": (_optional(partial(_text, what="department name")), False),
                 "role": (validate.role, False), "email": (validate.email, False),
                 "active": (partial(validate.flag, what="active flag"), False),
                 "updated_at": (partial(validate.moment, what="change time"), True)},
    "enrollments": {"employee_no": (partial(validate.text, what="employee number", limit=64),
                                    True),
                    "pack_id": (partial(_key, what="pack id"), True),
                    "enrolled_at": (partial(validate.moment, what="enrolment time"), True)},
    "lesson_progress": {
        "employee_no": (partial(validate.text, what="employee number", limit=64), True),
        "pack_id": (partial(_key, what="pack id"), True),
        "module_id": (partial(_key, what="module id"), True),
        "status": (validate.lesson_status, True), "seconds": (validate.lesson_seconds, True),
        "position": (partial(validate.json_value, what="reading position"), False),
        "updated_at": (partial(validate.moment, what="change time"), True),
        # when it was first completed (dates its 学时); absent from bundles before 学时
        "completed_at": (_optional(partial(validate.moment, what="completion time")), False)},
    "attempts": {
        "id": (partial(validate.identifier, what="answer id"), True),
        "employee_no": (partial(validate.text, what="employee number", limit=64), True),
        "pack_id": (partial(_key, what="pack id"), True),
        "pack_version": (validate.version, True),
        "exercise_id": (partial(_key, what="exercise id"), True),
        "response": (partial(validate.json_value, what="answer"), False),
        "score": (validate.score, False), "weights": (validate.weights, True),
        "started_at": (partial(validate.moment, what="start time"), True),
        "finished_at": (_optional(partial(validate.moment, what="finish time")), False),
        "device_id": (_optional(partial(validate.identifier, what="device id")), False),
        "recorded_at": (partial(validate.moment, what="recording time"), True)},
}


def parse_record(table: str, raw: Any) -> dict[str, Any]:
    """A JSON object from the bundle as typed values; FieldProblem names the bad field."""
    if not isinstance(raw, Mapping):
        raise FieldProblem("each line must be a JSON object")
    schema = SCHEMAS[table]
    unknown = raw.keys() - schema.keys()
    if unknown:
        raise FieldProblem(f"the field {str(min(unknown))[:40]!r} is not part of a progress "
                           "bundle")
    record: dict[str, Any] = {}
    for name, (parser, required) in schema.items():
        if name not in raw:
            if required:
                raise FieldProblem(f"the field {name!r} is missing")
            continue
        try:
            record[name] = parser(raw[name])
        except InvalidValue as exc:
            raise FieldProblem(f"the field {name!r}: {exc.message}") from None
    return record


def json_default(value: Any) -> Any:
    """How bundle lines write what JSON lacks: times as ISO 8601 in UTC, UUIDs as text."""
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} into a bundle")
