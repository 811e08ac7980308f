"""A learner's final-assessment result: the best sitting and whether it reaches the pass mark.

A sitting is the set of answers that share one ``started_at`` (the moment the learner began the
assessment); its score is the points earned ÷ the number of questions a sitting has (all of the module's,
or what its question pool draws: ``Module.sitting_size``), so a question
left unanswered or still waiting for a trainer counts 0 (an unanswered question is never
saved, see ``grading.is_answered``). The SQL in ``sql.passed_subquery``
applies the same rule for cohorts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from trainer.content.model import Module, Pack
from trainer.store.models import AssessmentSitting, Attempt
from trainer.store.types import as_utc


@dataclass(frozen=True)
class AssessmentResult:
    pack_id: str
    module_id: str
    score: float  # 0–100, the best sitting
    pass_mark: int
    passed: bool
    started_at: datetime  # when the best (first passing, else best) sitting began
    finished_at: datetime  # its last answer
    pending: int  # answers of that sitting still waiting for a trainer's score
    sittings: int


def final_assessment(pack: Pack) -> Module | None:
    """The pack's final assessment: its last module of kind ``assessment`` with questions."""
    found = [m for m in pack.modules if m.kind == "assessment" and m.exercises]
    return found[-1] if found else None


def assessment_result(db: Any, learner_id: int, pack: Pack) -> AssessmentResult | None:
    """The first passing sitting if any (the date a certificate shows), else the best one."""
    module = final_assessment(pack)
    if module is None:
        return None
    ids = [e.id for e in module.exercises]
    mark = module.pass_mark if module.pass_mark is not None else pack.pass_mark
    query = (select(Attempt.started_at, func.sum(func.coalesce(Attempt.score, 0.0)),
                    func.max(func.coalesce(Attempt.finished_at, Attempt.started_at)),
                    func.sum(Attempt.score.is_(None).cast(_int())))
             .where(Attempt.learner_id == learner_id, Attempt.pack_id == pack.id,
                    Attempt.exercise_id.in_(ids))
             .group_by(Attempt.started_at)
             .order_by(Attempt.started_at))
    with db.reader() as session:
        sittings = list(session.execute(query))
        empty = _empty_sittings(session, learner_id, pack.id, module.id,
                                {as_utc(row[0]) for row in sittings})
    if not sittings and not empty:
        return None
    scored = [(float(points), as_utc(started), finished, int(pending or 0))
              for started, points, finished, pending in sittings] + empty
    scored.sort(key=lambda s: s[1])
    total = module.sitting_size  # a pool's sitting has its draw's questions, not all
    passing = [s for s in scored if s[0] * 100.0 >= mark * total]  # as the cohort SQL does
    chosen = passing[0] if passing else max(scored, key=lambda s: (s[0], s[1]))
    points, started, finished, pending = chosen
    return AssessmentResult(pack.id, module.id, 100.0 * points / total, mark, bool(passing),
                            started, finished, pending, len(scored))


FAILED = "failed"


def shown_status(module: Module, stored: str, result: AssessmentResult | None) -> str:
    """The state a learner sees for ``module``: ``stored`` (the lesson status), except that the
    final assessment is "completed" only once a sitting passed, and "failed" (未通过) when
    sittings were handed in and none passed — handing in alone finishes nothing."""
    if module.kind == "assessment" and result is not None and result.module_id == module.id:
        return "completed" if result.passed else FAILED
    return stored


def _empty_sittings(session: Any, learner_id: int, pack_id: str, module_id: str,
                    answered: set[datetime]) -> list[tuple[float, datetime, datetime, int]]:
    """Sittings handed in without a single answer (no attempts): 0 points each."""
    query = (select(AssessmentSitting.started_at, AssessmentSitting.handed_in_at)
             .where(AssessmentSitting.learner_id == learner_id,
                    AssessmentSitting.pack_id == pack_id,
                    AssessmentSitting.module_id == module_id,
                    AssessmentSitting.handed_in_at.is_not(None)))
    return [(0.0, as_utc(started), as_utc(at), 0) for started, at in session.execute(query)
            if as_utc(started) not in answered]


def handed_in(db: Any, learner_id: int, packs: Iterable[Pack]) -> frozenset[str]:
    """Ids of the packs whose final assessment the learner has handed in: what search may then
    show of the final's questions and explanations. The store's hand-in marker says so; answers
    to the final recorded without a sitting row (older data, merged bundles) are handed-in ones,
    since a sitting's answers become attempts only when it is handed in."""
    from trainer.store.sittings import handed_in_modules

    finals = {p.id: m for p in packs if (m := final_assessment(p)) is not None}
    if not finals:
        return frozenset()
    marked = {pack_id for pack_id, module_id in handed_in_modules(db, learner_id, list(finals))
              if finals[pack_id].id == module_id}
    query = (select(Attempt.pack_id, Attempt.exercise_id).distinct()
             .where(Attempt.learner_id == learner_id, Attempt.pack_id.in_(list(finals))))
    with db.reader() as session:
        rows = list(session.execute(query))
    ids = {pack_id: {e.id for e in module.exercises} for pack_id, module in finals.items()}
    return frozenset(marked | {pack_id for pack_id, exercise_id in rows
                               if exercise_id in ids[pack_id]})


def revealed(db: Any, learner_id: int,
             packs: Iterable[Pack]) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """What search may show of final-assessment questions: the packs whose whole final may be
    shown (handed in, no question pool), and for a pool the (pack id, exercise id) of the
    questions the learner met in handed-in sittings (drawn for them, or answered). The rest
    of a pool stays hidden: a retake draws from it."""
    from trainer.store.sittings import handed_in_questions

    packs = list(packs)
    done = handed_in(db, learner_id, packs)
    pools = {p.id: m for p in packs if p.id in done and (m := final_assessment(p)) is not None
             and m.draw}
    if not pools:
        return done, frozenset()
    seen = handed_in_questions(db, learner_id, list(pools))
    query = (select(Attempt.pack_id, Attempt.exercise_id).distinct()
             .where(Attempt.learner_id == learner_id, Attempt.pack_id.in_(list(pools))))
    with db.reader() as session:
        seen |= {(pack_id, exercise_id) for pack_id, exercise_id in session.execute(query)}
    ids = {(pack_id, e.id) for pack_id, module in pools.items() for e in module.exercises}
    return done - set(pools), frozenset(seen & ids)


def _int() -> Any:
    from sqlalchemy import Integer

    return Integer()
