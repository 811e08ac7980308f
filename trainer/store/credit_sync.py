"""Making the stored 学时 ledger what the records earn, in SQL (see ``trainer.store.credits``).

Three kinds of award, each compared with the records it comes from on the ledger's unique keys
(every look-up an index seek): a completed module (its lesson), the module of a pack's final
assessment (the first passing sitting: handing a final in earns nothing until it passes), and
the bonus for passing the final. For each kind: awards the records no longer give are removed,
awards with other 学时 or another date are corrected, and awards earned but missing are added.
10,000 learners take a second or two, where a Python loop over every award took seven.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Numeric, case, delete, exists, func, insert, literal, null, select, update
from sqlalchemy.orm import Session

from trainer.store.credit_rule import CreditRule, load_rule
from trainer.store.models import CreditAward, CreditItem, LessonProgress, SummarySitting

CHUNK = 500  # learner ids per IN (…)
_A, _P, _I, _S = CreditAward, LessonProgress, CreditItem, SummarySitting
_HOURS = Numeric(6, 2)
_COLUMNS = ["learner_id", "pack_id", "module_id", "source", "hours", "earned_at"]


@dataclass(frozen=True)
class SyncResult:
    added: int
    changed: int
    removed: int

    @property
    def total(self) -> int:
        return self.added + self.changed + self.removed


def scope(model: Any, learners: Sequence[int] | None, packs: Sequence[str] | None) -> list[Any]:
    where = []
    if learners is not None:
        where.append(model.learner_id.in_(learners))
    if packs is not None:
        where.append(model.pack_id.in_(list(packs)))
    return where


def differences(session: Session, *, learner_ids: Iterable[int] | None = None,
                pack_ids: Sequence[str] | None = None, apply: bool = False) -> SyncResult:
    """Compare the stored ledger with what the records earn; with ``apply``, make it so."""
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


def _hours(rule: CreditRule) -> Any:
    """The rule as SQL over ``credit_items``: declared 学时, else the band of the minutes."""
    return case((_I.declared.is_not(None), _I.declared),
                *((_I.minutes >= minimum, literal(hours, _HOURS)) for minimum, hours in rule.bands),
                else_=literal(Decimal("0.00"), _HOURS))


def _passes(learner: Any, pack: Any) -> list[Any]:
    return [_S.learner_id == learner, _S.pack_id == pack,
            _S.points * 100.0 >= _S.pass_mark * _S.total]


@dataclass(frozen=True)
class _Kind:
    """One kind of award: which stored rows, when the records no longer give one, when they
    give another, its values from the records (correlated), and the missing ones (a select)."""

    awards: tuple[Any, ...]
    gone: Any
    moved: Any
    values: dict[str, Any]
    new: Any


def _lesson_kind(rule: CreditRule, where: list[Any], learners: Any, packs: Any) -> _Kind:
    hours, moment = _hours(rule), func.coalesce(_P.completed_at, _P.updated_at)

    def records(column: Any) -> Any:  # the award's module, completed, as the records give it
        return (select(column).select_from(_P)
                .join(_I, (_I.pack_id == _P.pack_id) & (_I.module_id == _P.module_id))
                .where(_P.learner_id == _A.learner_id, _P.pack_id == _A.pack_id,
                       _P.module_id == _A.module_id, _P.status == "completed",
                       _I.final.is_(False), hours > 0))

    final_item = exists(select(_I.module_id).where(
        _I.pack_id == _A.pack_id, _I.module_id == _A.module_id, _I.final))
    earned = (select(_P.learner_id, _P.pack_id, _P.module_id, hours.label("hours"),
                     moment.label("earned_at"))
              .join(_I, (_I.pack_id == _P.pack_id) & (_I.module_id == _P.module_id))
              .where(_P.status == "completed", _I.final.is_(False), hours > 0,
                     *scope(_P, learners, packs))).subquery("earned")
    new = select(earned.c.learner_id, earned.c.pack_id, earned.c.module_id, literal("module"),
                 earned.c.hours, earned.c.earned_at).where(~exists(select(_A.id).where(
                     _A.learner_id == earned.c.learner_id, _A.pack_id == earned.c.pack_id,
                     _A.module_id == earned.c.module_id)))
    return _Kind((_A.source == "module", ~final_item, *where), ~exists(records(_P.id)),
                 exists(records(_P.id).where((hours != _A.hours) | (moment != _A.earned_at))),
                 {"hours": records(hours).scalar_subquery(),
                  "earned_at": records(moment).scalar_subquery()}, new)


def _final_module_kind(rule: CreditRule, where: list[Any], learners: Any, packs: Any) -> _Kind:
    hours = _hours(rule)
    item = select(hours).where(_I.pack_id == _A.pack_id, _I.module_id == _A.module_id,
                               _I.final)
    first_pass = select(func.min(_S.started_at)).where(*_passes(_A.learner_id, _A.pack_id))
    new = (select(_S.learner_id, _I.pack_id, _I.module_id, literal("module"),
                  func.max(hours), func.min(_S.started_at))
           .join(_I, (_I.pack_id == _S.pack_id) & _I.final)
           .where(_S.points * 100.0 >= _S.pass_mark * _S.total, hours > 0,
                  *scope(_S, learners, packs),
                  ~exists(select(_A.id).where(_A.learner_id == _S.learner_id,
                                              _A.pack_id == _I.pack_id,
                                              _A.module_id == _I.module_id)))
           .group_by(_S.learner_id, _I.pack_id, _I.module_id))
    is_final = exists(select(_I.module_id).where(
        _I.pack_id == _A.pack_id, _I.module_id == _A.module_id, _I.final))
    return _Kind((_A.source == "module", is_final, *where),
                 ~exists(item.where(hours > 0)) | ~exists(select(_S.learner_id).where(
                     *_passes(_A.learner_id, _A.pack_id))),
                 (item.scalar_subquery() != _A.hours)
                 | (first_pass.scalar_subquery() != _A.earned_at),
                 {"hours": item.scalar_subquery(), "earned_at": first_pass.scalar_subquery()},
                 new)


def _bonus_kind(rule: CreditRule, where: list[Any], learners: Any, packs: Any) -> _Kind:
    bonus = literal(rule.assessment, _HOURS)
    first_pass = select(func.min(_S.started_at)).where(
        *_passes(_A.learner_id, _A.pack_id)).scalar_subquery()
    new = (select(_S.learner_id, _S.pack_id, null(), literal("assessment"), bonus,
                  func.min(_S.started_at))
           .where(_S.points * 100.0 >= _S.pass_mark * _S.total, *scope(_S, learners, packs),
                  ~exists(select(_A.id).where(_A.learner_id == _S.learner_id,
                                              _A.pack_id == _S.pack_id, _A.module_id.is_(None))))
           .group_by(_S.learner_id, _S.pack_id)) if rule.assessment > 0 else None
    gone = ~exists(select(_S.learner_id).where(*_passes(_A.learner_id, _A.pack_id))) \
        if rule.assessment > 0 else literal(True)
    return _Kind((_A.source == "assessment", *where), gone,
                 (bonus != _A.hours) | (first_pass != _A.earned_at),
                 {"hours": bonus, "earned_at": first_pass}, new)


def _differences(session: Session, rule: CreditRule, learners: list[int] | None,
                 packs: Sequence[str] | None, apply: bool) -> SyncResult:
    where = scope(_A, learners, packs)
    kinds = [make(rule, where, learners, packs)
             for make in (_lesson_kind, _final_module_kind, _bonus_kind)]
    count = func.count()
    removed = sum(session.scalar(select(count).where(*k.awards, k.gone)) or 0 for k in kinds)
    changed = sum(session.scalar(select(count).where(*k.awards, ~k.gone, k.moved)) or 0
                  for k in kinds)
    added = sum(session.scalar(select(count).select_from(k.new.subquery())) or 0
                for k in kinds if k.new is not None)
    if not apply:
        return SyncResult(added, changed, removed)
    for kind in kinds:
        if removed:
            session.execute(delete(_A).where(*kind.awards, kind.gone))
        if changed:
            session.execute(update(_A).where(*kind.awards, ~kind.gone, kind.moved)
                            .values(**kind.values))
        if added and kind.new is not None:
            session.execute(insert(_A).from_select(_COLUMNS, kind.new))
    session.flush()
    return SyncResult(added, changed, removed)
