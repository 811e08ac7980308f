"""Large synthetic records for the analytics benchmarks, written with raw sqlite3 for speed
(the schema comes from the real migrations, so the indexes are the ones users get)."""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from trainer.analytics import summaries
from trainer.analytics.scoring import assessment_marks
from trainer.config import Paths
from trainer.content.model import Pack
from trainer.store import summary
from trainer.store.db import Database, open_database

T0 = datetime(2025, 1, 6, 8, 0)
DEPARTMENTS = ["市数据局", "民政局", "人社局", "公安局", "卫健委", "自然资源局", "教育局", "财政局"]


def build(folder: Path, pack: Pack, learners: int, per_learner: int, seed: int = 7,
          days: int | None = None, cells: int | None = None) -> Paths:
    """A data folder with ``learners`` learners, each answering ``per_learner`` times: 7 minutes
    apart, or with ``days`` spread evenly over that many days (a campaign, as HR's date
    filters see it), cycling through the pack's exercises.

    With ``cells`` (and ``days``) each learner touches the same ``cells`` (exercise, day) pairs
    whatever ``per_learner`` is, the answers beyond the first ``cells`` being retries a minute
    apart on the same day: the content and days touched stay fixed and only the answers grow.
    Without it, more answers per learner also touch more exercises and more days (up to the
    pack's exercises × ``days``)."""
    paths = Paths(folder).ensure()
    open_database(paths).close()
    rng = random.Random(seed)
    exercises = [(e.id, json.dumps(e.weights)) for e in pack.exercises()]
    # a pass through the final assessment's questions is one sitting: they share its start
    finals, lead = assessment_marks(pack), []
    for i, (exercise, _) in enumerate(exercises):
        lead.append(lead[-1] + 1 if i and exercise in finals and exercises[i - 1][0] in finals
                    else 0)
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
    # the indexes are built once after the rows (as a restore does), and the ids ascend, so
    # three million answers take a minute, not a quarter of an hour
    indexes = [sql for (sql,) in con.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attempts'"
        " AND sql IS NOT NULL")]
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'"
                               " AND tbl_name = 'attempts' AND sql IS NOT NULL").fetchall():
        con.execute(f"DROP INDEX {name}")
    prefix = uuid.UUID(int=rng.getrandbits(128)).int & ~((1 << 64) - 1)
    serial = 0
    step = 7 if days is None else days * 1440 // per_learner
    if cells is not None and (days is None or cells > per_learner):
        raise ValueError("cells needs days, and no more cells than answers per learner")
    for start in range(1, learners + 1, 500):
        rows = []
        for learner in range(start, min(start + 500, learners + 1)):
            for n in range(per_learner):
                if cells is None:
                    ex, weights = exercises[n % len(exercises)]
                    sat = n - lead[n % len(exercises)]
                    when = str(T0 + timedelta(minutes=learner % 977 + step * sat))
                else:  # 08:00–18:30 UTC: every retry on its cell's UTC day; learners'
                    # days shifted so every day of the campaign (a range's edges) has answers
                    cell, retry = n % cells, n // cells
                    ex, weights = exercises[cell % len(exercises)]
                    day = (cell * days // cells + learner) % days
                    when = str(T0 + timedelta(days=day, minutes=learner % 600 + retry))
                serial += 1
                rows.append((f"{prefix | serial:032x}", learner, pack.id, pack.version, ex, "{}",
                             rng.choice((0.0, 0.5, 1.0, 1.0, None if n % 97 == 0 else 0.8)),
                             weights, when, when, when))
        con.executemany(
            "INSERT INTO attempts (id, learner_id, pack_id, pack_version, exercise_id, response,"
            " score, weights, started_at, finished_at, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    for sql in indexes:
        con.execute(sql)
    con.commit()
    con.execute("ANALYZE")
    con.close()
    return paths


def median_ms(action: Callable[[], object], repeat: int = 5) -> float:
    """The median of ``repeat`` timed calls of ``action``, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def summarise(db: Database, pack: Pack) -> float:
    """Build the store's summaries for records written behind its back (as an upgrade to
    schema 0005 and the first cohort figure do); returns the seconds it took."""
    start = time.perf_counter()
    with db.session() as session:
        summary.refresh(session, parts=("activity", "days", "to_date"))
    summaries.ensure(db, [pack])
    return time.perf_counter() - start


def build_postgres(url: str, folder: Path, pack: Pack, learners: int, per_learner: int,
                   seed: int = 7) -> tuple[Paths, str]:
    """The same records on PostgreSQL (in a fresh schema of ``url``), loaded with COPY.

    Returns the data folder and a URL whose search_path is that schema.
    """
    import psycopg
    from sqlalchemy.engine import make_url

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    scoped_url = scoped.render_as_string(hide_password=False)
    paths = Paths(folder).ensure()
    open_database(paths, scoped_url).close()
    rng = random.Random(seed)
    exercises = [(e.id, json.dumps(e.weights)) for e in pack.exercises()]
    with psycopg.connect(plain, options=f"-csearch_path={schema}") as con, con.cursor() as cur:
        for i, name in enumerate(DEPARTMENTS):
            cur.execute("INSERT INTO departments (id, name, created_at) VALUES (%s, %s, %s)",
                        (i + 1, name, T0))
        with cur.copy("COPY learners (id, employee_no, name, department_id, role, active,"
                      " failed_tries, created_at, updated_at) FROM STDIN") as copy:
            for i in range(1, learners + 1):
                copy.write_row((i, f"E{i:06d}", f"学员{i}", 1 + i % len(DEPARTMENTS), "learner",
                                True, 0, T0, T0))
        with cur.copy("COPY attempts (id, learner_id, pack_id, pack_version, exercise_id,"
                      " response, score, weights, started_at, finished_at, recorded_at)"
                      " FROM STDIN") as copy:
            for learner in range(1, learners + 1):
                for n in range(per_learner):
                    ex, weights = exercises[n % len(exercises)]
                    when = T0 + timedelta(minutes=learner % 977 + 7 * n)
                    score = rng.choice((0.0, 0.5, 1.0, 1.0, None if n % 97 == 0 else 0.8))
                    copy.write_row((uuid.uuid4(), learner, pack.id, pack.version, ex, "{}",
                                    score, weights, when, when, when))
        con.commit()
        cur.execute("ANALYZE")
    return paths, scoped_url


def drop_postgres_schema(url: str, scoped_url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    schema = make_url(scoped_url).query["options"].split("=", 1)[1]
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as con:
        con.execute(f"DROP SCHEMA {schema} CASCADE")
