"""Group averages for a learner's dashboard (their department's mean per competency), kept in a
cache that any write invalidates: opening "My progress" reads a stamp of a few short rows, not
the whole organisation's summaries, unless something changed since the last opening.

The stamp covers everything a group mean depends on: answers (the answer count and the latest
answer, from ``summary_activity``), people (count, a checksum of their unit, role and active
flag, the latest profile change), units (count, newest id) and the registered weights. The cache
lives in memory and in the data folder's cache (so the first opening after a start is fast too);
it holds only means per competency, and is keyed by a hash (a server address never lands there).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, cast, func, select

from trainer.analytics.cohort import cohort_competency
from trainer.analytics.filters import CohortFilter
from trainer.analytics.summaries import ensure, registration
from trainer.content.model import Pack
from trainer.store.models import Department, Learner, SummaryActivity, SummaryWeight

log = logging.getLogger(__name__)
FILE_NAME = "group-means.json"
VERSION = 1
_lock = threading.Lock()
_memory: dict[str, tuple[list[str], dict[str, float]]] = {}

_PEOPLE = (select(func.count(), func.sum(Learner.id * func.coalesce(Learner.department_id, 0)),
                  func.sum(Learner.id * cast(Learner.active, Integer)),
                  func.sum(func.length(func.coalesce(Learner.job_role, "")) * Learner.id),
                  func.max(Learner.updated_at)).subquery())
_STAMP = select(
    select(func.sum(SummaryActivity.attempts)).scalar_subquery(),
    select(func.max(SummaryActivity.last_answer_at)).scalar_subquery(),
    *_PEOPLE.c,
    select(func.count()).select_from(Department).scalar_subquery(),
    select(func.max(Department.id)).scalar_subquery(),
    select(func.count()).select_from(SummaryWeight).scalar_subquery(),
    select(func.sum(SummaryWeight.weight)).scalar_subquery())


def _stamp(db: Any) -> list[str]:
    with db.reader() as session:
        return [str(value) for value in session.execute(_STAMP).one()]


def group_mean(db: Any, packs: Sequence[Pack], *, department: str | None = None,
               role: str | None = None) -> dict[str, float]:
    """Mean score per competency of a department (with its sub-units) or job role; cached
    until a write changes what it depends on."""
    if department is None and role is None or not packs:
        return {}
    key = _key(db, packs, department, role)
    cache_dir = _cache_dir(db)
    with _lock:
        found = _memory.get(key)
    if found is None and cache_dir is not None:
        found = _read(cache_dir, key)
    if found is None:  # new packs or weights: register them first (a write), then stamp
        ensure(db, packs)
    stamp = _stamp(db)  # taken first: a write while computing makes the next opening recompute
    if found is not None and found[0] == stamp:
        means = found[1]
    else:
        rows = cohort_competency(db, packs, by="all",
                                 filters=CohortFilter(department=department, role=role))
        means = {r.competency_id: r.score for r in rows}
        if cache_dir is not None:
            _write(cache_dir, key, stamp, means)
    with _lock:
        _memory[key] = (stamp, means)
    return dict(means)


def _key(db: Any, packs: Sequence[Pack], department: str | None, role: str | None) -> str:
    weights = [(p.id, sorted(registration(p).weights.items())) for p in packs]
    text = json.dumps([str(db.where), weights, department, role], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cache_dir(db: Any) -> Path | None:
    paths = getattr(db, "paths", None)
    return None if paths is None else paths.cache_dir


def _read(cache_dir: Path, key: str) -> tuple[list[str], dict[str, float]] | None:
    try:
        raw = json.loads((cache_dir / FILE_NAME).read_text(encoding="utf-8"))
        entry = raw["entries"][key] if raw.get("version") == VERSION else None
        if entry is None:
            return None
        return [str(v) for v in entry["stamp"]], {str(c): float(s)
                                                   for c, s in entry["means"].items()}
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.info("Ignoring the group means cache: %s", exc)
        return None


def _write(cache_dir: Path, key: str, stamp: list[str], means: dict[str, float]) -> None:
    """Replace the file atomically; failing to write it only costs the next opening time."""
    target = cache_dir / FILE_NAME
    with _lock:
        try:
            raw = json.loads(target.read_text(encoding="utf-8"))
            entries = raw["entries"] if raw.get("version") == VERSION else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            entries = {}
        entries[key] = {"stamp": stamp, "means": means}
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
            temp.write_text(json.dumps({"version": VERSION, "entries": entries}),
                            encoding="utf-8")
            os.replace(temp, target)
        except OSError as exc:
            log.info("Could not write the group means cache: %s", exc)


def forget() -> None:
    """Drop the means cached in memory (tests; the file stays and is checked by its stamp)."""
    with _lock:
        _memory.clear()
