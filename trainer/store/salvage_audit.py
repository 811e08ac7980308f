"""The audit log of a salvaged database: its hash chain, kept verifiable where rows were lost.

Entries are copied as they were. When entries were lost (on a damaged page, or dropped with
their actor), each later entry's ``prev_hash`` names an entry that is gone, so the chain is
resealed from the first gap: the later entries keep their fields and get new hashes, and an
entry ``db.salvage`` (appended by the caller) records which entries were lost, where the chain
was resealed and the old chain's head. Resealing happens only when every break is explained by
a lost entry: a log already edited behind the triggers' back is copied as it is, so that
``trainer db check`` still reports it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from trainer.store.audit_chain import GENESIS, entry_hash
from trainer.store.models import AuditEntry


@dataclass(frozen=True)
class ChainOutcome:
    """What happened to the chain: ``resealed_from`` the first entry after a gap (None: intact
    as copied), or ``broken_at`` an entry edited in the damaged file itself."""

    resealed_from: int | None = None
    old_head: str | None = None
    broken_at: int | None = None

    def line(self) -> str:
        if self.broken_at is not None:
            return (f"Audit log: the chain was already broken in the damaged file (entry "
                    f"{self.broken_at}); copied as it is, trainer db check reports it")
        if self.resealed_from is not None:
            return (f"Audit log: entries were lost, so the chain restarts at entry "
                    f"{self.resealed_from} (resealed; the db.salvage entry records the gap)")
        return "Audit log: chain intact"


def _lost_between(gaps: Sequence[int], after: int | None, before: int) -> bool:
    """True when an entry with after < id < before was lost (``gaps`` sorted)."""
    start = 0 if after is None else bisect_right(gaps, after)
    return start < len(gaps) and gaps[start] < before


def reseal(session: Session, gaps: Sequence[int]) -> ChainOutcome:
    """Reseal the chain after the lost entries ``gaps`` (ids, sorted); see the module doc."""
    table = AuditEntry.__table__
    rows = session.execute(select(table).order_by(table.c.id)).all()
    prev_id: int | None = None
    prev_hash = GENESIS
    first_gap: int | None = None
    for row in rows:
        own = entry_hash(row.prev_hash, row.at, row.actor_id, row.actor_name, row.action,
                         row.detail) == row.hash
        if not own:
            return ChainOutcome(broken_at=row.id)
        if row.prev_hash != prev_hash:
            if not _lost_between(gaps, prev_id, row.id):
                return ChainOutcome(broken_at=row.id)
            first_gap = row.id if first_gap is None else first_gap
        prev_id, prev_hash = row.id, row.hash
    if first_gap is None:
        return ChainOutcome()
    _rewrite(session, [r for r in rows if r.id >= first_gap], rows)
    return ChainOutcome(resealed_from=first_gap, old_head=rows[-1].hash)


def _rewrite(session: Session, later: list[Any], rows: list[Any]) -> None:
    """New hashes from the first gap on, with the append-only triggers lifted meanwhile (in this
    new file only, inside its one transaction) and put back exactly as they were."""
    before = [r for r in rows if r.id < later[0].id]
    prev = before[-1].hash if before else GENESIS
    updates = []
    for row in later:
        new = entry_hash(prev, row.at, row.actor_id, row.actor_name, row.action, row.detail)
        updates.append({"id": row.id, "p": prev, "h": new})
        prev = new
    triggers = session.execute(text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
    )).all()
    for name, _sql in triggers:
        session.execute(text(f'DROP TRIGGER "{name}"'))
    session.execute(text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE id = :id"),
                    updates)
    for _name, sql in triggers:
        session.execute(text(sql))
