"""Merging another machine's records (a progress bundle) into this database.

The same code computes the preview (``apply=False``, reads only) and does the import
(``apply=True``, inside the caller's one transaction), so the preview never lies. The rules are
in ``trainer.store.exchange``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.store import credits, summary
from trainer.store.exchange import (
    INSERT_BATCH,
    LearnerChange,
    MergePlan,
    bulk_insert,
    chunks,
    department_ids,
    learner_ids,
)
from trainer.store.models import Attempt, Device, Enrollment, Learner, LessonProgress
from trainer.store.types import as_utc

Records = Mapping[str, Any]  # table → list of records; "attempts" may be a stream instead
_RANK = {"not_started": 0, "in_progress": 1, "completed": 2}


def merge_records(session: Session, data: Records, *, apply: bool) -> MergePlan:
    """Compare (and with ``apply`` write) every table of ``data``; see the module rules."""
    devices_new = _merge_devices(session, data["devices"], apply)
    learner_actions, kept = _merge_learners(session, data["learners"], apply)
    ids = learner_ids(session, [r["employee_no"] for r in data["learners"]]) if apply else {}
    enrollments_new = _merge_enrollments(session, data["enrollments"], ids, apply)
    lesson_actions = _merge_lessons(session, data["lesson_progress"], ids, apply)
    per_learner_attempts, known_attempts = _merge_attempts(session, data["attempts"], ids, apply)
    if apply:  # the 学时 the merged records earn, each once (derived, never copied)
        credits.sync(session, learner_ids=ids.values())
    per_learner_lessons = Counter(number for number, _ in lesson_actions)
    changes = tuple(
        LearnerChange(r["employee_no"], r["name"], r.get("department"),
                      learner_actions[r["employee_no"]], per_learner_attempts[r["employee_no"]],
                      per_learner_lessons[r["employee_no"]])
        for r in data["learners"])
    actions = Counter(learner_actions.values())
    lesson_counts = Counter(action for _, action in lesson_actions)
    return MergePlan(devices_new, actions["new"], actions["updated"], enrollments_new,
                     lesson_counts["new"], lesson_counts["updated"],
                     sum(per_learner_attempts.values()), known_attempts, changes, kept)


def _merge_devices(session: Session, records: Sequence[Mapping[str, Any]], apply: bool) -> int:
    known = set(session.scalars(select(Device.id)))
    new = [r for r in records if r["id"] not in known]
    if apply:
        for record in new:
            session.add(Device(id=record["id"], name=record["name"], is_local=False))
        session.flush()
    return len(new)


def _merge_learners(session: Session, records: Sequence[Mapping[str, Any]],
                    apply: bool) -> tuple[dict[str, str], int]:
    """Employee number → "new" | "updated" | "unchanged", and how many newer records would
    have switched a privileged account on or off (kept as it is, see the module rules)."""
    existing: dict[str, Learner] = {}
    for chunk in chunks([r["employee_no"] for r in records]):
        existing.update((learner.employee_no, learner) for learner in
                        session.scalars(select(Learner).where(Learner.employee_no.in_(chunk))))
    departments = department_ids(session, (r.get("department") for r in records)) if apply else {}
    actions: dict[str, str] = {}
    kept = 0
    for record in records:
        number = record["employee_no"]
        local = existing.get(number)
        if local is None:
            actions[number] = "new"
            if apply:
                session.add(Learner(  # never a role: rights stay with each machine
                    employee_no=number, name=record["name"], role="learner",
                    department_id=departments.get(record.get("department") or ""),
                    email=record.get("email"), active=record.get("active", True),
                    updated_at=record["updated_at"]))
            continue
        newer = as_utc(record["updated_at"]) > as_utc(local.updated_at)
        privileged = local.role != "learner"
        kept += newer and privileged and record.get("active", True) != local.active
        profile = _profile(record, local.active if privileged else record.get("active", True))
        if newer and profile != _profile_of(local):
            actions[number] = "updated"
            if apply:
                local.name, _, local.email, local.active = profile
                local.department_id = departments.get(record.get("department") or "")
                local.updated_at = record["updated_at"]
        else:
            actions[number] = "unchanged"
    if apply:
        session.flush()
    return actions, kept


def _profile(record: Mapping[str, Any], active: bool) -> tuple[Any, ...]:
    return (record["name"], record.get("department"), record.get("email"), active)


def _profile_of(local: Learner) -> tuple[Any, ...]:
    department = local.department.name if local.department else None
    return (local.name, department, local.email, local.active)


def _merge_enrollments(session: Session, records: Sequence[Mapping[str, Any]],
                       ids: Mapping[str, int], apply: bool) -> int:
    known: set[tuple[str, str]] = set()
    for chunk in chunks(sorted({r["employee_no"] for r in records})):
        known.update((number, pack) for number, pack in session.execute(
            select(Learner.employee_no, Enrollment.pack_id)
            .join(Learner, Enrollment.learner_id == Learner.id)
            .where(Learner.employee_no.in_(chunk))))
    new, seen = [], set(known)
    for record in records:
        key = (record["employee_no"], record["pack_id"])
        if key not in seen:
            seen.add(key)
            new.append(record)
    if apply:
        bulk_insert(session, Enrollment, (
            {"learner_id": ids[r["employee_no"]], "pack_id": r["pack_id"],
             "enrolled_at": r["enrolled_at"]} for r in new))
    return len(new)


def _merge_lessons(session: Session, records: Sequence[Mapping[str, Any]],
                   ids: Mapping[str, int], apply: bool) -> list[tuple[str, str]]:
    """(employee number, "new" | "updated") for each lesson record that changes something."""
    local: dict[tuple[str, str, str], LessonProgress] = {}
    for chunk in chunks(sorted({r["employee_no"] for r in records})):
        for found, number in session.execute(
                select(LessonProgress, Learner.employee_no)
                .join(Learner, LessonProgress.learner_id == Learner.id)
                .where(Learner.employee_no.in_(chunk))):
            local[(number, found.pack_id, found.module_id)] = found
    actions: list[tuple[str, str]] = []
    for record in records:
        key = (record["employee_no"], record["pack_id"], record["module_id"])
        row = local.get(key)
        if row is None:
            actions.append((key[0], "new"))
            if apply:
                row = LessonProgress(learner_id=ids[key[0]], pack_id=key[1], module_id=key[2],
                                     status=record["status"], seconds=record["seconds"],
                                     position=record.get("position"),
                                     updated_at=record["updated_at"],
                                     completed_at=_completed_at(record))
                session.add(row)
            continue
        merged = _merged_lesson(row, record)
        if merged != _lesson_values(row):
            actions.append((key[0], "updated"))
            if apply:
                row.status, row.seconds, row.position, row.updated_at, row.completed_at = merged
    if apply:
        session.flush()
    return actions


def _lesson_values(row: LessonProgress) -> tuple[Any, ...]:
    completed = None if row.completed_at is None else as_utc(row.completed_at)
    return (row.status, row.seconds, row.position, as_utc(row.updated_at), completed)


def _completed_at(record: Mapping[str, Any]) -> Any:
    """When a bundle's lesson was completed (older bundles: its last change, the best known)."""
    if record["status"] != "completed":
        return None
    return as_utc(record.get("completed_at") or record["updated_at"])


def _merged_lesson(row: LessonProgress, record: Mapping[str, Any]) -> tuple[Any, ...]:
    theirs, ours = as_utc(record["updated_at"]), as_utc(row.updated_at)
    newer = theirs > ours
    status = max(row.status, record["status"], key=_RANK.__getitem__)  # only moves forward
    position = record.get("position") if newer else row.position
    done = [as_utc(moment) for moment in (row.completed_at, _completed_at(record)) if moment]
    if row.status == "completed" and row.completed_at is None:  # never stamped: its last change
        done.append(ours)
    return (status, max(row.seconds, record["seconds"]), position, max(theirs, ours),
            min(done) if done else None)  # completed the first time either machine did


def _merge_attempts(session: Session, records: Iterable[Mapping[str, Any]],
                    ids: Mapping[str, int], apply: bool) -> tuple[Counter[str], int]:
    """New attempts per employee number, and how many were already here. ``records`` may be a
    stream (a bundle's attempts are read in chunks, never all held in memory)."""
    added: Counter[str] = Counter()
    known_count = 0
    for chunk in _batched(records, INSERT_BATCH):
        known = set(session.scalars(select(Attempt.id).where(
            Attempt.id.in_([r["id"] for r in chunk]))))
        new = [r for r in chunk if r["id"] not in known]
        known_count += len(chunk) - len(new)
        added.update(r["employee_no"] for r in new)
        if apply:
            rows = [{"id": r["id"], "learner_id": ids[r["employee_no"]], "pack_id": r["pack_id"],
                     "pack_version": r["pack_version"], "exercise_id": r["exercise_id"],
                     "response": r["response"], "score": r["score"], "weights": r["weights"],
                     "started_at": r["started_at"], "finished_at": r.get("finished_at"),
                     "device_id": r.get("device_id"), "recorded_at": r["recorded_at"]}
                    for r in new]
            summary.note_attempts(session, rows)  # before the rows: it reads earlier bests
            bulk_insert(session, Attempt, rows)
    return added, known_count


def _batched(records: Iterable[Mapping[str, Any]], size: int
             ) -> Iterator[list[Mapping[str, Any]]]:
    batch: list[Mapping[str, Any]] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
