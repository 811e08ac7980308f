"""Group averages for a learner's dashboard (their department's mean per competency), kept in a
cache that any write invalidates: opening "My progress" reads a stamp of a few rows, not the
whole organisation's summaries, unless something changed since the last opening.

The stamp covers everything a group mean depends on: answers (per-learner answer counts and the
latest answer, from ``summary_activity``), people (learner count and latest profile change:
department, role, active), units (count, newest id) and the registered weights; commits made by
this process bump a generation too (a bundle merge may carry older profile times). Another
process's write shows in the stamp; nothing is kept across processes.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from sqlalchemy import event, func, select

from trainer.analytics.cohort import CohortCompetencyRow, cohort_competency
from trainer.analytics.filters import CohortFilter
from trainer.analytics.summaries import ensure, registration
from trainer.content.model import Pack
from trainer.store.models import Department, Learner, SummaryActivity, SummaryWeight

_lock = threading.Lock()
_cache: dict[tuple[Any, ...], tuple[tuple[Any, ...], list[CohortCompetencyRow]]] = {}
_generations: dict[int, int] = {}  # id(engine) → commits seen in this process


def _watch(engine: Any) -> None:
    key = id(engine)
    if key in _generations:
        return
    _generations[key] = 0

    def bump(_connection: Any) -> None:
        _generations[key] = _generations.get(key, 0) + 1

    event.listen(engine, "commit", bump)


_STAMP = select(
    select(func.sum(SummaryActivity.attempts)).scalar_subquery(),
    select(func.max(SummaryActivity.last_answer_at)).scalar_subquery(),
    select(func.count()).select_from(Learner).scalar_subquery(),
    select(func.max(Learner.updated_at)).scalar_subquery(),
    select(func.count()).select_from(Department).scalar_subquery(),
    select(func.max(Department.id)).scalar_subquery(),
    select(func.count()).select_from(SummaryWeight).scalar_subquery(),
    select(func.sum(SummaryWeight.weight)).scalar_subquery())


def _stamp(db: Any) -> tuple[Any, ...]:
    with db.reader() as session:
        row = session.execute(_STAMP).one()
    return (_generations.get(id(db.engine), 0), *row)


def group_mean(db: Any, packs: Sequence[Pack], *, department: str | None = None,
               role: str | None = None) -> dict[str, float]:
    """Mean score per competency of a department (with its sub-units) or job role; cached
    until a write changes what it depends on."""
    if department is None and role is None:
        return {}
    _watch(db.engine)
    key = (id(db.engine), tuple((p.id, _weights_key(p)) for p in packs), department, role)
    with _lock:
        found = _cache.get(key)
    if found is None:  # new packs or weights: register them first (a write, then stamped)
        ensure(db, packs)
    stamp = _stamp(db)  # taken first: a write while computing makes the next opening recompute
    if found is not None and found[0] == stamp:
        rows = found[1]
    else:
        rows = cohort_competency(db, packs, by="all",
                                 filters=CohortFilter(department=department, role=role))
        with _lock:
            _cache[key] = (stamp, rows)
    return {r.competency_id: r.score for r in rows}


def _weights_key(pack: Pack) -> int:
    """Changes when the pack's weights or final assessment do (its summaries are rebuilt)."""
    wanted = registration(pack)
    return hash((tuple(sorted(wanted.weights.items())),
                 tuple(sorted(wanted.assessments.items()))))


def forget() -> None:
    """Drop every cached mean (tests; a database closed and reopened)."""
    with _lock:
        _cache.clear()
