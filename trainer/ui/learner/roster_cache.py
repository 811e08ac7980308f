"""The sign-in list's first page as it was last seen, kept in the cache folder so the list is
drawn at once (the rest is read from the store as the list scrolls).

Loading the store (SQLAlchemy) takes longer than starting the window, so the sign-in screen shows
this copy first and replaces it with the store's list a moment later. It holds only what the
sign-in list shows anyway (no PIN hashes); a missing or unreadable file just means no head start.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
FILE_NAME = "signin-list.json"
VERSION = 2


@dataclass(frozen=True)
class CachedLearner:
    """The fields the sign-in list needs, shaped like the store's ``LearnerInfo``."""

    id: int
    employee_no: str
    name: str
    department: str | None
    role: str
    has_pin: bool


def cache_file(cache_dir: Path) -> Path:
    return cache_dir / FILE_NAME


def read_cached(cache_dir: Path, database: str) -> list[CachedLearner] | None:
    """The list cached for ``database``, or None when there is none (or it cannot be read)."""
    try:
        raw = json.loads(cache_file(cache_dir).read_text(encoding="utf-8"))
        if raw.get("version") != VERSION or raw.get("database") != database:
            return None
        return [CachedLearner(int(r["id"]), str(r["employee_no"]), str(r["name"]),
                              r.get("department"), str(r.get("role", "learner")),
                              bool(r.get("has_pin"))) for r in raw["learners"]]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.info("Ignoring the sign-in list cache: %s", exc)
        return None


def write_cached(cache_dir: Path, database: str, learners: Sequence[Any]) -> None:
    """Replace the cache atomically; failing to write it only costs the head start."""
    rows = [{"id": l.id, "employee_no": l.employee_no, "name": l.name,  # noqa: E741
             "department": l.department, "role": l.role, "has_pin": bool(l.has_pin)}
            for l in learners]  # noqa: E741
    target = cache_file(cache_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_suffix(".tmp")
        temp.write_text(json.dumps({"version": VERSION, "database": database, "learners": rows},
                                        ensure_ascii=False),
                        encoding="utf-8")
        os.replace(temp, target)
    except OSError as exc:
        log.info("Could not write the sign-in list cache: %s", exc)
