"""Audit log of sensitive actions: who, when, what. Append-only (database triggers enforce it)
and hash-chained (``audit_chain``), so ``trainer db check`` sees an entry edited or deleted.

Record in the same session as the action when there is one, so the entry and the change commit
together; pass the Database for actions outside the store (report export, pack install).
Entries are chained just before the commit, so the chain's lock (PostgreSQL) is held for
milliseconds and never while the action still takes other locks (no deadlocks).
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from trainer.store import audit_chain
from trainer.store.info import AuditInfo, LearnerInfo
from trainer.store.models import AuditEntry
from trainer.store.permissions import Actor, require
from trainer.store.types import as_utc, utcnow

log = logging.getLogger(__name__)

REPORT_EXPORT = "report.export"
ROSTER_IMPORT = "roster.import"
ROLE_GRANT = "role.grant"
ROLE_CHANGE = "role.change"
PIN_RESET = "pin.reset"
PACK_INSTALL = "pack.install"
PROGRESS_MERGE = "progress.merge"
PROGRESS_EXPORT = "progress.export"
ADMIN_CREATE = "admin.create"
LEARNER_CREATE = "learner.create"
LEARNER_UPDATE = "learner.update"
DEVICE_TRUST = "device.trust"
DEVICE_FORGET = "device.forget"
PLAN_CREATE = "plan.create"
PLAN_ASSIGN = "plan.assign"
PLAN_IMPORT = "plan.import"
PLAN_EXPORT = "plan.export"
# Actions that change nothing in the database. On a damaged one (opened read-only, which can
# store nothing) they still run, as its message promises, and their entry goes to the log file.
EXPORTS = frozenset({REPORT_EXPORT, PROGRESS_EXPORT, PLAN_EXPORT})
_PENDING = "trainer_audit_pending"  # Session.info key: entries waiting for the commit


def _actor_fields(actor: Actor | None) -> tuple[int | None, str]:
    if actor is None:
        return None, "anonymous"
    if isinstance(actor, LearnerInfo):
        return actor.id, f"{actor.name} ({actor.employee_no})"
    return None, actor.name


def record(target: Any, actor: Actor | None, action: str, detail: dict[str, Any]) -> None:
    """Append one entry; ``target`` is a Session (joins its transaction) or a Database."""
    if not action or len(action) > 64:
        raise ValueError(f"bad audit action {action!r}")
    actor_id, actor_name = _actor_fields(actor)
    # stored as JSON: hash exactly what a reader will get back (tuples as lists, keys as text)
    plain = json.loads(json.dumps(dict(detail), ensure_ascii=False))
    entry = AuditEntry(at=utcnow(), actor_id=actor_id, actor_name=actor_name[:200],
                       action=action, detail=plain)
    if isinstance(target, Session):
        target.info.setdefault(_PENDING, []).append(entry)
        return
    if action in EXPORTS and getattr(target, "read_only", False):
        log.warning("Audit entry kept in this log only (the database is damaged and read-only): "
                    "%s by %s: %s", action, actor_name, json.dumps(plain, ensure_ascii=False))
        return
    with target.session() as session:
        session.info.setdefault(_PENDING, []).append(entry)


@event.listens_for(Session, "before_commit")
def _seal_pending(session: Session) -> None:
    """Chain and add the entries recorded in this transaction (the flush of commit writes them)."""
    pending = session.info.pop(_PENDING, None)
    if pending:
        audit_chain.seal(session, pending)


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


def entries(db: Any, actor: Actor | None, *, action: str | None = None,
            since: datetime | None = None, actor_id: int | None = None,
            limit: int = 1000) -> list[AuditInfo]:
    """Newest first; only administrators may read the log."""
    require(actor, "admin")
    stmt = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    if action is not None:
        stmt = stmt.where(AuditEntry.action == action)
    if since is not None:
        stmt = stmt.where(AuditEntry.at >= as_utc(since))
    if actor_id is not None:
        stmt = stmt.where(AuditEntry.actor_id == actor_id)
    with db.reader() as session:
        return [AuditInfo(e.id, e.at, e.actor_id, e.actor_name, e.action, dict(e.detail or {}))
                for e in session.scalars(stmt)]


def chain_status(db: Any, actor: Actor | None) -> audit_chain.ChainReport:
    """Whether the log is still as Trainer wrote it (hash chain and append-only triggers)."""
    require(actor, "admin")
    with db.reader() as session:
        return audit_chain.verify(session.connection())
