"""The 学时 ledger (DESIGN §3): one ``credit_awards`` row per award, derived from the records.

What earns 学时:
- a module whose lesson is completed earns its pack's declared ``credit_hours``, or what the
  organisation's rule (``credit_rule``) gives for its stated minutes; dated ``completed_at``;
- a passed final assessment earns the rule's bonus, and its module's own 学时 (handing a final
  in earns nothing until a sitting passes), both dated when the first passing sitting began
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

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from trainer.store.credit_rule import CreditRule, load_rule
from trainer.store.credit_sync import CHUNK, SyncResult, differences, scope, sync
from trainer.store.models import CreditAward, CreditItem, LessonProgress, SummarySitting
from trainer.store.types import as_utc

Key = tuple[int, str, str | None]  # learner, pack, module (None: the final assessment)
Value = tuple[str, Decimal, datetime]  # source, 学时, earned at
__all__ = ["CHUNK", "Item", "SyncResult", "differences", "expected", "item_hours",
           "note_completion", "note_sitting", "register", "registered", "stored", "sync"]


@dataclass(frozen=True)
class Item:
    """A module's 学时 data as its pack states it (``declared`` None: the rule decides)."""

    module_id: str
    minutes: int
    declared: Decimal | None
    pack_title: str
    title: str
    final: bool = False  # the pack's final assessment: earned when a sitting passes


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
                                       row.title, row.final))
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
             "declared": i.declared, "pack_title": i.pack_title[:200], "title": i.title[:200],
             "final": i.final}
            for i in wanted])
    sync(session, pack_ids=[pack_id])
    return True


def note_completion(session: Session, learner_id: int, pack_id: str, module_id: str,
                    completed_at: datetime) -> None:
    """A lesson has just become completed: award its module's 学时 (once)."""
    item = session.get(CreditItem, (pack_id, module_id))
    if item is None or item.final:  # a final assessment's module counts once passed
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
    rule = load_rule(session)
    finals = session.scalars(select(CreditItem).where(CreditItem.pack_id == pack_id,
                                                      CreditItem.final)).all()
    wanted = [(None, "assessment", rule.assessment)] + [
        (item.module_id, "module", item_hours(rule, item.minutes, item.declared))
        for item in finals]
    for module_id, source, hours in wanted:
        key = CreditAward.module_id.is_(None) if module_id is None \
            else CreditAward.module_id == module_id
        award = session.scalars(select(CreditAward).where(
            CreditAward.learner_id == learner_id, CreditAward.pack_id == pack_id, key)).first()
        if award is None and hours > 0:
            session.add(CreditAward(learner_id=learner_id, pack_id=pack_id, module_id=module_id,
                                    source=source, hours=hours, earned_at=started_at))
        elif award is not None and as_utc(started_at) < as_utc(award.earned_at):
            award.earned_at = started_at  # an earlier passing sitting arrived (a merge)
    session.flush()


def expected(session: Session, *, learner_ids: Sequence[int] | None = None,
             pack_ids: Sequence[str] | None = None,
             rule: CreditRule | None = None) -> dict[Key, Value]:
    """The ledger the records earn under ``rule`` (default: the one in force)."""
    rule = rule or load_rule(session)
    found: dict[Key, Value] = {}
    p, i, s = LessonProgress, CreditItem, SummarySitting
    modules = (select(p.learner_id, p.pack_id, p.module_id,
                      func.coalesce(p.completed_at, p.updated_at), i.minutes, i.declared)
               .join(i, (i.pack_id == p.pack_id) & (i.module_id == p.module_id))
               .where(p.status == "completed", i.final.is_(False),
                      *scope(p, learner_ids, pack_ids)))
    for learner, pack, module, moment, minutes, declared in session.execute(modules):
        hours = item_hours(rule, minutes, declared)
        if hours > 0:
            found[(learner, pack, module)] = ("module", hours, as_utc(moment))
    finals = {pack: [(i.module_id, item_hours(rule, i.minutes, i.declared))
                     for i in session.scalars(select(CreditItem).where(
                         CreditItem.pack_id == pack, CreditItem.final))]
              for pack in session.scalars(select(CreditItem.pack_id).distinct())}
    sittings = (select(s.learner_id, s.pack_id, func.min(s.started_at))
                .where(s.points * 100.0 >= s.pass_mark * s.total,
                       *scope(s, learner_ids, pack_ids))
                .group_by(s.learner_id, s.pack_id))
    for learner, pack, moment in session.execute(sittings):
        if rule.assessment > 0:
            found[(learner, pack, None)] = ("assessment", rule.assessment, as_utc(moment))
        for module, hours in finals.get(pack, []):
            if hours > 0:
                found[(learner, pack, module)] = ("module", hours, as_utc(moment))
    return found


def stored(session: Session, *, learner_ids: Sequence[int] | None = None,
           pack_ids: Sequence[str] | None = None) -> dict[Key, tuple[int, Value]]:
    a = CreditAward
    query = select(a.id, a.learner_id, a.pack_id, a.module_id, a.source, a.hours, a.earned_at) \
        .where(*scope(a, learner_ids, pack_ids))
    return {(learner, pack, module): (row_id, (source, Decimal(hours).quantize(Decimal("0.01")),
                                               as_utc(moment)))
            for row_id, learner, pack, module, source, hours, moment in session.execute(query)}
