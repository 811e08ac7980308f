"""Large synthetic records for the analytics benchmarks, written with raw sqlite3 for speed
(the schema comes from the real migrations, so the indexes are the ones users get)."""

from __future__ import annotations

import json
import random
import sqlite3
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from trainer.config import Paths
from trainer.content.model import Pack
from trainer.store.db import open_database

T0 = datetime(2025, 1, 6, 8, 0)
DEPARTMENTS = ["市数据局", "民政局", "人社局", "公安局", "卫健委", "自然资源局", "教育局", "财政局"]


def build(folder: Path, pack: Pack, learners: int, per_learner: int, seed: int = 7) -> Paths:
    """A data folder with ``learners`` learners, each answering ``per_learner`` times."""
    paths = Paths(folder).ensure()
    open_database(paths).close()
    rng = random.Random(seed)
    exercises = [(e.id, json.dumps(e.weights)) for e in pack.exercises()]
    modules = [m.id for m in pack.modules]
    con = sqlite3.connect(paths.database_file)
    con.execute("PRAGMA synchronous=OFF")
    con.executemany("INSERT INTO departments (id, name, created_at) VALUES (?, ?, ?)",
                    [(i + 1, n, str(T0)) for i, n in enumerate(DEPARTMENTS)])
    stamp = str(T0)
    con.executemany(
        "INSERT INTO learners (id, employee_no, name, department_id, role, active, failed_tries,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, 'learner', 1, 0, ?, ?)",
        [(i, f"E{i:06d}", f"学员{i}", 1 + i % len(DEPARTMENTS), stamp, stamp)
         for i in range(1, learners + 1)])
    con.executemany(
        "INSERT INTO lesson_progress (learner_id, pack_id, module_id, status, seconds,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        [(i, pack.id, m, rng.choice(("in_progress", "completed")), rng.randrange(60, 3000),
          stamp) for i in range(1, learners + 1) for m in modules[: rng.randrange(len(modules))]])
    for start in range(1, learners + 1, 500):
        rows = []
        for learner in range(start, min(start + 500, learners + 1)):
            for n in range(per_learner):
                ex, weights = exercises[n % len(exercises)]
                when = str(T0 + timedelta(minutes=learner % 977 + 7 * n))
                rows.append((uuid.uuid4().hex, learner, pack.id, pack.version, ex, "{}",
                             rng.choice((0.0, 0.5, 1.0, 1.0, None if n % 97 == 0 else 0.8)),
                             weights, when, when, when))
        con.executemany(
            "INSERT INTO attempts (id, learner_id, pack_id, pack_version, exercise_id, response,"
            " score, weights, started_at, finished_at, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.commit()
    con.execute("ANALYZE")
    con.close()
    return paths
