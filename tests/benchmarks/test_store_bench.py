"""Store budgets (DESIGN §6): saving an answer under 10 ms at the 95th percentile on SQLite, and
the time to write 1 M attempts for 10,000 learners (the report benchmarks' data size).

Each figure is printed next to a baseline measured in the same run: a bare sqlite3 insert and
commit with the same durability settings (WAL, synchronous=FULL).

Run: QT_QPA_PLATFORM=offscreen pytest tests/benchmarks/test_store_bench.py -p no:cacheprovider -s
(TRAINER_BENCH_ATTEMPTS=200000 for a quicker run)
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from trainer.config import Paths
from trainer.store import summary
from trainer.store.bulk import insert_attempts, insert_learners
from trainer.store.db import open_database
from trainer.store.learners import create_learner
from trainer.store.progress import record_attempt

ANSWERS = 1000
ATTEMPTS = int(os.environ.get("TRAINER_BENCH_ATTEMPTS", "1000000"))
LEARNERS = 10_000
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100)
    return statistics.median(samples) * 1000, cuts[94] * 1000


def _bare_sqlite(folder: Path, count: int) -> list[float]:
    """Baseline: one INSERT and COMMIT per answer with plain sqlite3, same pragmas."""
    conn = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE a (id TEXT PRIMARY KEY, learner INT, exercise TEXT, response TEXT,"
                 " score REAL, weights TEXT, started TEXT, finished TEXT)")
    times = []
    for n in range(count):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO a VALUES (?, 1, ?, ?, 1.0, ?, ?, ?)",
                     (uuid.uuid4().hex, f"ex-{n}", '{"choice": 1}', '{"data-literacy": 1.0}',
                      str(T0), str(T0)))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    return times


def test_record_attempt_latency(tmp_path: Path) -> None:
    with open_database(Paths(tmp_path / "data").ensure()) as db:
        person = create_learner(db, "E1", "王小明", "临江市数据资源局")
        with db.session() as session:  # the summaries are kept in step with every answer
            summary.register(session, "digital-government", summary.Registration(
                {(f"ex-{n}", c): 0.5 for n in range(100) for c in ("data-literacy", "data-sharing")},
                {f"ex-{n}": (20, 60) for n in range(80, 100)}))
        times = []
        for n in range(ANSWERS + 50):
            start = time.perf_counter()
            record_attempt(db, person.id, "digital-government", "1.0.0", f"ex-{n % 100}",
                           {"choice": n % 4}, 1.0 if n % 3 else 0.0, {"data-literacy": 1.0}, T0)
            times.append(time.perf_counter() - start)
    p50, p95 = _percentiles(times[50:])
    base50, base95 = _percentiles(_bare_sqlite(tmp_path, ANSWERS)[50:])
    print(f"\nrecord_attempt: p50 {p50:.2f} ms, p95 {p95:.2f} ms; bare sqlite3 insert+commit: "
          f"p50 {base50:.2f} ms, p95 {base95:.2f} ms; ratio p95 {p95 / base95:.1f}x")
    # The budget is 10 ms; when this machine's disk alone needs more than 5 ms to commit (a busy
    # shared machine), the store may add at most as much again as the bare commit.
    budget = 10.0 if base95 <= 5 else 2 * base95
    assert p95 < budget, f"p95 {p95:.1f} ms is over the budget of {budget:.1f} ms"


def test_write_a_million_attempts(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "data").ensure()
    with open_database(paths) as db:
        insert_learners(db, ({"employee_no": f"E{i:06d}", "name": f"学员{i}"}
                             for i in range(1, LEARNERS + 1)))
        weights = [{"data-literacy": 0.5, "data-sharing": 0.5}, {"data-security": 1.0}]
        responses = [{"choice": 1}, {"choices": [0, 2]}, {"text": "数据共享"}]
        start = time.perf_counter()
        written = insert_attempts(db, (
            {"learner_id": 1 + n % LEARNERS, "pack_id": "digital-government",
             "pack_version": "1.0.0", "exercise_id": f"ex-{n // LEARNERS % 100}",
             "response": responses[n % 3], "score": (n % 5) / 4, "weights": weights[n % 2],
             "started_at": T0} for n in range(ATTEMPTS)))
        seconds = time.perf_counter() - start
    size = paths.database_file.stat().st_size / 1e6
    print(f"\n{written:,} attempts for {LEARNERS:,} learners written in {seconds:.1f} s "
          f"({written / seconds:,.0f} a second); database {size:.0f} MB")
    assert written == ATTEMPTS
