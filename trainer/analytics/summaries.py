"""The store's attempt summaries, registered with the packs' weights and read by cohort figures.

Cohort figures without a date range read the summaries (one row per learner and competency);
with a date range, the running summaries at its edges and the answers of the partial UTC days
there (``periods``). A pack whose weights or final assessment changed is
re-registered, which rebuilds its summaries once (one pass over its attempts).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, literal, select
from sqlalchemy.exc import DBAPIError

from trainer.analytics import periods
from trainer.analytics.filters import CohortFilter, time_window
from trainer.analytics.scoring import assessment_marks, exercise_weights
from trainer.content.model import Pack
from trainer.store import summary
from trainer.store.errors import DatabaseCorrupt, DatabaseUnavailable
from trainer.store.models import SummaryActivity, SummaryCompetency, SummarySitting

log = logging.getLogger(__name__)


def registration(pack: Pack) -> summary.Registration:
    """The weights (> 0) and final-assessment exercises the pack's summaries are built with."""
    weights = {(exercise, competency): float(weight)
               for (_, exercise), by_competency in exercise_weights([pack]).items()
               for competency, weight in by_competency.items() if weight > 0}
    return summary.Registration(weights, assessment_marks(pack))


def ensure(db: Any, packs: Sequence[Pack]) -> bool:
    """Register the packs (rebuilding what changed); False when the database cannot be written,
    so the caller computes from the attempts instead. Their 学时 data too (the credit ledger)."""
    done = _ensure_summaries(db, packs)
    if done:
        from trainer.analytics import credits

        try:
            credits.ensure(db, packs)
        except (DatabaseUnavailable, DatabaseCorrupt, DBAPIError) as exc:
            log.warning("学时 data not registered (%s)", exc)
    return done


def _ensure_summaries(db: Any, packs: Sequence[Pack]) -> bool:
    wanted = {p.id: registration(p) for p in packs}
    with db.reader() as session:
        current = summary.registered(session, wanted)
    stale = [pack_id for pack_id, want in wanted.items() if current[pack_id] != want]
    if not stale:
        return True
    if getattr(db, "read_only", False):  # damaged: never written; the attempts still count
        log.info("Summaries of %s not rebuilt: the database is read-only", ", ".join(stale))
        return False
    try:
        with db.session() as session:
            for pack_id in stale:
                if summary.register(session, pack_id, wanted[pack_id]):
                    log.info("Summaries of %s rebuilt for its current weights", pack_id)
    except (DatabaseUnavailable, DatabaseCorrupt, DBAPIError) as exc:
        log.warning("Summaries not updated (%s); cohort figures read the attempts", exc)
        return False
    return True


def usable(db: Any, packs: Sequence[Pack], flt: CohortFilter | None) -> bool:
    """Whether a figure over ``packs`` with ``flt`` can be read from the summaries (date ranges
    included: ``periods``); False only when they cannot be brought up to date."""
    return ensure(db, packs)


def dated(flt: CohortFilter | None) -> bool:
    """Whether the filter limits the days counted."""
    return flt is not None and (flt.since is not None or flt.until is not None)


def competency_sums(pack_ids: Sequence[str], flt: CohortFilter | None = None) -> Any:
    """Per learner and competency over the packs: s = Σ weight × best, t = Σ weight, n; with
    an end date, as they stood at its end (a range's start does not limit a score)."""
    if flt is not None and flt.end is not None:
        return periods.competency_sums(pack_ids, flt.end)
    c = SummaryCompetency
    if len(pack_ids) == 1:  # one pack: the rows already are per learner and competency
        return (select(c.learner_id, c.competency_id, c.weighted.label("s"),
                       c.weight.label("t"), c.exercises.label("n"))
                .where(c.pack_id == pack_ids[0]).subquery("per_competency"))
    return (select(c.learner_id, c.competency_id, func.sum(c.weighted).label("s"),
                   func.sum(c.weight).label("t"), func.sum(c.exercises).label("n"))
            .where(c.pack_id.in_(list(pack_ids)))
            .group_by(c.learner_id, c.competency_id).subquery("per_competency"))


def answered(pack_ids: Sequence[str]) -> Any:
    """(learner_id, pack_id) of everyone with an answer in the packs."""
    return (select(SummaryActivity.learner_id, SummaryActivity.pack_id)
            .where(SummaryActivity.pack_id.in_(list(pack_ids))))


def passed(pack_ids: Sequence[str], flt: CohortFilter | None = None) -> Any:
    """(learner_id, pack_id, passed=1) for a final-assessment sitting at the pass mark (one
    started in the filter's days, when it has any)."""
    s = SummarySitting
    return (select(s.learner_id, s.pack_id, literal(1).label("passed"))
            .where(s.pack_id.in_(list(pack_ids)), s.points * 100.0 >= s.pass_mark * s.total,
                   *time_window(s.started_at, flt))
            .group_by(s.learner_id, s.pack_id).subquery("passed"))


def activity(pack_ids: Sequence[str], flt: CohortFilter | None = None) -> Any:
    """Per learner over the packs: answers given and the latest answer's start."""
    if flt is not None and dated(flt):
        return periods.activity(pack_ids, flt)
    a = SummaryActivity
    return (select(a.learner_id, func.sum(a.attempts), func.max(a.last_answer_at))
            .where(a.pack_id.in_(list(pack_ids))).group_by(a.learner_id))


def answer_count(pack_ids: Sequence[str], flt: CohortFilter | None, kept: Any) -> Any:
    """SQL: answers in the packs (and the filter's days) by the learners of subquery ``kept``."""
    if flt is not None and dated(flt):
        return periods.answer_count(pack_ids, flt, kept)
    a = SummaryActivity
    return (select(func.coalesce(func.sum(a.attempts), 0))
            .join(kept, kept.c.learner_id == a.learner_id)
            .where(a.pack_id.in_(list(pack_ids))))
