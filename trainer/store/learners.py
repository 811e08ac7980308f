"""Learners: create, find, update, sign in, roles and PINs. Each function is one transaction.

Privileged accounts (trainer, HR, admin) need a PIN; only an administrator (or the command line)
grants roles; the first administrator may be created by anyone while there is none (first run),
without a PIN too: personal mode is one person on their own computer who also administers it.
The acting user's role is re-read from the database, so a stale LearnerInfo grants nothing.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from trainer.store import audit, validate
from trainer.store.db import Database
from trainer.store.departments import create_department, department_named, list_departments
from trainer.store.errors import Duplicate, InvalidValue, NotFound, TooManyTries, WrongPin
from trainer.store.info import LearnerInfo
from trainer.store.models import Department, Learner
from trainer.store.permissions import Actor, require, require_self_or
from trainer.store.security import (
    FREE_TRIES,
    delay_after,
    hash_pin,
    verify_and_upgrade,
    verify_pin,
)
from trainer.store.types import utcnow
from trainer.store.units import within

__all__ = ["create_department", "list_departments", "create_learner", "get_learner",
           "find_learners", "find_by_employee_no", "update_learner", "sign_in", "set_role",
           "set_pin", "has_admin", "count_learners"]

_KEEP: object = object()  # "leave this field as it is" in update_learner


def to_info(learner: Learner) -> LearnerInfo:
    return LearnerInfo(
        id=learner.id, employee_no=learner.employee_no, name=learner.name,
        department=learner.department.name if learner.department else None,
        role=learner.role, has_pin=learner.pin_hash is not None, email=learner.email,
        active=learner.active, updated_at=learner.updated_at, last_seen_at=learner.last_seen_at,
        job_role=learner.job_role,
    )


def _load(session: Session, learner_id: int) -> Learner:
    learner = session.get(Learner, learner_id)
    if learner is None:
        raise NotFound(f"There is no learner with id {learner_id}.")
    return learner


def fresh_actor(session: Session, actor: Actor | int | None) -> Actor | None:
    """The actor as the database knows them now (role changes and deactivation apply at once)."""
    if isinstance(actor, int):
        actor = to_info(_load(session, actor))
    elif isinstance(actor, LearnerInfo):
        row = session.get(Learner, actor.id)
        actor = to_info(row) if row is not None and row.active else None
    return actor


def has_admin(db: Database) -> bool:
    """False on first run: the app then asks for an administrator account."""
    with db.reader() as session:
        return _admins(session) > 0


def _admins(session: Session) -> int:
    query = select(func.count()).select_from(Learner).where(Learner.role == "admin",
                                                            Learner.active)
    return session.scalar(query) or 0


def _check_create_rights(session: Session, role: str, pin: str | None,
                         actor: Actor | None) -> None:
    if role == "learner":
        if actor is not None:
            require(actor, "hr")
        return
    first_admin = role == "admin" and _admins(session) == 0
    if pin is None and not (first_admin and actor is None):  # personal mode: no PIN
        raise InvalidValue(f"A {role} account needs a PIN or password.")
    if not first_admin:
        require(actor, "admin")


def create_learner(db: Database, employee_no: str, name: str, department: str | None = None,
                   role: str = "learner", pin: str | None = None, email: str | None = None,
                   actor: Actor | None = None) -> LearnerInfo:
    """A new account. ``actor`` None means self-registration (learner role, or the first admin)."""
    number = validate.text(employee_no, "employee number", 64)
    full_name = validate.text(name, "name", 200)
    role, mail = validate.role(role), validate.email(email)
    pin_hash = hash_pin(pin) if pin is not None else None
    with db.session() as session:
        actor = fresh_actor(session, actor)
        _check_create_rights(session, role, pin, actor)
        clash = session.scalars(select(Learner).where(Learner.employee_no == number)).first()
        if clash is not None:
            raise Duplicate(f"The employee number {number} is already used by {clash.name}.",
                            hint="Employee numbers must be unique; check the number.")
        learner = Learner(employee_no=number, name=full_name, role=role, email=mail,
                          pin_hash=pin_hash, department=department_named(session, department))
        session.add(learner)
        session.flush()
        if role != "learner":  # the first administrator is recorded as their own grant
            audit.record(session, actor if actor is not None else to_info(learner),
                         audit.ROLE_GRANT, {"learner_id": learner.id, "employee_no": number,
                                            "role": role, "new_account": True})
        elif actor is not None:  # HR making someone's account; self-registration is not
            audit.record(session, actor, audit.LEARNER_CREATE,
                         {"learner_id": learner.id, "employee_no": number})
        return to_info(learner)


def get_learner(db: Database, learner_id: int) -> LearnerInfo:
    with db.reader() as session:
        return to_info(_load(session, learner_id))


def find_by_employee_no(db: Database, employee_no: str) -> LearnerInfo | None:
    with db.reader() as session:
        query = select(Learner).where(Learner.employee_no == employee_no.strip())
        found = session.scalars(query).first()
        return to_info(found) if found else None


def find_learners(db: Database, query: str = "", *, department: str | None = None,
                  role: str | None = None, include_inactive: bool = False,
                  limit: int | None = None) -> list[LearnerInfo]:
    """Learners whose name or employee number contains ``query``, sorted by name."""
    stmt = select(Learner).order_by(Learner.name, Learner.id)
    if query.strip():
        pattern = f"%{query.strip()}%"
        stmt = stmt.where(or_(Learner.name.ilike(pattern), Learner.employee_no.ilike(pattern)))
    if department is not None:
        stmt = stmt.where(Learner.department.has(within(Department.name, department)))
    if role is not None:
        stmt = stmt.where(Learner.role == validate.role(role))
    if not include_inactive:
        stmt = stmt.where(Learner.active)
    if limit is not None:
        stmt = stmt.limit(limit)
    with db.reader() as session:
        return [to_info(learner) for learner in session.scalars(stmt).unique()]


def count_learners(db: Database) -> int:
    with db.reader() as session:
        return session.scalar(select(func.count()).select_from(Learner)) or 0


def update_learner(db: Database, learner_id: int, *, actor: Actor | None,
                   name: str | None = None, department: object = _KEEP,
                   email: object = _KEEP, active: bool | None = None,
                   job_role: object = _KEEP) -> LearnerInfo:
    """Change profile fields; learners may edit their own, HR anyone's; HR (de)activates.

    Changes to someone else's account are audited (old and new values, e.g. switched off)."""
    with db.session() as session:
        actor = fresh_actor(session, actor)
        require_self_or(actor, learner_id, "hr")
        learner = _load(session, learner_id)
        before = _profile(learner)
        if name is not None:
            learner.name = validate.text(name, "name", 200)
        if department is not _KEEP:
            learner.department = department_named(session, department)  # type: ignore[arg-type]
        if email is not _KEEP:
            learner.email = validate.email(email)  # type: ignore[arg-type]
        if job_role is not _KEEP:
            learner.job_role = validate.job_role(job_role)  # type: ignore[arg-type]
        if active is not None and active != learner.active:
            require(actor, "hr")
            if not active and learner.role == "admin" and _admins(session) == 1:
                raise InvalidValue(f"{learner.name} is the only administrator.")
            learner.active = active
        learner.updated_at = utcnow()
        changed = {k: [v, _profile(learner)[k]] for k, v in before.items()
                   if v != _profile(learner)[k]}
        if changed and not (isinstance(actor, LearnerInfo) and actor.id == learner_id):
            audit.record(session, actor, audit.LEARNER_UPDATE, {
                "learner_id": learner.id, "employee_no": learner.employee_no,
                "changes": changed})
        return to_info(learner)


def _profile(learner: Learner) -> dict[str, object]:
    """The fields ``update_learner`` changes, as the audit log shows them."""
    return {"name": learner.name, "email": learner.email, "job_role": learner.job_role,
            "active": learner.active,
            "department": learner.department.name if learner.department else None}


def sign_in(db: Database, learner_id: int, pin: str | None) -> LearnerInfo:
    """The learner, when the PIN matches (or they have none). Wrong tries are counted and delayed."""
    if db.read_only:
        return _sign_in_unrecorded(db, learner_id, pin)
    with db.session() as session:
        # PostgreSQL: lock the row, so simultaneous wrong tries are all counted
        session.execute(select(Learner.id).where(Learner.id == learner_id).with_for_update())
        learner = _load(session, learner_id)
        if not learner.active:
            raise NotFound(f"The account of {learner.name} is switched off.",
                           hint="Ask HR or an administrator to switch it on again.")
        now = utcnow()
        if learner.locked_until is not None and learner.locked_until > now:
            wait = (learner.locked_until - now).total_seconds()
            raise TooManyTries(f"Too many wrong PINs for {learner.name}. "
                               f"Try again in {max(1, round(wait))} seconds.", wait_seconds=wait)
        ok, upgraded = (True, None) if learner.pin_hash is None else verify_and_upgrade(
            pin or "", learner.pin_hash)
        if ok:
            learner.failed_tries, learner.locked_until, learner.last_seen_at = 0, None, now
            learner.pin_hash = upgraded or learner.pin_hash  # a roster PIN gets the full cost
            return to_info(learner)
        learner.failed_tries += 1
        wait = delay_after(learner.failed_tries)
        learner.locked_until = now + timedelta(seconds=wait) if wait else None
        failure = _wrong_pin(learner, wait)
    raise failure  # after the block, so the failed try is committed


def _sign_in_unrecorded(db: Database, learner_id: int, pin: str | None) -> LearnerInfo:
    """Signing in on a damaged (read-only) database, so lessons and results can still be read:
    the PIN is checked as usual, but nothing is written; wrong tries are counted and delayed in
    this process only, on top of any lock the file already records."""
    with db.reader() as session:
        learner = _load(session, learner_id)
        if not learner.active:
            raise NotFound(f"The account of {learner.name} is switched off.",
                           hint="Ask HR or an administrator to switch it on again.")
        now = utcnow()
        failures, until = db.unrecorded_tries.get(learner_id, (learner.failed_tries, None))
        until = max((t for t in (until, learner.locked_until) if t is not None), default=None)
        if until is not None and until > now:
            wait = (until - now).total_seconds()
            raise TooManyTries(f"Too many wrong PINs for {learner.name}. "
                               f"Try again in {max(1, round(wait))} seconds.", wait_seconds=wait)
        if learner.pin_hash is None or verify_and_upgrade(pin or "", learner.pin_hash)[0]:
            db.unrecorded_tries.pop(learner_id, None)
            return to_info(learner)
        failures += 1
        wait = delay_after(failures)
        db.unrecorded_tries[learner_id] = (failures, now + timedelta(seconds=wait) if wait
                                           else None)
        raise _wrong_pin(learner, wait, failures)


def _wrong_pin(learner: Learner, wait: float, failures: int | None = None) -> WrongPin:
    if wait:
        hint = f"Wait {round(wait)} seconds before the next try."
    else:
        left = FREE_TRIES - (learner.failed_tries if failures is None else failures)
        hint = f"{left} more wrong {'try' if left == 1 else 'tries'} and signing in is delayed."
    return WrongPin(f"Wrong PIN for {learner.name}.", wait_seconds=wait, hint=hint)


def set_role(db: Database, actor: Actor | int, learner_id: int, role: str) -> LearnerInfo:
    """Administrators change roles; the last administrator cannot be demoted."""
    role = validate.role(role)
    with db.session() as session:
        who = fresh_actor(session, actor)
        require(who, "admin")
        learner = _load(session, learner_id)
        if learner.role == role:
            return to_info(learner)
        if role != "learner" and learner.pin_hash is None:
            raise InvalidValue(f"{learner.name} has no PIN; a {role} account needs one.",
                               hint="Set a PIN for this person first.")
        if learner.role == "admin" and _admins(session) == 1:
            raise InvalidValue(f"{learner.name} is the only administrator.",
                               hint="Make someone else an administrator first.")
        audit.record(session, who, audit.ROLE_CHANGE, {"learner_id": learner.id,
                     "employee_no": learner.employee_no, "from": learner.role, "to": role})
        learner.role, learner.updated_at = role, utcnow()
        return to_info(learner)


def set_pin(db: Database, learner_id: int, pin: str | None, *, actor: Actor | None,
            old_pin: str | None = None) -> LearnerInfo:
    """Set, change or (plain learners only) remove a PIN. Changing one's own needs the old one."""
    new_hash = hash_pin(pin) if pin is not None else None
    with db.session() as session:
        actor = fresh_actor(session, actor)
        require_self_or(actor, learner_id, "admin")
        learner = _load(session, learner_id)
        own = isinstance(actor, LearnerInfo) and actor.id == learner_id
        if own and learner.pin_hash and not verify_pin(old_pin or "", learner.pin_hash):
            raise WrongPin("The current PIN is wrong; the PIN was not changed.")
        if new_hash is None and learner.role != "learner":
            raise InvalidValue(f"A {learner.role} account must keep a PIN.")
        learner.pin_hash, learner.failed_tries, learner.locked_until = new_hash, 0, None
        learner.updated_at = utcnow()
        if not own:
            audit.record(session, actor, audit.PIN_RESET,
                         {"learner_id": learner.id, "employee_no": learner.employee_no})
        return to_info(learner)
