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

from sqlalchemy import Numeric, case, delete, exists, func, insert, literal, null, select, update
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
    """Compare the stored ledger with ``expected``; with ``apply``, make it so.

    Done in SQL, a handful of statements per 500 learners (or one set for everyone), each
    joining on the ledger's unique keys: 10,000 learners take a second or two, not a Python
    loop over every award.
    """
    rule = load_rule(session)
    if learner_ids is None:
        return _differences(session, rule, None, pack_ids, apply)
    ids = sorted(set(learner_ids))
    totals = [0, 0, 0]
    for start in range(0, len(ids), CHUNK):
        part = _differences(session, rule, ids[start:start + CHUNK], pack_ids, apply)
        totals = [totals[0] + part.added, totals[1] + part.changed, totals[2] + part.removed]
    return SyncResult(*totals)


def sync(session: Session, *, learner_ids: Iterable[int] | None = None,
         pack_ids: Sequence[str] | None = None) -> SyncResult:
    """Make the stored ledger what the records earn (for some learners or packs, or all)."""
    return differences(session, learner_ids=learner_ids, pack_ids=pack_ids, apply=True)


_A, _P, _I, _S = CreditAward, LessonProgress, CreditItem, SummarySitting
_HOURS = Numeric(6, 2)


def _hours_sql(rule: CreditRule) -> Any:
    """The rule as SQL over ``credit_items``: declared 学时, else the band of the minutes."""
    return case((_I.declared.is_not(None), _I.declared),
                *((_I.minutes >= minimum, literal(hours, _HOURS)) for minimum, hours in rule.bands),
                else_=literal(Decimal("0.00"), _HOURS))


def _earned_module(rule: CreditRule, where: list[Any]) -> Any:
    """(learner, pack, module, 学时, earned at) of every completed module that earns 学时."""
    hours = _hours_sql(rule)
    return (select(_P.learner_id, _P.pack_id, _P.module_id, hours.label("hours"),
                   func.coalesce(_P.completed_at, _P.updated_at).label("earned_at"))
            .join(_I, (_I.pack_id == _P.pack_id) & (_I.module_id == _P.module_id))
            .where(_P.status == "completed", hours > 0, *where))


def _of_award(column: Any, rule: CreditRule) -> Any:
    """``column`` of the award's module as the records give it (correlated, by unique key)."""
    return (select(column).select_from(_P)
            .join(_I, (_I.pack_id == _P.pack_id) & (_I.module_id == _P.module_id))
            .where(_P.learner_id == _A.learner_id, _P.pack_id == _A.pack_id,
                   _P.module_id == _A.module_id, _P.status == "completed",
                   _hours_sql(rule) > 0))


def _passed(learner: Any, pack: Any) -> list[Any]:
    return [_S.learner_id == learner, _S.pack_id == pack,
            _S.points * 100.0 >= _S.pass_mark * _S.total]


def _differences(session: Session, rule: CreditRule, learners: list[int] | None,
                 packs: Sequence[str] | None, apply: bool) -> SyncResult:
    scope = _scope(_A, learners, packs)
    module_award = (_A.source == "module", *scope)
    final_award = (_A.source == "assessment", *scope)
    bonus = literal(rule.assessment, _HOURS)
    hours_now = _of_award(_hours_sql(rule), rule).scalar_subquery()
    date_now = _of_award(func.coalesce(_P.completed_at, _P.updated_at), rule).scalar_subquery()
    first_pass = select(func.min(_S.started_at)).where(
        *_passed(_A.learner_id, _A.pack_id)).scalar_subquery()
    # removed: a module no longer completed / earning, a final no longer passed (or no bonus)
    gone_module = ~exists(_of_award(_P.id, rule))
    gone_final = ~exists(select(_S.learner_id).where(*_passed(_A.learner_id, _A.pack_id))) \
        if rule.assessment > 0 else literal(True)
    # changed: other 学时 or another date than the records give
    moved_module = exists(_of_award(_P.id, rule).where(
        (_hours_sql(rule) != _A.hours)
        | (func.coalesce(_P.completed_at, _P.updated_at) != _A.earned_at)))
    moved_final = (bonus != _A.hours) | (first_pass != _A.earned_at)
    # added: earned, not in the ledger
    earned = _earned_module(rule, _scope(_P, learners, packs)).subquery("earned")
    new_modules = select(earned).where(~exists(select(_A.id).where(
        _A.learner_id == earned.c.learner_id, _A.pack_id == earned.c.pack_id,
        _A.module_id == earned.c.module_id))).subquery("new_modules")
    new_finals = (select(_S.learner_id, _S.pack_id, func.min(_S.started_at).label("earned_at"))
                  .where(_S.points * 100.0 >= _S.pass_mark * _S.total,
                         *_scope(_S, learners, packs),
                         ~exists(select(_A.id).where(_A.learner_id == _S.learner_id,
                                                     _A.pack_id == _S.pack_id,
                                                     _A.module_id.is_(None))))
                  .group_by(_S.learner_id, _S.pack_id).subquery("new_finals"))
    count = func.count()
    removed = (session.scalar(select(count).where(*module_award, gone_module)) or 0) + \
        (session.scalar(select(count).where(*final_award, gone_final)) or 0)
    changed = (session.scalar(select(count).where(*module_award, ~gone_module, moved_module))
               or 0) + \
        (session.scalar(select(count).where(*final_award, ~gone_final, moved_final)) or 0)
    added = (session.scalar(select(count).select_from(new_modules)) or 0) + \
        ((session.scalar(select(count).select_from(new_finals)) or 0)
         if rule.assessment > 0 else 0)
    if apply and removed:
        session.execute(delete(_A).where(*module_award, gone_module))
        session.execute(delete(_A).where(*final_award, gone_final))
    if apply and changed:
        session.execute(update(_A).where(*module_award, ~gone_module, moved_module)
                        .values(hours=hours_now, earned_at=date_now))
        session.execute(update(_A).where(*final_award, ~gone_final, moved_final)
                        .values(hours=bonus, earned_at=first_pass))
    if apply and added:
        columns = ["learner_id", "pack_id", "module_id", "source", "hours", "earned_at"]
        session.execute(insert(_A).from_select(columns, select(
            new_modules.c.learner_id, new_modules.c.pack_id, new_modules.c.module_id,
            literal("module"), new_modules.c.hours, new_modules.c.earned_at)))
        if rule.assessment > 0:
            session.execute(insert(_A).from_select(columns, select(
                new_finals.c.learner_id, new_finals.c.pack_id, null(), literal("assessment"),
                bonus, new_finals.c.earned_at)))
    if apply:
        session.flush()
    return SyncResult(added, changed, removed)
