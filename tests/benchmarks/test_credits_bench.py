"""学时 ledger budget (issue 16): rebuilding the ledger for 10,000 learners and 1 M answers takes
at most 10 s. Measured three ways on the org-size records of the analytics benchmarks:
re-deriving a ledger already in step (``trainer credits rebuild`` on a healthy database), from
nothing (every award written), and from the raw answers (the sittings summary rebuilt from the
1 M attempts first). Also a year's 学时 of everyone (``credits.earned``), which plan reports read.

Run: pytest tests/benchmarks/test_credits_bench.py -p no:cacheprovider -s
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import delete, func, select

from tests.benchmarks.analytics_data import build, summarise
from trainer.analytics.credits import earned, rebuild
from trainer.config import bundled_courses_dir
from trainer.content.loader import load_pack
from trainer.store import credits, summary
from trainer.store.db import open_database
from trainer.store.models import CreditAward
from trainer.store.permissions import COMMAND_LINE


def _timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


@pytest.mark.slow
def test_ledger_rebuild_over_10000_learners_and_1m_answers(tmp_path) -> None:
    pack = load_pack(bundled_courses_dir() / "digital-government")
    paths = build(tmp_path / "big", pack, learners=10_000, per_learner=100)
    with open_database(paths, backup=False) as db:
        summarise(db, pack)  # registers the pack: the ledger is derived once here
        with db.reader() as session:
            awards = session.scalar(select(func.count()).select_from(CreditAward))
        in_step, result = _timed(lambda: rebuild(db, actor=COMMAND_LINE))
        assert result == credits.SyncResult(0, 0, 0)
        with db.session() as session:
            session.execute(delete(CreditAward))
        empty, result = _timed(lambda: rebuild(db, actor=COMMAND_LINE))
        assert result.added == awards

        def from_answers() -> credits.SyncResult:
            with db.session() as session:
                session.execute(delete(CreditAward))
                summary.refresh(session, parts=("sittings",))
                return credits.sync(session)
        raw, result = _timed(from_answers)
        assert result.added == awards
        with db.reader() as session:
            year, found = _timed(lambda: earned(session, year=2025))
    print(f"\n{awards:,} awards for 10,000 learners / 1 M answers: rebuild in step "
          f"{in_step:.2f} s, from an empty ledger {empty:.2f} s, from the answers (sittings "
          f"re-summed) {raw:.2f} s; a year's 学时 of everyone {year * 1000:.0f} ms "
          f"({len(found):,} learners)")
    assert max(in_step, empty, raw) <= 10
    assert year < 1
