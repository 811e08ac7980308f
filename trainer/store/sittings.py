"""Final-assessment sittings as they happen: each answer and the time used are committed when
given, so a crash, a power cut or a killed process loses nothing of a sitting.

A sitting's answers become attempts only at hand-in (``hand_in``), in the transaction that sets
its hand-in marker: attempts stay "answers handed in", and attempts with no sitting row (older
databases, progress bundles) keep counting as handed in. Open sittings belong to the machine
they were begun on and are never bundled; the answers travel once handed in. Each call is one
short transaction on the learner's own records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from trainer.store import credits, summary, validate
from trainer.store.db import Database
from trainer.store.errors import Duplicate, InvalidValue, NotFound
from trainer.store.models import AssessmentSitting, Attempt, Learner
from trainer.store.types import as_utc, utcnow

CLOCKS = ("runs", "pauses")  # while the learner is away the clock keeps running / stops


@dataclass(frozen=True)
class SittingState:
    id: int
    learner_id: int
    pack_id: str
    pack_version: str
    module_id: str
    started_at: datetime
    time_limit: int | None  # seconds
    clock: str
    seconds_used: float
    answers: dict[str, Any]
    updated_at: datetime
    handed_in_at: datetime | None
    questions: tuple[str, ...] | None = None  # drawn from a pool; None: all of the module's


def _state(row: AssessmentSitting) -> SittingState:
    return SittingState(row.id, row.learner_id, row.pack_id, row.pack_version, row.module_id,
                        as_utc(row.started_at), row.time_limit, row.clock,
                        float(row.seconds_used), dict(row.answers or {}),
                        as_utc(row.updated_at),
                        as_utc(row.handed_in_at) if row.handed_in_at else None,
                        tuple(row.questions) if row.questions is not None else None)


def begin_sitting(db: Database, learner_id: int, pack_id: str, pack_version: str,
                  module_id: str, *, started_at: datetime, time_limit: int | None,
                  clock: str = "runs", questions: list[str] | None = None) -> SittingState:
    """Record that a sitting has begun (before the first answer), committed at once, with the
    questions drawn for it from a pool (None: all of the module's), so a resumed sitting shows
    the same ones."""
    if clock not in CLOCKS:
        raise InvalidValue(f"A sitting's clock must be one of {', '.join(CLOCKS)}, not {clock!r}.")
    if time_limit is not None and not 0 < time_limit <= 24 * 3600:
        raise InvalidValue(f"A time limit must be 1..86400 s, not {time_limit}.")
    row = AssessmentSitting(
        learner_id=learner_id, pack_id=validate.pack_key(pack_id, "pack id"),
        pack_version=validate.version(pack_version),
        module_id=validate.pack_key(module_id, "module id"),
        started_at=validate.moment(started_at, "start time"), time_limit=time_limit,
        clock=clock, seconds_used=0.0, answers={}, updated_at=utcnow())
    if questions is not None:  # unset stays SQL NULL (an explicit None would be JSON null)
        row.questions = _questions(questions)
    with db.session() as session:
        if session.get(Learner, learner_id) is None:
            raise NotFound(f"There is no learner with id {learner_id}.")
        session.add(row)
        session.flush()
        return _state(row)


def _questions(questions: list[str] | None) -> list[str] | None:
    if questions is None:
        return None
    ids = [validate.pack_key(q, "exercise id") for q in questions]
    if not ids or len(set(ids)) != len(ids):
        raise InvalidValue("A sitting's drawn questions must be distinct exercise ids, at "
                           "least one.")
    return ids


def last_questions(db: Database, learner_id: int, pack_id: str,
                   module_id: str) -> tuple[str, ...]:
    """The questions drawn for the learner's latest sitting of the module (empty: none, or it
    used all of them), so a retake can draw others."""
    query = (select(AssessmentSitting.questions)
             .where(AssessmentSitting.learner_id == learner_id,
                    AssessmentSitting.pack_id == pack_id,
                    AssessmentSitting.module_id == module_id)
             .order_by(AssessmentSitting.started_at.desc()).limit(1))
    with db.reader() as session:
        found = session.scalars(query).first()
    return tuple(found or ())


def open_sitting(db: Database, learner_id: int, pack_id: str,
                 module_id: str) -> SittingState | None:
    """The learner's sitting of the assessment module not handed in yet (the latest)."""
    query = (select(AssessmentSitting)
             .where(AssessmentSitting.learner_id == learner_id,
                    AssessmentSitting.pack_id == pack_id,
                    AssessmentSitting.module_id == module_id,
                    AssessmentSitting.handed_in_at.is_(None))
             .order_by(AssessmentSitting.started_at.desc()).limit(1))
    with db.reader() as session:
        row = session.scalars(query).first()
        return _state(row) if row is not None else None


def _open_row(session: Session, sitting_id: int) -> AssessmentSitting:
    row = session.get(AssessmentSitting, sitting_id, with_for_update=True)
    if row is None:
        raise NotFound(f"There is no assessment sitting {sitting_id}.")
    if row.handed_in_at is not None:
        raise Duplicate("This assessment sitting was handed in already; its answers are kept.")
    return row


def save_answer(db: Database, sitting_id: int, exercise_id: str, response: Any, *,
                seconds_used: float | None = None) -> None:
    """Keep one answer as given (None: the question has no answer again), committed at once."""
    exercise_id = validate.pack_key(exercise_id, "exercise id")
    response = validate.json_value(response, "answer")
    with db.session() as session:
        row = _open_row(session, sitting_id)
        answers = dict(row.answers or {})
        if response is None:
            answers.pop(exercise_id, None)
        else:
            answers[exercise_id] = response
        row.answers = answers
        if seconds_used is not None:
            row.seconds_used = max(float(row.seconds_used), _seconds(seconds_used))
        row.updated_at = utcnow()


def save_time(db: Database, sitting_id: int, seconds_used: float) -> None:
    """Keep the time the sitting has been on screen (it never goes back)."""
    seconds = _seconds(seconds_used)
    with db.session() as session:
        session.execute(update(AssessmentSitting)
                        .where(AssessmentSitting.id == sitting_id,
                               AssessmentSitting.handed_in_at.is_(None),
                               AssessmentSitting.seconds_used < seconds)
                        .values(seconds_used=seconds, updated_at=utcnow()))


def _seconds(value: float) -> float:
    if not 0 <= value <= 7 * 24 * 3600:
        raise InvalidValue(f"Time used must be 0..604800 s, not {value}.")
    return float(value)


def hand_in(db: Database, sitting_id: int, graded: list[dict[str, Any]], *,
            at: datetime) -> bool:
    """Save the graded answers as attempts (``exercise_id, response, score, weights``) and mark
    the sitting handed in, in one transaction. False when it was handed in already (by another
    window or process): nothing is written twice."""
    moment = validate.moment(at, "hand-in time")
    with db.session() as session:
        row = session.get(AssessmentSitting, sitting_id, with_for_update=True)
        if row is None:
            raise NotFound(f"There is no assessment sitting {sitting_id}.")
        if row.handed_in_at is not None:
            return False
        rows = [{"learner_id": row.learner_id, "pack_id": row.pack_id,
                 "pack_version": row.pack_version,
                 "exercise_id": validate.pack_key(g["exercise_id"], "exercise id"),
                 "response": validate.json_value(g["response"], "answer"),
                 "score": validate.score(g["score"]), "weights": validate.weights(g["weights"]),
                 "started_at": as_utc(row.started_at), "finished_at": moment,
                 "device_id": db.device_id, "recorded_at": utcnow()} for g in graded]
        if rows:
            summary.note_attempts(session, rows)  # before the rows: it reads earlier bests
            session.add_all(Attempt(**r) for r in rows)
            session.flush()
            # a sitting that passes earns its 学时 in the same transaction as its answers
            credits.note_sitting(session, row.learner_id, row.pack_id, row.started_at)
        row.handed_in_at = moment
        row.updated_at = utcnow()
        return True


def handed_in_modules(db: Database, learner_id: int,
                      pack_ids: list[str]) -> set[tuple[str, str]]:
    """(pack id, module id) of the assessments the learner has handed in a sitting of (answered
    or not), by the stored marker."""
    query = (select(AssessmentSitting.pack_id, AssessmentSitting.module_id).distinct()
             .where(AssessmentSitting.learner_id == learner_id,
                    AssessmentSitting.pack_id.in_(pack_ids),
                    AssessmentSitting.handed_in_at.is_not(None)))
    with db.reader() as session:
        return {(pack_id, module_id) for pack_id, module_id in session.execute(query)}


def handed_in_questions(db: Database, learner_id: int,
                        pack_ids: list[str]) -> set[tuple[str, str]]:
    """(pack id, exercise id) of every question drawn for a handed-in sitting of the learner
    (sittings of a question pool only): what they have seen, answered or not."""
    query = (select(AssessmentSitting.pack_id, AssessmentSitting.questions)
             .where(AssessmentSitting.learner_id == learner_id,
                    AssessmentSitting.pack_id.in_(pack_ids),
                    AssessmentSitting.handed_in_at.is_not(None)))
    with db.reader() as session:
        return {(pack_id, str(exercise_id)) for pack_id, questions in session.execute(query)
                if isinstance(questions, list) for exercise_id in questions}
