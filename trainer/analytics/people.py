"""Filling the learners' search and sort keys, so lists of people filter and sort in SQL.

The keys are pinyin readings (``namesearch``), which the store cannot compute: it sees only
the rows. Rows written through any path (a new account, a roster import, a merged bundle, a
tool writing SQL) start without keys, and a changed name empties them; this fills every row
that has none, in batches, and is cheap when there is nothing to do (one indexed query).
Read on a worker: the first call reads the pinyin table (about 50 ms).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from trainer.analytics import sql, summaries
from trainer.analytics.filters import CohortFilter
from trainer.analytics.namesearch import person_key, sort_key
from trainer.content.model import Pack
from trainer.store import people_list
from trainer.store.db import Database
from trainer.store.models import Department, Learner

BATCH = 2000


def keys_for(name: str, employee_no: str, department: str | None) -> tuple[str, str]:
    """(search key, sort key) of one person: the key the in-memory lists match against, and
    the dictionary-order key."""
    return (person_key(str(name), str(employee_no), department), sort_key(str(name)))


def fill_search_keys(db: Database) -> int:
    """Give every learner without keys their keys; returns how many were filled."""
    filled = 0
    while True:
        missing = people_list.without_keys(db, BATCH)
        if not missing:
            return filled
        people_list.save_keys(db, [(learner_id, *keys_for(name, number, department))
                                   for learner_id, name, number, department in missing])
        filled += len(missing)
        if len(missing) < BATCH:
            return filled


# HR's learner table, in SQL: the order of its rows and the search (a page's figures come from
# ``cohort.learner_table(..., only=ids)``), so its first rows need not wait for the whole table.
SQL_ORDERS = ("employee_no", "name", "department", "job_role")


def table_ids(db: Database, packs: Sequence[Pack], flt: CohortFilter | None,
              words: Sequence[str] = (), order: str | None = None,
              descending: bool = False) -> list[int]:
    """The ids of the learner table's rows (``cohort.learner_table`` with the same ``packs``
    and filter keeps exactly these), matching every typed word, in the table's order: by
    department then employee number, or by one of ``SQL_ORDERS``. Ids only: 10,000 cost a
    few milliseconds and no objects."""
    department = (Department.name.is_(None), Department.name)
    columns = {"employee_no": (Learner.employee_no,),
               "name": (Learner.sort_key.is_(None), Learner.sort_key, Learner.name),
               "department": department,
               "job_role": (sql.job_role_column().is_(None), sql.job_role_column())}
    keys = [c.desc() if descending else c for c in columns.get(order or "department", department)]
    stmt = (select(Learner.id).outerjoin(Department, Department.id == Learner.department_id)
            .where(*sql.learner_conditions(flt), *people_list.matching(words))
            .order_by(*keys, Learner.employee_no, Learner.id))
    if flt is not None and flt.course is not None:  # a course's table lists its participants
        part = sql.participants_subquery([p.id for p in packs], flt,
                                         summarised=summaries.usable(db, packs, flt))
        stmt = stmt.where(Learner.id.in_(select(part.c.learner_id)))
    with db.reader() as session:
        return [row[0] for row in session.execute(stmt)]
