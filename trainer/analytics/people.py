"""Filling the learners' search and sort keys, so lists of people filter and sort in SQL.

The keys are pinyin readings (``namesearch``), which the store cannot compute: it sees only
the rows. Rows written through any path (a new account, a roster import, a merged bundle, a
tool writing SQL) start without keys, and a changed name empties them; this fills every row
that has none, in batches, and is cheap when there is nothing to do (one indexed query).
Read on a worker: the first call imports pypinyin (about half a second).
"""

from __future__ import annotations

from trainer.analytics.namesearch import person_key, sort_key
from trainer.store import people_list
from trainer.store.db import Database

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
