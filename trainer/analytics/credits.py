"""学时 (credit hours): the packs' data registered for the ledger, and what learners earned.

The stable API other features build on (plans, reports, the learning record):
``earned`` (learner → pack → 学时 over a year or dates) and ``awards_for`` (one learner's awards
of a year, with titles). A year's 学时 are the awards dated in that year, counted in the
organisation's time zone (the rule's UTC offset, China Standard Time unless HR sets another):
an award earned 2026-12-31 23:30 in Beijing (15:30 UTC) counts in 2026.

The ledger itself is derived in ``trainer.store.credits``; this module feeds it the packs
(``ensure``) and offers the services that change it, with rights checked and audited.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer.content.model import Pack
from trainer.store import audit, credits
from trainer.store.credit_rule import CreditRule, load_rule, store_rule
from trainer.store.learners import fresh_actor
from trainer.store.models import CreditAward, CreditItem
from trainer.store.permissions import Actor, require

CREDITS_REBUILD = "credits.rebuild"
CREDITS_RULE = "credits.rule"
MANAGE_ROLES = ("hr",)  # and administrators


@dataclass(frozen=True)
class Award:
    """One award of 学时 as a learner's record shows it."""

    pack_id: str
    module_id: str | None  # None: the passed final assessment
    source: str  # "module" | "assessment"
    hours: Decimal
    earned_at: datetime  # UTC
    title: str  # the module's title; for an assessment award, the course's
    pack_title: str = ""


def items(pack: Pack) -> list[credits.Item]:
    """What the ledger needs of each module: its minutes and any declared 学时."""
    from trainer.analytics.assessment import final_assessment

    final = final_assessment(pack)
    return [credits.Item(m.id, m.minutes, m.credit_hours, pack.title, m.title, m is final)
            for m in pack.modules]


def ensure(db: Any, packs: Sequence[Pack]) -> bool:
    """Register the packs' 学时 data (re-deriving the awards of a pack that changed); False
    when the database cannot be written."""
    wanted = {p.id: tuple(sorted(items(p), key=lambda i: i.module_id)) for p in packs}
    with db.reader() as session:
        current = credits.registered(session, wanted)
    stale = [pack_id for pack_id, want in wanted.items() if current[pack_id] != want]
    if not stale:
        return True
    if getattr(db, "read_only", False):
        return False
    with db.session() as session:
        for pack_id in stale:
            credits.register(session, pack_id, wanted[pack_id])
    return True


def module_hours(rule: CreditRule, pack: Pack) -> dict[str, Decimal]:
    """Each module's 学时 under ``rule`` (declared, or from its minutes)."""
    return {m.id: credits.item_hours(rule, m.minutes, m.credit_hours) for m in pack.modules}


def course_hours(rule: CreditRule, pack: Pack) -> Decimal:
    """The 学时 a course earns in all: its modules, plus the bonus when it has a final."""
    from trainer.analytics.assessment import final_assessment

    total = sum(module_hours(rule, pack).values(), Decimal("0.00"))
    return total + (rule.assessment if final_assessment(pack) is not None else 0)


def current_rule(db: Any) -> CreditRule:
    with db.reader() as session:
        return load_rule(session)


def _bounds(session: Session, year: int | None, start: date | None, end: date | None
            ) -> tuple[datetime | None, datetime | None]:
    """UTC [from, to) of a year or of dates (``end`` inclusive), in the organisation's zone."""
    if year is not None:
        if start is not None or end is not None:
            raise ValueError("give a year, or start/end dates, not both")
        start, end = date(year, 1, 1), date(year, 12, 31)
    rule = load_rule(session)
    low = rule.day_start(start) if start is not None else None
    high = rule.day_start(date.fromordinal(end.toordinal() + 1)) if end is not None else None
    return low, high


def earned(session: Session, *, year: int | None = None, start: date | None = None,
           end: date | None = None, learner_ids: Collection[int] | None = None
           ) -> dict[int, dict[str, Decimal]]:
    """learner id → pack id → 学时 awarded in the period (all time when none is given)."""
    low, high = _bounds(session, year, start, end)
    a = CreditAward
    query = select(a.learner_id, a.pack_id, func.sum(a.hours)).group_by(a.learner_id, a.pack_id)
    if low is not None:
        query = query.where(a.earned_at >= low)
    if high is not None:
        query = query.where(a.earned_at < high)
    found: dict[int, dict[str, Decimal]] = {}
    ids = None if learner_ids is None else sorted(set(learner_ids))
    parts = [None] if ids is None else [ids[i:i + credits.CHUNK]
                                        for i in range(0, len(ids), credits.CHUNK)]
    for part in parts:
        scoped = query if part is None else query.where(a.learner_id.in_(part))
        for learner, pack, hours in session.execute(scoped):
            found.setdefault(learner, {})[pack] = Decimal(hours).quantize(Decimal("0.01"))
    return found


def awards_for(session: Session, learner_id: int, year: int | None) -> list[Award]:
    """The learner's awards of ``year`` (all years when None), oldest first."""
    low, high = _bounds(session, year, None, None) if year is not None else (None, None)
    a, i = CreditAward, CreditItem
    titles = (select(i.pack_id, func.max(i.pack_title).label("pack_title"))
              .group_by(i.pack_id).subquery("titles"))
    query = (select(a.pack_id, a.module_id, a.source, a.hours, a.earned_at, i.title,
                    titles.c.pack_title)
             .outerjoin(i, (i.pack_id == a.pack_id) & (i.module_id == a.module_id))
             .outerjoin(titles, titles.c.pack_id == a.pack_id)
             .where(a.learner_id == learner_id)
             .order_by(a.earned_at, a.pack_id, a.module_id.is_(None), a.module_id))
    if low is not None and high is not None:
        query = query.where(a.earned_at >= low, a.earned_at < high)
    found = []
    for pack, module, source, hours, moment, title, pack_title in session.execute(query):
        course = pack_title or pack
        found.append(Award(pack, module, source, Decimal(hours).quantize(Decimal("0.01")),
                           moment, (title or module or course) if module else course, course))
    return found


def year_total(db: Any, learner_id: int, year: int) -> Decimal:
    """A learner's 学时 of ``year`` (the dashboard's figure)."""
    with db.reader() as session:
        return sum(earned(session, year=year, learner_ids=[learner_id]).get(learner_id, {})
                   .values(), Decimal("0.00"))


def rebuild(db: Any, *, actor: Actor | None) -> credits.SyncResult:
    """Re-derive the whole ledger from the records (HR or administrator; audited). A ledger in
    step with the records comes back unchanged (0 added, changed, removed)."""
    with db.session() as session:
        who = fresh_actor(session, actor)
        require(who, *MANAGE_ROLES)
        result = credits.sync(session)
        audit.record(session, who, CREDITS_REBUILD, {
            "added": result.added, "changed": result.changed, "removed": result.removed})
        return result


def set_rule(db: Any, rule: CreditRule, *, actor: Actor | None) -> credits.SyncResult:
    """Put ``rule`` in force for the organisation and re-derive every award under it, in one
    transaction (HR or administrator; audited with the old and the new rule)."""
    with db.session() as session:
        who = fresh_actor(session, actor)
        require(who, *MANAGE_ROLES)
        old = load_rule(session)
        store_rule(session, rule, getattr(who, "name", "command line"))
        result = credits.sync(session)
        audit.record(session, who, CREDITS_RULE, {
            "old": old.as_json(), "new": rule.as_json(), "added": result.added,
            "changed": result.changed, "removed": result.removed})
        return result
