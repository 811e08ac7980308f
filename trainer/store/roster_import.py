"""Writing a checked roster: create or update learners by employee number, in one transaction.

Rules (shown to HR in the preview, so nothing is a surprise):
- without ``skip_bad`` any problem row stops the whole import and nothing is written;
- an empty cell leaves an existing learner's value as it is; a PIN only fills an empty PIN
  (a learner may have changed theirs), so importing the same roster twice changes nothing;
- HR may add and update learners; giving a role other than learner needs an administrator,
  and trainer/HR/admin accounts need a PIN; the last administrator is never demoted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from trainer.store import audit
from trainer.store.db import Database
from trainer.store.errors import InvalidValue
from trainer.store.models import Department, Learner
from trainer.store.permissions import Actor, require
from trainer.store.roster import SIMILAR_CODES, RosterPreview, RosterRow, RowProblem, unpadded
from trainer.store.security import hash_pin, hash_pins
from trainer.store.types import utcnow
from trainer.store.units import SEPARATOR, ensure_unit

CHUNK = 500  # employee numbers per IN (...) query
WRITE_CHUNK = 2000  # new learners per INSERT batch (and per progress report)

# ``progress(stage, done, total)``: stage "pins" while PINs are hashed, "write" while writing.
Progress = Callable[[str, int, int], None]


class RosterInvalid(InvalidValue):
    """The roster has problem rows and ``skip_bad`` was not given: nothing was written."""


@dataclass(frozen=True)
class RowPlan:
    """What importing one row would do: "create", "update", "unchanged" or "skip"."""

    row: RosterRow
    action: str
    changes: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class RosterPlan:
    rows: tuple[RowPlan, ...]
    new_departments: tuple[str, ...] = ()  # units the import would create, parents first

    def count(self, action: str) -> int:
        return sum(1 for plan in self.rows if plan.action == action)

    @property
    def bad(self) -> tuple[RowPlan, ...]:
        return tuple(plan for plan in self.rows if plan.problems)


@dataclass(frozen=True)
class RosterResult:
    created: int
    updated: int
    unchanged: int
    skipped: tuple[RowPlan, ...]


def plan_roster(db: Database, preview: RosterPreview, *, actor: Actor | None,
                allow_similar: bool = False) -> RosterPlan:
    """The preview checked against the database: what each row would change, or why it can't.

    A number that differs from a stored (or another row's) number only by leading zeros is
    a problem unless ``allow_similar``: HR confirms that 000102 and 102 are two people."""
    require(actor, "hr")
    with db.reader() as session:
        return _planned(session, preview, actor, allow_similar)[0]


def import_roster(db: Database, preview: RosterPreview, *, actor: Actor | None,
                  skip_bad: bool = False, progress: Progress | None = None,
                  allow_similar: bool = False) -> RosterResult:
    """Write the roster's good rows in one transaction, with one audit entry.

    PINs are hashed first, on every core and outside the transaction (so the database is not
    held locked), at the initial-PIN cost (security.py); an exception from ``progress`` (the
    user cancelled) stops the import before anything is written, or rolls the write back.
    """
    require(actor, "hr")
    if preview.unmapped_required:
        missing = ", ".join(preview.unmapped_required)
        raise RosterInvalid(f"{preview.source}: no column for {missing}.",
                            hint="Name the columns 工号 and 姓名 (or map them in the dialog).")
    with db.reader() as session:
        first, _ = _planned(session, preview, actor, allow_similar)
    if first.bad and not skip_bad:
        raise _refusal(preview, first)
    rows = [p.row for p in first.rows if _needs_pin(p)]
    hashed = hash_pins([row.pin or "" for row in rows], initial=True,
                       progress=None if progress is None else
                       lambda done, total: progress("pins", done, total))
    pins = {row.line: pin for row, pin in zip(rows, hashed, strict=True)}
    with db.session() as session:
        plan, existing = _planned(session, preview, actor, allow_similar)
        if plan.bad and not skip_bad:
            raise _refusal(preview, plan)
        _write(session, plan, existing, pins, progress)
        result = RosterResult(plan.count("create"), plan.count("update"),
                              plan.count("unchanged"), plan.bad)
        audit.record(session, actor, audit.ROSTER_IMPORT, {
            "file": preview.source.name, "encoding": preview.encoding,
            "created": result.created, "updated": result.updated,
            "unchanged": result.unchanged, "skipped": [p.row.line for p in plan.bad],
            "similar_numbers_allowed": allow_similar, "sheet": preview.table.sheet
            if preview.table is not None else "",
            "roles": [{"employee_no": p.row.employee_no, "role": p.row.role}
                      for p in plan.rows if "role" in p.changes
                      or (p.action == "create" and p.row.role not in (None, "learner"))]})
        return result


def _write(session: Session, plan: RosterPlan, existing: dict[str, Learner],
           pins: dict[int, str], progress: Progress | None) -> None:
    """Updates through the learners already loaded; new learners in INSERT batches."""
    writes = [item for item in plan.rows if item.action in ("create", "update")]
    departments = _departments(session, {item.row.department for item in writes})
    new: list[dict[str, object]] = []
    for done, item in enumerate(writes, start=1):
        pin = pins.get(item.row.line)
        if pin is None and _needs_pin(item):  # changed since the first look
            pin = hash_pin(item.row.pin or "", initial=True)
        if item.action == "create":
            new.append(_new_learner(item.row, pin, departments))
        else:
            _update(existing[item.row.employee_no], item, pin, departments)
        if len(new) >= WRITE_CHUNK or done == len(writes):
            if new:
                session.execute(insert(Learner), new)
                new = []
            if progress is not None:
                progress("write", done, len(writes))


def _departments(session: Session, names: set[str | None]) -> dict[str, int]:
    """Department ids by name, creating the new ones: one query, not one per row."""
    wanted = {name for name in names if name}
    found: dict[str, int] = {}
    listed = sorted(wanted)
    for start in range(0, len(listed), CHUNK):
        chunk = listed[start:start + CHUNK]
        found.update((name, ident) for name, ident in session.execute(
            select(Department.name, Department.id).where(Department.name.in_(chunk))))
    for name in sorted(wanted - set(found)):  # parents first: a/b sorts before a/b/c
        found[name] = ensure_unit(session, name).id
    return found


def _new_learner(row: RosterRow, pin_hash: str | None,
                 departments: dict[str, int]) -> dict[str, object]:
    now = utcnow()
    return {"employee_no": row.employee_no, "name": row.name, "role": row.role or "learner",
            "email": row.email, "pin_hash": pin_hash, "active": True, "failed_tries": 0,
            "department_id": departments.get(row.department or ""),
            "created_at": now, "updated_at": now}


def _needs_pin(item: RowPlan) -> bool:
    return bool(item.row.pin) and (item.action == "create" or "pin" in item.changes)


def _refusal(preview: RosterPreview, plan: RosterPlan) -> RosterInvalid:
    lines = [f"{preview.source}:{p.row.line}: {problem}"
             for p in plan.bad for problem in p.problems]
    shown = "\n".join(lines[:20]) + (f"\n… and {len(lines) - 20} more" if len(lines) > 20 else "")
    similar = any(getattr(problem, "code", "") in SIMILAR_CODES
                  for p in plan.bad for problem in p.problems)
    return RosterInvalid(
        f"{len(plan.bad)} of {len(plan.rows)} rows have problems; nothing was imported.\n{shown}",
        hint="Fix those rows and import again, or import only the good rows with --skip-bad."
        + (" If numbers that differ only by leading zeros really are different people, add "
           "--allow-similar-numbers." if similar else ""))


def _existing(session: Session, numbers: list[str]) -> dict[str, Learner]:
    found: dict[str, Learner] = {}
    for start in range(0, len(numbers), CHUNK):
        chunk = numbers[start:start + CHUNK]
        found.update((learner.employee_no, learner) for learner in
                     session.scalars(select(Learner).where(Learner.employee_no.in_(chunk))))
    return found


def _planned(session: Session, preview: RosterPreview, actor: Actor | None,
             allow_similar: bool = False) -> tuple[RosterPlan, dict[str, Learner]]:
    """The plan, and the stored learners it matched (loaded in ``session``, for updating)."""
    existing = _existing(session, [row.employee_no for row in preview.rows if row.employee_no])
    admins = session.scalar(select(func.count()).select_from(Learner)
                            .where(Learner.role == "admin", Learner.active)) or 0
    is_admin = actor is not None and actor.role == "admin"
    similar = {} if allow_similar else _similar_stored(session, preview)
    plans = []
    for row in preview.rows:
        current = existing.get(row.employee_no)
        changes = _changes(row, current)
        problems = [p for p in row.problems
                    if not (allow_similar and getattr(p, "code", "") in SIMILAR_CODES)]
        if not problems:
            problems += _rights_problems(row, current, changes, is_admin, admins)
        if not problems and current is None and row.employee_no in similar:
            stored = similar[row.employee_no]
            code = "lost_zeros" if len(stored) > len(row.employee_no) else "added_zeros"
            problems.append(RowProblem(code, number=row.employee_no, stored=stored))
        if problems:
            plans.append(RowPlan(row, "skip", changes, tuple(problems)))
        elif current is None:
            plans.append(RowPlan(row, "create", changes))
        else:
            plans.append(RowPlan(row, "update" if changes else "unchanged", changes))
    return RosterPlan(tuple(plans), _new_departments(session, plans)), existing


def _similar_stored(session: Session, preview: RosterPreview) -> dict[str, str]:
    """Row numbers → a stored number that differs only by leading zeros (102 ↔ 000102): Excel
    drops the zeros of numbers typed into a cell, which would otherwise make a second person."""
    padded = {number.lstrip("0"): number for number in session.scalars(
        select(Learner.employee_no).where(Learner.employee_no.like("0%")))
        if unpadded(number) is not None}
    found = {row.employee_no: padded[row.employee_no] for row in preview.rows
             if row.employee_no in padded and padded[row.employee_no] != row.employee_no}
    wanted = {key: row.employee_no for row in preview.rows
              if row.employee_no.startswith("0") and (key := unpadded(row.employee_no))}
    stored = _existing(session, sorted(wanted))
    found.update((wanted[key], key) for key in stored)
    return found


def _new_departments(session: Session, plans: list[RowPlan]) -> tuple[str, ...]:
    """Every unit (and parent unit) the rows to write name that is not stored yet."""
    wanted: set[str] = set()
    for item in plans:
        if item.action in ("create", "update") and item.row.department:
            parts = item.row.department.split(SEPARATOR)
            wanted.update(SEPARATOR.join(parts[:n]) for n in range(1, len(parts) + 1))
    listed = sorted(wanted)
    known: set[str] = set()
    for start in range(0, len(listed), CHUNK):
        known.update(session.scalars(select(Department.name).where(
            Department.name.in_(listed[start:start + CHUNK]))))
    return tuple(name for name in listed if name not in known)


def _changes(row: RosterRow, current: Learner | None) -> tuple[str, ...]:
    if current is None:
        return ("new",)
    changed = []
    if row.name and row.name != current.name:
        changed.append("name")
    department = current.department.name if current.department else None
    if row.department and row.department != department:
        changed.append("department")
    if row.role and row.role != current.role:
        changed.append("role")
    if row.email and row.email != current.email:
        changed.append("email")
    if row.pin and current.pin_hash is None:
        changed.append("pin")
    return tuple(changed)


def _rights_problems(row: RosterRow, current: Learner | None, changes: tuple[str, ...],
                     is_admin: bool, admins: int) -> list[RowProblem]:
    role = row.role or (current.role if current else "learner")
    granting = role != "learner" and (current is None or "role" in changes)
    problems: list[RowProblem] = []
    if granting and not is_admin:
        problems.append(RowProblem("grant_needs_admin", role=role))
    has_pin = bool(row.pin) or (current is not None and current.pin_hash is not None)
    if granting and not has_pin:
        problems.append(RowProblem("role_needs_pin", role=role))
    if current is not None and current.role == "admin" and "role" in changes and admins <= 1:
        problems.append(RowProblem("last_admin", name=current.name))
    return problems


def _update(learner: Learner, item: RowPlan, pin_hash: str | None,
            departments: dict[str, int]) -> None:
    row = item.row
    if "name" in item.changes:
        learner.name = row.name
    if "department" in item.changes:
        learner.department_id = departments.get(row.department or "")
    if "role" in item.changes:
        learner.role = row.role or learner.role
    if "email" in item.changes:
        learner.email = row.email
    if "pin" in item.changes:
        learner.pin_hash = pin_hash
    learner.updated_at = utcnow()
