"""The 学时 ledger (DESIGN §3): one ``credit_awards`` row per award, derived from the records.

What earns 学时:
- a module whose lesson is completed earns its pack's declared ``credit_hours``, or what the
  organisation's rule (``credit_rule``) gives for its stated minutes; dated ``completed_at``;
- a passed final assessment earns the rule's bonus, dated when the first passing sitting began
  (the same sitting and pass rule as ``analytics.assessment.assessment_result``, read here from
  the sitting summaries that every writer of attempts keeps in step).

The writers call ``note_completion`` / ``note_sitting`` in the transaction of the event, so an
award commits with what earned it. Bundle merges, registrations and rule changes call ``sync``,
which makes the stored ledger equal to ``expected`` (the derivation from the records) for the
learners or packs concerned: a rebuild, a merge replayed, or the same records on another machine
give the same ledger, and the unique keys make a second award of anything impossible.
Awards of 0 学时 are not written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from trainer.store.credit_rule import CreditRule, load_rule
from trainer.store.models import CreditAward, CreditItem, LessonProgress, SummarySitting
from trainer.store.types import as_utc

Key = tuple[int, str, str | None]  # learner, pack, module (None: the final assessment)
Value = tuple[str, Decimal, datetime]  # source, 学时, earned at
CHUNK = 500  # learner ids per IN (…)


@dataclass(frozen=True)
class Item:
    """A module's 学时 data as its pack states it (``declared`` None: the rule decides)."""

    module_id: str
    minutes: int
    declared: Decimal | None
    pack_title: str
    title: str


@dataclass(frozen=True)
class SyncResult:
    added: int
    changed: int
    removed: int

    @property
    def total(self) -> int:
        return self.added + self.changed + self.removed


def item_hours(rule: CreditRule, minutes: int, declared: Decimal | None) -> Decimal:
    return Decimal(declared).quantize(Decimal("0.01")) if declared is not None \
        else rule.hours(minutes)


def registered(session: Session, pack_ids: Iterable[str]) -> dict[str, tuple[Item, ...]]:
    ids = list(pack_ids)
    found: dict[str, list[Item]] = {pack_id: [] for pack_id in ids}
    for row in session.scalars(select(CreditItem).where(CreditItem.pack_id.in_(ids))
                               .order_by(CreditItem.pack_id, CreditItem.module_id)):
        declared = None if row.declared is None else Decimal(row.declared).quantize(
            Decimal("0.01"))
        found[row.pack_id].append(Item(row.module_id, row.minutes, declared, row.pack_title,
                                       row.title))
    return {pack_id: tuple(items) for pack_id, items in found.items()}


def register(session: Session, pack_id: str, items: Sequence[Item]) -> bool:
    """Make the pack's 学时 data ``items`` and re-derive its awards; False when unchanged."""
    wanted = tuple(sorted(items, key=lambda i: i.module_id))
    if registered(session, [pack_id])[pack_id] == wanted:
        return False
    session.execute(delete(CreditItem).where(CreditItem.pack_id == pack_id))
    if wanted:
        session.execute(insert(CreditItem), [
            {"pack_id": pack_id, "module_id": i.module_id, "minutes": i.minutes,
             "declared": i.declared, "pack_title": i.pack_title[:200], "title": i.title[:200]}
            for i in wanted])
    sync(session, pack_ids=[pack_id])
    return True


def note_completion(session: Session, learner_id: int, pack_id: str, module_id: str,
                    completed_at: datetime) -> None:
    """A lesson has just become completed: award its module's 学时 (once)."""
    item = session.get(CreditItem, (pack_id, module_id))
    if item is None:
        return
    hours = item_hours(load_rule(session), item.minutes, item.declared)
    if hours > 0 and session.scalar(select(CreditAward.id).where(
            CreditAward.learner_id == learner_id, CreditAward.pack_id == pack_id,
            CreditAward.module_id == module_id)) is None:
        session.add(CreditAward(learner_id=learner_id, pack_id=pack_id, module_id=module_id,
                                source="module", hours=hours, earned_at=completed_at))
        session.flush()


def note_sitting(session: Session, learner_id: int, pack_id: str, started_at: datetime) -> None:
    """An answer of a final-assessment sitting was just folded into its summary: when the
    sitting now reaches the pass mark, award the bonus (dated by the earliest passing sitting)."""
    s = SummarySitting
    passed = session.scalar(select(func.count()).where(
        s.learner_id == learner_id, s.pack_id == pack_id, s.started_at == started_at,
        s.points * 100.0 >= s.pass_mark * s.total))
    if not passed:
        return
    bonus = load_rule(session).assessment
    award = session.scalars(select(CreditAward).where(
        CreditAward.learner_id == learner_id, CreditAward.pack_id == pack_id,
        CreditAward.module_id.is_(None))).first()
    if award is None and bonus > 0:
        session.add(CreditAward(learner_id=learner_id, pack_id=pack_id, module_id=None,
                                source="assessment", hours=bonus, earned_at=started_at))
    elif award is not None and as_utc(started_at) < as_utc(award.earned_at):
        award.earned_at = started_at
    session.flush()


def _scope(model: Any, learners: Sequence[int] | None, packs: Sequence[str] | None) -> list[Any]:
    where = []
    if learners is not None:
        where.append(model.learner_id.in_(learners))
    if packs is not None:
        where.append(model.pack_id.in_(list(packs)))
    return where


def expected(session: Session, *, learner_ids: Sequence[int] | None = None,
             pack_ids: Sequence[str] | None = None,
             rule: CreditRule | None = None) -> dict[Key, Value]:
    """The ledger the records earn under ``rule`` (default: the one in force)."""
    rule = rule or load_rule(session)
    found: dict[Key, Value] = {}
    p, i = LessonProgress, CreditItem
    modules = (select(p.learner_id, p.pack_id, p.module_id,
                      func.coalesce(p.completed_at, p.updated_at), i.minutes, i.declared)
               .join(i, (i.pack_id == p.pack_id) & (i.module_id == p.module_id))
               .where(p.status == "completed", *_scope(p, learner_ids, pack_ids)))
    for learner, pack, module, moment, minutes, declared in session.execute(modules):
        hours = item_hours(rule, minutes, declared)
        if hours > 0:
            found[(learner, pack, module)] = ("module", hours, as_utc(moment))
    if rule.assessment > 0:
        s = SummarySitting
        sittings = (select(s.learner_id, s.pack_id, func.min(s.started_at))
                    .where(s.points * 100.0 >= s.pass_mark * s.total,
                           *_scope(s, learner_ids, pack_ids))
                    .group_by(s.learner_id, s.pack_id))
        for learner, pack, moment in session.execute(sittings):
            found[(learner, pack, None)] = ("assessment", rule.assessment, as_utc(moment))
    return found


def stored(session: Session, *, learner_ids: Sequence[int] | None = None,
           pack_ids: Sequence[str] | None = None) -> dict[Key, tuple[int, Value]]:
    a = CreditAward
    query = select(a.id, a.learner_id, a.pack_id, a.module_id, a.source, a.hours, a.earned_at) \
        .where(*_scope(a, learner_ids, pack_ids))
    return {(learner, pack, module): (row_id, (source, Decimal(hours).quantize(Decimal("0.01")),
                                               as_utc(moment)))
            for row_id, learner, pack, module, source, hours, moment in session.execute(query)}


def differences(session: Session, *, learner_ids: Iterable[int] | None = None,
                pack_ids: Sequence[str] | None = None, apply: bool = False) -> SyncResult:
    """Compare the stored ledger with ``expected``; with ``apply``, make it so."""
    if learner_ids is None:
        return _differences(session, None, pack_ids, apply)
    ids = sorted(set(learner_ids))
    totals = [0, 0, 0]
    for start in range(0, len(ids), CHUNK):
        part = _differences(session, ids[start:start + CHUNK], pack_ids, apply)
        totals = [totals[0] + part.added, totals[1] + part.changed, totals[2] + part.removed]
    return SyncResult(*totals)


def sync(session: Session, *, learner_ids: Iterable[int] | None = None,
         pack_ids: Sequence[str] | None = None) -> SyncResult:
    """Make the stored ledger what the records earn (for some learners or packs, or all)."""
    return differences(session, learner_ids=learner_ids, pack_ids=pack_ids, apply=True)


def _differences(session: Session, learners: list[int] | None, packs: Sequence[str] | None,
                 apply: bool) -> SyncResult:
    want = expected(session, learner_ids=learners, pack_ids=packs)
    have = stored(session, learner_ids=learners, pack_ids=packs)
    added = [key for key in want if key not in have]
    changed = [key for key in want if key in have and have[key][1] != want[key]]
    removed = [have[key][0] for key in have if key not in want]
    if apply:
        if removed:
            for start in range(0, len(removed), CHUNK):
                session.execute(delete(CreditAward).where(
                    CreditAward.id.in_(removed[start:start + CHUNK])))
        for key in changed:
            source, hours, moment = want[key]
            session.execute(update(CreditAward).where(CreditAward.id == have[key][0])
                            .values(source=source, hours=hours, earned_at=moment))
        if added:
            session.execute(insert(CreditAward), [
                {"learner_id": key[0], "pack_id": key[1], "module_id": key[2],
                 "source": want[key][0], "hours": want[key][1], "earned_at": want[key][2]}
                for key in added])
        session.flush()
    return SyncResult(len(added), len(changed), len(removed))
