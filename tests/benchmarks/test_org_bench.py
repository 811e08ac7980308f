"""Organisation-size budgets (issue 14, DESIGN §6): 10,000 learners, answers spread over a
90-day campaign, the computer in Beijing (so date ranges have partial UTC days at their edges).

``test_figures_at_organisation_size``: 1 M answers; every HR figure with and without dates and
the dashboard's department mean, each printed with its ratio to a plain scan of the answers
measured in the same run (absolute times drift between machines). HR figures ≤ 1 s; the
department mean as the dashboard's first opening after a start reads it ≤ 300 ms.

``test_dashboard_at_organisation_size``: "My progress" first opened in a fresh process on the
same 1 M database (``dashboard_probe.py``) ≤ 300 ms, click to charts painted; as in the app,
its figures were gathered and its page built and painted off screen while the learner opened a
course (``ui/learner/dashboard_prefetch.py``; the time that took is printed too).

``test_growth``: the same figures at 100 k, 1 M and 3 M answers, printed side by side with the
growth, each within 1.5× of its CPU time at the smallest size (steady on a shared machine; the
wall-time ratio printed beside it). The shape is held fixed: every size has the same learners,
and each learner the same (exercise, UTC day) pairs (as many as answers per learner at the
smallest size, their days shifted per learner so every day, a range's edges included, has
answers); the answers beyond are retries on those days, which is what grows in real use
(retries, review answers). So it measures cost against answers alone.

``test_growth_with_coverage`` (information, nothing asserted): answers cycling through the
pack's 177 exercises over the 90 days, so 10 answers a learner touch 10 exercises on ~10 days
and 300 touch all of them on every day. The summaries (a row per learner × exercise × active
day, per learner × competency × day it changed) then grow ~18× and ~9× from 100 k to 3 M: more
content and more active days, bounded by learners × exercises × days of the campaign, not by
answers (a 4th million of answers on the same content adds no summary rows).

``ORG_BENCH_SIZES=100000,1000000`` chooses other sizes (a loaded machine); each database is
generated once into a temporary folder.

Run: pytest tests/benchmarks/test_org_bench.py -p no:cacheprovider -s
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from tests.benchmarks.analytics_data import build, median_ms, summarise
from trainer.analytics import peers
from trainer.analytics.cohort import cohort_competency, cohort_completion, learner_table
from trainer.analytics.filters import CohortFilter
from trainer.config import bundled_courses_dir
from trainer.content.loader import load_pack
from trainer.reports.attempts import count_attempts
from trainer.store.db import Database, open_database

LEARNERS = 10_000
DAYS = 90
SIZES = tuple(int(n) for n in os.environ.get("ORG_BENCH_SIZES",
                                             "100000,1000000,3000000").split(","))
DATED = CohortFilter(since=date(2025, 2, 1), until=date(2025, 2, 28))  # a month of the campaign
GROWTH_LIMIT = 1.5  # every figure, dated ones included (a score is the standing at the end
# of the range: one look-up per learner and competency, whatever the answers before it)



@pytest.fixture(scope="module")
def pack() -> Any:
    return load_pack(bundled_courses_dir() / "digital-government")


@pytest.fixture(autouse=True)
def beijing() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """Outside pytest's temporary root: other pytest runs prune old roots."""
    with tempfile.TemporaryDirectory(prefix="trainer-org-bench-") as name:
        yield Path(name)


def organisation(folder: Path, pack: Any, answers: int,
                 cells: int | None = None) -> tuple[Path, float]:
    """The data folder with ``answers`` answers (built once per run), and seconds it took;
    with ``cells``, each learner's answers on that many fixed (exercise, day) pairs."""
    target = folder / (f"answers-{answers}" if cells is None else f"fixed-{cells}-{answers}")
    if (target / "trainer.sqlite3").exists():
        return target, 0.0
    start = time.perf_counter()
    paths = build(target, pack, LEARNERS, answers // LEARNERS, days=DAYS, cells=cells)
    with open_database(paths, backup=False) as db:
        summarise(db, pack)
    return target, time.perf_counter() - start


def figures(db: Database, pack: Any) -> dict[str, Callable[[], object]]:
    def department_mean() -> object:
        peers.forget()  # the first opening after a start: the data folder's cache, checked
        return peers.group_mean(db, [pack], department="市数据局")

    def department_mean_recomputed() -> object:
        peers.forget()
        (db.paths.cache_dir / peers.FILE_NAME).unlink(missing_ok=True)
        return peers.group_mean(db, [pack], department="市数据局")

    return {
        "cohort competency by department": lambda: cohort_competency(db, [pack]),
        "cohort competency by department, dates":
            lambda: cohort_competency(db, [pack], filters=DATED),
        "cohort competency by role, dates":
            lambda: cohort_competency(db, [pack], by="role", filters=DATED),
        "cohort completion by department": lambda: cohort_completion(db, [pack]),
        "cohort completion by department, dates":
            lambda: cohort_completion(db, [pack], filters=DATED),
        "learner table": lambda: learner_table(db, [pack]),
        "learner table, dates": lambda: learner_table(db, [pack], DATED),
        "answers in the report, dates": lambda: count_attempts(db, [pack], DATED),
        "department mean, recomputed": department_mean_recomputed,
        "department mean (dashboard)": department_mean,
    }


def measure(data: Path, pack: Any) -> tuple[float, dict[str, float]]:
    from trainer.config import Paths

    with open_database(Paths(data), backup=False) as db:
        with db.reader() as s:
            scan = median_ms(repeat=3, action=lambda: s.execute(text(
                "SELECT count(*), max(score) FROM attempts")).all())
        actions = figures(db, pack)
        for action in actions.values():
            action()  # warm: registration, the page cache
        return scan, {name: median_ms(action, 3) for name, action in actions.items()}


def timed(data: Path, pack: Any, repeat: int = 5) -> dict[str, tuple[float, float]]:
    """Each figure's median wall time and CPU time (the process's: SQLite works in the calling
    thread; steady when other work shares the machine, unlike wall time), in ms."""
    from trainer.config import Paths

    found = {}
    with open_database(Paths(data), backup=False) as db:
        actions = figures(db, pack)
        for action in actions.values():
            action()  # warm: registration, the page cache
        for name, action in actions.items():
            walls, cpus = [], []
            for _ in range(repeat):
                wall, cpu = time.perf_counter(), time.process_time()
                action()
                walls.append((time.perf_counter() - wall) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
            found[name] = (statistics.median(walls), statistics.median(cpus))
    return found


@pytest.mark.slow
def test_figures_at_organisation_size(folder: Path, pack: Any) -> None:
    data, built = organisation(folder, pack, 1_000_000)
    scan, took = measure(data, pack)
    print(f"\n10,000 learners, 1 M answers (generated in {built:.0f} s); "
          f"plain scan of the answers {scan:.0f} ms")
    for name, ms in took.items():
        print(f"{name}: {ms:.0f} ms (ratio to scan {ms / scan:.2f})")
    for name, ms in took.items():
        budget = 300 if "department mean" in name else 1000
        assert ms < budget, f"{name}: {ms:.0f} ms (budget {budget} ms)"


@pytest.mark.slow
def test_dashboard_at_organisation_size(folder: Path, pack: Any) -> None:
    """The learner's "My progress" page, first opening in a fresh process, charts drawn."""
    from tests.benchmarks.test_analytics_bench import probe

    data, _ = organisation(folder, pack, 1_000_000)
    probe(data, seed_only=True)  # the probe's learner and a colleague join 市数据局
    probe(data)  # warm-up: byte code, disk cache, the group means' cache
    runs = [probe(data) for _ in range(3)]
    opening = statistics.median(r["dashboard"] for r in runs) * 1000
    chart = statistics.median(r["chart"] for r in runs) * 1000
    cpu = statistics.median(r["dashboard_cpu"] for r in runs) * 1000
    chart_cpu = statistics.median(r["chart_cpu"] for r in runs) * 1000
    gathered = statistics.median(r["gathered"] for r in runs)
    print(f"\ndashboard first opening at 10,000 learners, 1 M answers: {opening:.0f} ms "
          f"(a window with one small chart: {chart:.0f} ms, ratio {opening / chart:.1f}); "
          f"GUI-thread CPU {cpu:.0f} ms (small chart {chart_cpu:.0f} ms); prepared in the "
          f"background {gathered:.1f} s after sign-in")
    assert all(r["drawn"] for r in runs)
    assert opening < 300


def growth(folder: Path, pack: Any, cells: int | None) -> dict[str, list[float]]:
    """Each figure's CPU time at each of ``SIZES`` (returned), printed with the last ÷ the
    first, and the wall-time ratio beside it."""
    table: dict[int, dict[str, tuple[float, float]]] = {}
    for answers in SIZES:
        data, built = organisation(folder, pack, answers, cells)
        table[answers] = timed(data, pack)
        print(f"\n{answers:,} answers: generated in {built:.0f} s")
        if answers != 1_000_000 or cells is not None:
            shutil.rmtree(data)  # keep the disk free; the 1 M one serves the other tests
    first, last = SIZES[0], SIZES[-1]
    print("\nfigure, CPU time | " + " | ".join(f"{n:,}" for n in SIZES)
          + f" | {last:,} ÷ {first:,} | wall time ÷")
    times = {name: [table[n][name][1] for n in SIZES] for name in table[first]}
    for name, row in times.items():
        wall = table[last][name][0] / table[first][name][0]
        print(f"{name} | " + " | ".join(f"{t:.0f} ms" for t in row)
              + f" | {row[-1] / row[0]:.2f} | {wall:.2f}")
    return times


@pytest.mark.slow
def test_growth(folder: Path, pack: Any) -> None:
    """More answers on the same content and days: each figure's cost against answers alone."""
    cells = SIZES[0] // LEARNERS
    print(f"\nfixed shape: each learner on the same {cells} exercises and days at every size")
    times = growth(folder, pack, cells)
    slower = {name: round(row[-1] / row[0], 2) for name, row in times.items()
              if row[-1] > GROWTH_LIMIT * row[0]}
    assert not slower, f"figures that grow with the answers: {slower}"


@pytest.mark.slow
def test_growth_with_coverage(folder: Path, pack: Any) -> None:
    """Information only: more answers each cycling through more exercises and days."""
    print("\ngrowing coverage: each learner's answers cycle through the pack's exercises over "
          f"{DAYS} days")
    growth(folder, pack, None)
