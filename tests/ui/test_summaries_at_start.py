"""After the first screen is up, the app registers the library's packs with HR's summaries in a
worker thread, so the first HR figure after an upgrade does not wait for the rebuild."""

from __future__ import annotations

from datetime import UTC, datetime

from trainer.analytics.cohort import cohort_competency
from trainer.analytics.summaries import registration
from trainer.config import Paths
from trainer.store import summary
from trainer.store.learners import create_learner
from trainer.store.models import SummaryCompetency
from trainer.store.progress import record_attempt
from trainer.ui.common.context import AppContext


def test_packs_are_registered_in_the_background(qapp, paths: Paths) -> None:
    ctx = AppContext(paths)
    try:
        pack = ctx.library.get("digital-government")
        first = pack.exercises()[0]
        person = create_learner(ctx.db, "E1", "王小明", "市数据局")
        record_attempt(ctx.db, person.id, pack.id, pack.version, first.id, {}, 1.0,
                       first.weights, datetime(2026, 3, 2, tzinfo=UTC))
        with ctx.db.reader() as session:
            assert session.query(SummaryCompetency).count() == 0  # nothing registered yet
        ctx.prepare_summaries_in_background().join(timeout=60)
        with ctx.db.reader() as session:
            registered = summary.registered(session, [p.id for p in ctx.library.packs()])
            assert registered[pack.id] == registration(pack)
            assert session.query(SummaryCompetency).count() == len(first.weights)
        rows = cohort_competency(ctx.db, [pack], by="all")
        assert {r.competency_id for r in rows} == set(first.weights)
        assert all(r.score == 100.0 for r in rows)
    finally:
        ctx.close()
