"""Rows in bulk: progress bundles out of and into the store, and generated demonstration data.

Records are plain dicts of Python values (str, int, datetime, UUID, JSON-able), keyed by
employee number rather than database ids, so they mean the same on every machine. The bundle
file format (zip, manifest, signature, digests) lives in ``trainer.exchange``; records are
checked by the store's own rules (``trainer.store.validate``) before they get here.

Merge rules (DESIGN §3, importing the same records twice changes nothing):
- a bundle carries progress, not rights. Learners by employee number: new ones are created as
  plain learners without a PIN (roles and PINs stay with each machine; a role in a bundle is
  never applied); a known one takes the name, department and e-mail from a newer record, and
  its active flag too only while it is a plain learner here: a trainer's, HR's or
  administrator's account is switched on or off on its own machine, never by a bundle, so no
  bundle can lock out the last active administrator;
- enrolments are added; lesson progress keeps the longest time, the newer position and the
  furthest status (as on one machine, a status only moves forward); attempts are added once,
  by their UUID.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import Uuid, insert, select
from sqlalchemy.orm import Session

from trainer.store.departments import department_named
from trainer.store.models import Attempt, Department, Device, Enrollment, Learner, LessonProgress
from trainer.store.types import UTCDateTime, as_utc

TABLES: tuple[str, ...] = ("devices", "learners", "enrollments", "lesson_progress",
                           "review_items", "review_answers", "attempts")  # attempts stay last
OPTIONAL: frozenset[str] = frozenset({"review_items", "review_answers"})  # older bundles lack them
CHUNK = 500  # keys per IN (...) query, well under every backend's parameter limit
INSERT_BATCH = 5000
BULK_CACHE_KIB = 128 * 1024  # page cache while bulk inserting, released afterwards


@dataclass(frozen=True)
class LearnerChange:
    """One learner in a merge preview: "new", "updated" or "unchanged", and what they bring."""

    employee_no: str
    name: str
    department: str | None
    action: str
    new_attempts: int
    lesson_changes: int


@dataclass(frozen=True)
class MergePlan:
    """What a merge adds or changes; ``changes == 0`` means the records are already here."""

    devices_new: int
    learners_new: int
    learners_updated: int
    enrollments_new: int
    lessons_new: int
    lessons_updated: int
    attempts_new: int
    attempts_known: int
    learners: tuple[LearnerChange, ...]
    accounts_kept: int = 0  # newer records that would switch a privileged account on or off
    reviews_changed: int = 0  # review items added or updated and review marks added

    @property
    def changes(self) -> int:
        return (self.devices_new + self.learners_new + self.learners_updated
                + self.enrollments_new + self.lessons_new + self.lessons_updated
                + self.attempts_new + self.reviews_changed)


# --- export ---------------------------------------------------------------------------------


def export_records(session: Session, table: str, local_device: uuid.UUID | None
                   ) -> Iterator[dict[str, Any]]:
    """Every record of one bundle table, streamed (attempts may be millions)."""
    query, names = _EXPORTS[table]()
    for row in session.execute(query.execution_options(yield_per=INSERT_BATCH)):
        record = dict(zip(names, row, strict=True))
        if table == "attempts" and record["device_id"] is None:
            record["device_id"] = local_device  # made here before devices were recorded
        yield record


def _export_devices() -> tuple[Any, tuple[str, ...]]:
    return select(Device.id, Device.name).order_by(Device.created_at), ("id", "name")


def _export_learners() -> tuple[Any, tuple[str, ...]]:
    query = (select(Learner.employee_no, Learner.name, Department.name, Learner.role,
                    Learner.email, Learner.active, Learner.updated_at)
             .outerjoin(Department, Learner.department_id == Department.id)
             .order_by(Learner.id))
    return query, ("employee_no", "name", "department", "role", "email", "active", "updated_at")


def _export_enrollments() -> tuple[Any, tuple[str, ...]]:
    query = (select(Learner.employee_no, Enrollment.pack_id, Enrollment.enrolled_at)
             .join(Learner, Enrollment.learner_id == Learner.id).order_by(Enrollment.id))
    return query, ("employee_no", "pack_id", "enrolled_at")


def _export_lessons() -> tuple[Any, tuple[str, ...]]:
    p = LessonProgress
    query = (select(Learner.employee_no, p.pack_id, p.module_id, p.status, p.seconds,
                    p.position, p.updated_at, p.completed_at)
             .join(Learner, p.learner_id == Learner.id).order_by(p.id))
    return query, ("employee_no", "pack_id", "module_id", "status", "seconds", "position",
                   "updated_at", "completed_at")


def _export_attempts() -> tuple[Any, tuple[str, ...]]:
    a = Attempt
    query = (select(a.id, Learner.employee_no, a.pack_id, a.pack_version, a.exercise_id,
                    a.response, a.score, a.weights, a.started_at, a.finished_at, a.device_id,
                    a.recorded_at)
             .join(Learner, a.learner_id == Learner.id).order_by(a.recorded_at, a.id))
    return query, ATTEMPT_FIELDS


ATTEMPT_FIELDS: tuple[str, ...] = (
    "id", "employee_no", "pack_id", "pack_version", "exercise_id", "response", "score",
    "weights", "started_at", "finished_at", "device_id", "recorded_at")

def _export_review(table: str) -> tuple[Any, tuple[str, ...]]:
    from trainer.store import review_merge

    return review_merge.export_items() if table == "review_items" else review_merge.export_answers()


_EXPORTS = {"devices": _export_devices, "learners": _export_learners,
            "enrollments": _export_enrollments, "lesson_progress": _export_lessons,
            "review_items": lambda: _export_review("review_items"),
            "review_answers": lambda: _export_review("review_answers"),
            "attempts": _export_attempts}


# --- helpers shared by merge and demo data ----------------------------------------------------


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def bulk_insert(session: Session, model: type[Any], rows: Iterable[dict[str, Any]]) -> int:
    """Insert many rows (column names as keys) in batches of executemany; returns the count.

    On SQLite the rows skip SQLAlchemy's per-statement machinery (10× faster for a million
    attempts) but still go through each column type's own conversion and defaults.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        total = 0
        for batch in _batches(rows):
            session.execute(insert(model), batch)
            total += len(batch)
        return total
    raw = connection.connection.driver_connection
    assert raw is not None  # an open session always has its DBAPI connection
    previous = raw.execute("PRAGMA cache_size").fetchone()[0]
    raw.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")  # random UUID keys thrash a small cache
    try:
        total = 0
        for batch in _batches(rows):
            _sqlite_executemany(connection, model.__table__, batch)
            total += len(batch)
        return total
    finally:
        raw.execute(f"PRAGMA cache_size={int(previous)}")


@contextmanager
def indexes_built_after(session: Session, model: type[Any]) -> Iterator[None]:
    """Load an (empty) table without its secondary indexes, then build them once, sorted.

    For generated benchmark data only: a million rows load ~5× faster. The drop and the
    rebuild are part of the caller's transaction, so a failure leaves the schema as it was.
    """
    connection = session.connection()
    indexes = sorted(model.__table__.indexes, key=lambda index: str(index.name))
    for index in indexes:
        index.drop(connection)
    yield
    for index in indexes:
        index.create(connection)


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= INSERT_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _sqlite_executemany(connection: Any, table: Any, batch: list[dict[str, Any]]) -> None:
    """One executemany on the session's own DBAPI connection (so it is the same transaction)."""
    dialect = connection.dialect
    given = list(batch[0])
    defaults = {c.name: c.default.arg(None) if callable(c.default.arg) else c.default.arg
                for c in table.columns if c.name not in given and c.default is not None
                and (c.default.is_scalar or c.default.is_callable)}
    fixed = tuple(_bind(table.c[name], dialect, value) for name, value in defaults.items())
    columns: list[Any] = []
    for name in given:  # column by column: one converter per list, no per-row loop of them
        values = [row[name] for row in batch]
        convert = _converter(table.c[name], dialect)
        if convert is not None:
            values = [None if value is None else convert(value) for value in values]
        columns.append(values)
    columns.extend([value] * len(batch) for value in fixed)
    params = list(zip(*columns, strict=True))
    names = given + list(defaults)
    sql = (f"INSERT INTO {table.name} ({', '.join(names)}) "
           f"VALUES ({', '.join('?' for _ in names)})")
    connection.connection.driver_connection.executemany(sql, params)


def _bind(column: Any, dialect: Any, value: Any) -> Any:
    convert = _converter(column, dialect)
    return value if convert is None or value is None else convert(value)


def _sqlite_time(value: datetime) -> str:
    if value.tzinfo is not UTC:
        value = as_utc(value)
    return value.isoformat(" ", "microseconds")[:-6]  # UTC's "+00:00" off, as stored (a third
    # quicker than replace(tzinfo=None) first: a million answers write three million times)


_UUID_HEX = attrgetter("hex")


def _converter(column: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """The column type's own bind conversion (None: none needed) for values that are not None,
    made cheap for times and for the same JSON object repeated (a weight map)."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    sample = datetime(2001, 2, 3, 4, 5, 6, 7, tzinfo=UTC)
    if isinstance(column.type, UTCDateTime) and process(sample) == _sqlite_time(sample):
        return _sqlite_time
    key = uuid.UUID(int=0x0123456789ABCDEF0123456789ABCDEF)
    if isinstance(column.type, Uuid) and process(key) == key.hex:
        return _UUID_HEX  # the same as SQLAlchemy's, a Python call fewer (two per answer)
    memo: dict[int, tuple[Any, Any]] = {}

    def convert(value: Any) -> Any:
        if not isinstance(value, dict | list):
            return process(value)
        cached = memo.get(id(value))
        if cached is None or cached[0] is not value:
            cached = memo[id(value)] = (value, process(value))
        return cached[1]
    return convert


def learner_ids(session: Session, numbers: Sequence[str]) -> dict[str, int]:
    """Employee number → database id for those that exist."""
    found: dict[str, int] = {}
    for chunk in chunks(list(numbers)):
        query = select(Learner.employee_no, Learner.id).where(Learner.employee_no.in_(chunk))
        found.update((number, learner_id) for number, learner_id in session.execute(query))
    return found


def department_ids(session: Session, names: Iterable[str | None]) -> dict[str, int]:
    """Department name → id, creating the departments that are new."""
    result: dict[str, int] = {}
    for name in sorted({n for n in names if n}):
        department = department_named(session, name)
        if department is not None:
            result[name] = department.id
    return result


def counter_of(records: Iterable[Mapping[str, Any]]) -> Counter[str]:
    return Counter(record["employee_no"] for record in records)
