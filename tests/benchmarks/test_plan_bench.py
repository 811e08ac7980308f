"""Plan budgets (issue 16): the HR plan report over 10,000 learners and 1 M answers under 1 s
(it reads the 学时 ledger, the lesson records and the summaries, never the answers), and one
learner's 我的学习任务 under 50 ms. Units nest (局/科) so the roll-ups have sub-units.

Run: pytest tests/benchmarks/test_plan_bench.py -p no:cacheprovider -s
"""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from tests.benchmarks.analytics_data import DEPARTMENTS, T0, build, median_ms, summarise
from trainer.analytics.learner_tasks import learner_tasks
from trainer.analytics.plan_report import plan_report
from trainer.config import bundled_courses_dir
from trainer.content.loader import load_pack
from trainer.store.db import open_database
from trainer.store.permissions import COMMAND_LINE
from trainer.store.plan_spec import PlanCourse, PlanSpec
from trainer.store.plans import create_plan

SECTIONS = ("综合科", "业务科")



def nest(database: Path, pack: Any) -> None:
    """Two sections under every department; two learners in three move into one of them.
    Every tenth learner has completed every module (so some finish the compulsory course)."""
    con = sqlite3.connect(database)
    finishers = range(10, 10_001, 10)
    con.executemany("DELETE FROM lesson_progress WHERE learner_id = ?",
                    [(i,) for i in finishers])
    con.executemany("INSERT INTO lesson_progress (learner_id, pack_id, module_id, status, "
                    "seconds, updated_at) VALUES (?, ?, ?, 'completed', 600, ?)",
                    [(i, pack.id, m.id, str(T0)) for i in finishers for m in pack.modules])
    rows = []
    for parent, name in enumerate(DEPARTMENTS, start=1):
        rows += [(100 + 10 * parent + n, f"{name}/{section}", str(T0), parent)
                 for n, section in enumerate(SECTIONS)]
    con.executemany("INSERT INTO departments (id, name, created_at, parent_id) "
                    "VALUES (?, ?, ?, ?)", rows)
    con.execute("UPDATE learners SET department_id = 100 + 10 * department_id + (id % 3) "
                "WHERE id % 3 < 2")
    con.commit()
    con.close()


@pytest.mark.slow
def test_plan_report_over_10000_learners_and_1m_answers(tmp_path: Path) -> None:
    pack = load_pack(bundled_courses_dir() / "digital-government")
    start = time.perf_counter()
    paths = build(tmp_path / "big", pack, learners=10_000, per_learner=100)
    nest(paths.database_file, pack)
    print(f"\nbuilt 1 M attempts in {time.perf_counter() - start:.0f} s")
    with open_database(paths, backup=False) as db:
        print(f"summaries and 学时 ledger derived in {summarise(db, pack):.1f} s")
        with db.reader() as s:
            awards = s.execute(text("SELECT count(*) FROM credit_awards")).scalar_one()
            scan = median_ms(lambda: s.execute(text(
                "SELECT count(*), max(score) FROM attempts")).all(), 3)
        create_plan(db, PlanSpec("2025年度学习计划", date(2025, 1, 1), date(2025, 12, 31),
                                 Decimal(10), (PlanCourse(pack.id, True, date(2025, 6, 30)),),
                                 tuple(("unit", d) for d in DEPARTMENTS)),
                    actor=COMMAND_LINE, courses={pack.id}, roles=None)
        today = date(2025, 7, 1)
        report = plan_report(db, "2025年度学习计划", [pack], actor=COMMAND_LINE, today=today)
        took = median_ms(lambda: plan_report(db, "2025年度学习计划", [pack], actor=COMMAND_LINE,
                                             today=today), 3)
        tasks = median_ms(lambda: learner_tasks(db, 4242, [pack], actor=COMMAND_LINE,
                                                today=today), 9)
    print(f"{awards:,} awards in the ledger; plan report over {len(report.people):,} people and "
          f"{len(report.units)} units: {took:.0f} ms (a plain scan of the answers: {scan:.0f} "
          f"ms); 我的学习任务 of one learner: {tasks:.1f} ms")
    assert len(report.people) == 10_000 and len(report.units) == 8 * 3
    done = sum(p.compulsory_done for p in report.people)
    print(f"{done:,} finished the compulsory course, {len(report.overdue):,} overdue")
    assert report.overdue
    assert took < 1000
    assert tasks < 50
