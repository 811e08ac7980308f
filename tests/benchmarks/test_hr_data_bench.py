"""hr-data figures: the bulk generator the report benchmarks use (1 M attempts), and a progress
bundle's round trip (export, check, merge, merge again).

Baselines measured in the same run: bare sqlite3 loading the same number of rows of the same
width into a table with the same indexes (built after the load, as the generator does), with the
store's durability settings (WAL, synchronous=FULL, one transaction).

Run: QT_QPA_PLATFORM=offscreen pytest tests/benchmarks/test_hr_data_bench.py -p no:cacheprovider -s
(TRAINER_BENCH_ATTEMPTS=200000 for a quicker run)
"""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from pathlib import Path

from trainer.config import Paths
from trainer.exchange.bundles import export_bundle, import_bundle, read_bundle
from trainer.reports.demo import builtin_pack, generate
from trainer.store.db import open_database
from trainer.store.permissions import COMMAND_LINE

ATTEMPTS = int(os.environ.get("TRAINER_BENCH_ATTEMPTS", "1000000"))
BUNDLE_ATTEMPTS = int(os.environ.get("TRAINER_BENCH_BUNDLE_ATTEMPTS", "100000"))
PER_LEARNER = 100


def _bare_load(folder: Path, count: int) -> float:
    """Seconds for plain sqlite3 to load ``count`` attempt-sized rows and index them."""
    conn = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE a (id TEXT PRIMARY KEY, learner INT, pack TEXT, version TEXT, "
                 "exercise TEXT, response TEXT, score REAL, weights TEXT, started TEXT, "
                 "finished TEXT, device TEXT, recorded TEXT)")
    prefix = uuid.uuid4().int >> 64 << 64
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    rows = ((uuid.UUID(int=prefix | n).hex, 1 + n // PER_LEARNER, "digital-government", "1.0.0",
             f"ex-{n % 110}", '{"choices": [0, 2]}', (n % 5) / 4,
             '{"data-literacy": 0.5, "data-sharing": 0.5}', "2026-01-05 08:00:00.000000",
             "2026-01-05 08:01:00.000000", "0" * 32, "2026-01-05 08:01:00.000000")
            for n in range(count))
    conn.executemany("INSERT INTO a VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    for columns in ("learner, pack", "pack, exercise", "device", "recorded", "finished",
                    "learner, pack, exercise, score"):
        conn.execute(f"CREATE INDEX ix_{columns.replace(', ', '_')} ON a ({columns})")
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def test_bulk_generator_against_a_bare_load(tmp_path: Path) -> None:
    pack = builtin_pack()
    with open_database(Paths(tmp_path / "data").ensure()) as db:
        start = time.perf_counter()
        written = generate(db, learners=ATTEMPTS // PER_LEARNER,
                           attempts_per_learner=PER_LEARNER, seed=1, pack=pack)
        seconds = time.perf_counter() - start
    bare = _bare_load(tmp_path, ATTEMPTS)
    print(f"\ngenerate: {written:,} attempts in {seconds:.1f} s ({written / seconds:,.0f}/s); "
          f"bare sqlite3 load of the same rows {bare:.1f} s; ratio {seconds / bare:.1f}x")
    assert written == ATTEMPTS
    assert seconds < 6 * bare, "the generator should cost little beyond SQLite's own work"


def test_bundle_round_trip(tmp_path: Path) -> None:
    pack = builtin_pack()
    with open_database(Paths(tmp_path / "a").ensure()) as here, \
            open_database(Paths(tmp_path / "b").ensure()) as there:
        start = time.perf_counter()
        generate(here, learners=BUNDLE_ATTEMPTS // PER_LEARNER, attempts_per_learner=PER_LEARNER,
                 seed=2, pack=pack)
        made = time.perf_counter() - start
        timings = {}
        start = time.perf_counter()
        export_bundle(here, tmp_path / "bundle.zip", actor=COMMAND_LINE)
        timings["export"] = time.perf_counter() - start
        start = time.perf_counter()
        bundle = read_bundle(tmp_path / "bundle.zip")
        timings["check"] = time.perf_counter() - start
        start = time.perf_counter()
        first = import_bundle(there, bundle, actor=COMMAND_LINE, trust_new_device=True)
        timings["merge"] = time.perf_counter() - start
        start = time.perf_counter()
        again = import_bundle(there, bundle, actor=COMMAND_LINE)
        timings["merge again"] = time.perf_counter() - start
    size = (tmp_path / "bundle.zip").stat().st_size / 1e6
    figures = ", ".join(f"{name} {value:.1f} s" for name, value in timings.items())
    print(f"\nbundle of {BUNDLE_ATTEMPTS:,} attempts ({size:.1f} MB): {figures}; generating the "
          f"same rows took {made:.1f} s; merge/generate {timings['merge'] / made:.1f}x")
    assert first.attempts_new == BUNDLE_ATTEMPTS and again.changes == 0
