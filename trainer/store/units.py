"""Organisation units that nest (临江市财政局 / 预算科, at most three levels).

A unit's ``Department.name`` is its whole path joined by ``/``: unique by construction (so names
are unique among siblings), readable wherever a department name was shown before, and "a unit
with everything under it" is one indexed prefix match instead of a recursive query. Flat
departments from before are simply one-level paths.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from trainer.store import validate
from trainer.store.errors import InvalidValue
from trainer.store.models import Department

SEPARATOR = "/"
MAX_DEPTH = 3
MAX_PATH = 200


def unit_path(text: str, parent: str | None = None) -> str:
    """``局/科`` (or a parent path and a name) as the stored path; InvalidValue when the path has
    an empty part or more than three levels. Full-width ／ counts as /."""
    joined = f"{parent}{SEPARATOR}{text}" if parent and parent.strip() else text
    parts = unit_parts(joined)
    if any(not part for part in parts):
        raise InvalidValue(f"The unit {joined!r} has an empty part between its / marks.",
                           hint="Write units as 局/科, for example 临江市财政局/预算科.")
    if len(parts) > MAX_DEPTH:
        raise InvalidValue(f"The unit {joined!r} has {len(parts)} levels; at most {MAX_DEPTH} "
                           "are allowed.", hint="Leave out a level, e.g. 局/处/科.")
    return validate.text(SEPARATOR.join(parts), "unit", MAX_PATH)


def unit_parts(text: str) -> list[str]:
    """The levels of a written path, whitespace collapsed (an empty one stays empty)."""
    flat = unicodedata.normalize("NFKC", text) if "／" in text else text
    return [" ".join(part.split()) for part in flat.split(SEPARATOR)]


def path_problem(text: str, parent: str | None = None) -> str | None:
    """What is wrong with a unit path as a roster gives it, or None."""
    try:
        unit_path(text, parent)
    except InvalidValue as exc:
        return exc.message
    return None


def ensure_unit(session: Session, path: str) -> Department:
    """The unit at ``path`` (already normalised), creating it and any missing parent."""
    found = session.scalars(select(Department).where(Department.name == path)).first()
    if found is not None:
        return found
    parent: Department | None = None
    if SEPARATOR in path:
        parent = ensure_unit(session, path.rsplit(SEPARATOR, 1)[0])
    unit = Department(name=path, parent_id=None if parent is None else parent.id)
    session.add(unit)
    session.flush()
    return unit


def within(column: Any, path: str) -> Any:
    """SQL: ``column`` (a unit path) is ``path`` or one of its sub-units."""
    return or_(column == path, column.startswith(path + SEPARATOR, autoescape=True))


def is_within(unit: str | None, path: str) -> bool:
    """Python twin of ``within`` for rows already read."""
    return unit is not None and (unit == path or unit.startswith(path + SEPARATOR))


def ancestors(path: str) -> list[str]:
    """The path and every unit above it, top first: a/b/c → [a, a/b, a/b/c]."""
    parts = path.split(SEPARATOR)
    return [SEPARATOR.join(parts[:n]) for n in range(1, len(parts) + 1)]


def leaf(path: str) -> str:
    """The unit's own name, without the units above it."""
    return path.rsplit(SEPARATOR, 1)[-1]
