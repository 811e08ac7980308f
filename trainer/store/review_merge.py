"""Review state in progress bundles: export, the checks of each field, and the merge rule.

Two members of their own: ``review_items`` (one FSRS card per learner and exercise) and
``review_answers`` (which attempts were review answers). Merge rules, deterministic on every
machine: an item keeps the state of its *later* review (``last_review``; equal times: the
larger canonical JSON, so both machines pick the same); a review mark is added once, for an
attempt this database holds. Importing the same bundle again changes nothing. Bundles made
before review existed have neither member and merge as before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.store.errors import InvalidValue
from trainer.store.exchange import chunks
from trainer.store.models import Attempt, Learner, ReviewAnswer, ReviewItem
from trainer.store.review import KINDS
from trainer.store.types import as_utc

TABLES: tuple[str, ...] = ("review_items", "review_answers")
ITEM_FIELDS = ("employee_no", "pack_id", "exercise_id", "card", "due", "last_review", "reviews",
               "wrong", "spaced_right", "retired_at")
ANSWER_FIELDS = ("attempt_id", "employee_no", "kind", "rating", "answered_at")
_STATE = ("card", "due", "last_review", "reviews", "wrong", "spaced_right", "retired_at")


def count(value: Any, what: str, limit: int = 10_000_000) -> int:
    """A whole number 0..limit (answers given, right answers in a row)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        raise InvalidValue(f"The {what} must be a whole number 0..{limit}, not {value!r}.")
    return value


def rating(value: Any) -> int:
    if isinstance(value, bool) or value not in (1, 2, 3, 4):
        raise InvalidValue(f"A review rating is 1, 2, 3 or 4, not {value!r}.")
    return int(value)


def kind(value: Any) -> str:
    if value not in KINDS:
        raise InvalidValue(f"A review answer is one of {', '.join(KINDS)}, not {value!r}.")
    return str(value)


def export_items() -> tuple[Any, tuple[str, ...]]:
    r = ReviewItem
    query = (select(Learner.employee_no, r.pack_id, r.exercise_id, r.card, r.due, r.last_review,
                    r.reviews, r.wrong, r.spaced_right, r.retired_at)
             .join(Learner, r.learner_id == Learner.id)
             .order_by(Learner.employee_no, r.pack_id, r.exercise_id))
    return query, ITEM_FIELDS


def export_answers() -> tuple[Any, tuple[str, ...]]:
    a = ReviewAnswer
    query = (select(a.attempt_id, Learner.employee_no, a.kind, a.rating, a.answered_at)
             .join(Learner, a.learner_id == Learner.id).order_by(a.answered_at, a.attempt_id))
    return query, ANSWER_FIELDS


def _canonical(state: Mapping[str, Any]) -> tuple[Any, str]:
    values = {name: state[name] for name in _STATE}
    values["due"], values["last_review"] = as_utc(values["due"]), as_utc(values["last_review"])
    if values["retired_at"] is not None:
        values["retired_at"] = as_utc(values["retired_at"])
    return values["last_review"], json.dumps(values, sort_keys=True, default=str)


def merge_review(session: Session, items: Sequence[Mapping[str, Any]],
                 answers: Sequence[Mapping[str, Any]], ids: Mapping[str, int],
                 apply: bool) -> int:
    """Items changed or added plus review marks added (see the module rules)."""
    local: dict[tuple[str, str, str], ReviewItem] = {}
    for chunk in chunks(sorted({r["employee_no"] for r in items})):
        for row, number in session.execute(
                select(ReviewItem, Learner.employee_no)
                .join(Learner, ReviewItem.learner_id == Learner.id)
                .where(Learner.employee_no.in_(chunk))):
            local[(number, row.pack_id, row.exercise_id)] = row
    changed = 0
    for record in items:
        key = (record["employee_no"], record["pack_id"], record["exercise_id"])
        row = local.get(key)
        if row is not None and _canonical(record) <= _canonical(
                {name: getattr(row, name) for name in _STATE}):
            continue
        changed += 1
        if not apply:
            continue
        if row is None:
            row = local[key] = ReviewItem(learner_id=ids[key[0]], pack_id=key[1],
                                          exercise_id=key[2])
            session.add(row)
        for name in _STATE:
            setattr(row, name, record.get(name))
    if apply:
        session.flush()
    return changed + _merge_answers(session, answers, ids, apply)


def _merge_answers(session: Session, records: Iterable[Mapping[str, Any]],
                   ids: Mapping[str, int], apply: bool) -> int:
    records = list(records)
    wanted = [r["attempt_id"] for r in records]
    marked: set[Any] = set()
    held: set[Any] = set()
    for chunk in chunks(wanted):
        marked |= set(session.scalars(select(ReviewAnswer.attempt_id)
                                      .where(ReviewAnswer.attempt_id.in_(chunk))))
        held |= set(session.scalars(select(Attempt.id).where(Attempt.id.in_(chunk))))
    # the preview runs before the bundle's attempts are added: count those it would add too
    new = [r for r in records if r["attempt_id"] not in marked
           and (r["attempt_id"] in held or not apply)]
    if apply:
        for record in new:
            session.add(ReviewAnswer(attempt_id=record["attempt_id"],
                                     learner_id=ids[record["employee_no"]], kind=record["kind"],
                                     rating=record["rating"], answered_at=record["answered_at"]))
        session.flush()
    return len(new)
