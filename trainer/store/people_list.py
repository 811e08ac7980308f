"""The active learners a page at a time, in dictionary order, filtered in SQL.

The sign-in list of a whole organisation (10,000 people) is never loaded whole: a view asks
for the number of rows and for the page it is about to draw. Rows are ordered by
``learners.sort_key`` (pinyin of the name) and filtered by ``learners.search_key`` (name,
employee number and department as written and in pinyin: ``analytics.namesearch``), both
filled by ``analytics.people.fill_search_keys``. A row whose keys are not filled yet (written
by a roster import a moment ago) is found by its text as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, func, or_, select, update

from trainer.store.db import Database
from trainer.store.info import LearnerInfo
from trainer.store.models import Department, Learner

__all__ = ["matching", "count", "page", "position", "without_keys", "save_keys"]

_COLUMNS = (Learner.id, Learner.employee_no, Learner.name, Department.name, Learner.role,
            Learner.pin_hash.is_not(None), Learner.email, Learner.active, Learner.updated_at,
            Learner.last_seen_at, Learner.job_role)
# sort_key first and alone, so the index on it gives a page without sorting everyone; a row
# without keys (filled a moment later) sorts where the database puts NULLs (SQLite: first)
_ORDER = (Learner.sort_key, Learner.name, Learner.employee_no, Learner.id)


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matching(words: Sequence[str]) -> list[ColumnElement[bool]]:
    """One condition per typed word (folded, as ``namesearch.query_words`` gives them): the
    search key contains it, or — for a row without a key yet — the text as written does."""
    conditions: list[ColumnElement[bool]] = [Learner.active.is_(True)]
    for word in words:
        pattern = _like(word)
        as_written = or_(*(func.lower(column).like(pattern, escape="\\")
                           for column in (Learner.name, Learner.employee_no, Department.name)))
        conditions.append(or_(Learner.search_key.like(pattern, escape="\\"),
                              and_(Learner.search_key.is_(None), as_written)))
    return conditions


def _select(*columns: Any, words: Sequence[str]) -> Any:
    return (select(*columns).select_from(Learner)
            .outerjoin(Department, Department.id == Learner.department_id)
            .where(*matching(words)))


def count(db: Database, words: Sequence[str] = ()) -> int:
    """How many active learners match every word."""
    with db.reader() as session:
        return int(session.scalar(_select(func.count(Learner.id), words=words)) or 0)


def page(db: Database, words: Sequence[str] = (), offset: int = 0,
         limit: int = 100) -> list[LearnerInfo]:
    """Rows ``offset`` to ``offset + limit`` of the matching learners, in list order."""
    stmt = _select(*_COLUMNS, words=words).order_by(*_ORDER).offset(offset).limit(limit)
    with db.reader() as session:
        return [LearnerInfo(row[0], row[1], row[2], row[3], row[4], bool(row[5]), row[6],
                            bool(row[7]), row[8], row[9], row[10])
                for row in session.execute(stmt)]


def position(db: Database, learner_id: int, words: Sequence[str] = ()) -> int:
    """The row a learner is on in the (filtered) list, -1 if they are not in it: ids only,
    so 10,000 people cost a few milliseconds and no objects."""
    stmt = _select(Learner.id, words=words).order_by(*_ORDER)
    with db.reader() as session:
        for row, (found,) in enumerate(session.execute(stmt)):
            if found == learner_id:
                return row
    return -1


def without_keys(db: Database, limit: int = 2000) -> list[tuple[int, str, str, str | None]]:
    """(id, name, employee number, department) of up to ``limit`` learners whose keys are
    missing, for ``analytics.people`` to read."""
    stmt = (select(Learner.id, Learner.name, Learner.employee_no, Department.name)
            .select_from(Learner).outerjoin(Department, Department.id == Learner.department_id)
            .where(or_(Learner.search_key.is_(None), Learner.sort_key.is_(None)))
            .order_by(Learner.id).limit(limit))
    with db.reader() as session:
        return [(row[0], row[1], row[2], row[3]) for row in session.execute(stmt)]


def save_keys(db: Database, keys: Sequence[tuple[int, str, str]]) -> None:
    """Store (id, search key, sort key) triples. Derived data, like the summaries: nothing a
    person wrote changes, so no rights to check, no audit entry and ``updated_at`` (which
    merges compare) stays as it was; the ORM's staleness rule is bypassed on purpose."""
    if not keys:
        return
    stmt = (update(Learner).where(Learner.id == bindparam("learner_id"))
            .values(search_key=bindparam("search"), sort_key=bindparam("sort")))
    with db.session() as session:
        session.connection().execute(stmt, [{"learner_id": i, "search": s, "sort": o}
                                            for i, s, o in keys])

