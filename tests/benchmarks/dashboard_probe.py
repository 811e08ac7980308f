"""Child process for the dashboard benchmark: prints JSON with timings (s) and memory (MB).

    python dashboard_probe.py --seed DATA_DIR   # first-run set-up only: create and seed
    python dashboard_probe.py DATA_DIR          # measure (seeds first if DATA_DIR is empty)

The measured process opens a database that already exists, as every start of the app but the
very first does: creating the schema imports Alembic (about 11 MB that stay loaded), a cost of
the first start and of the first one after an update that changes the schema; the benchmark
runs that case separately and reports it.

Order, as in the app: window up → chart libraries preloaded in the background → the learner
signs in and opens a course, and "My progress" is gathered on a worker and its page built and
painted off screen in idle moments meanwhile (``dashboard_prefetch``; "gathered": seconds from
sign-in until it was ready) → "My progress", opened through the window's page factory.
The first opening of the dashboard is timed from the click (importing the page, as its factory
does) to its charts drawn, in wall-clock and the GUI thread's CPU seconds; a window with one small chart, shown the same way in the same
process, is the baseline (the cost of drawing with matplotlib on this machine right now). That
reference window is closed before memory is read: it is not part of the app.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

LEARNER = "E1001"
PAGE_SIZE = (1280, 900)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def shown(app: Any, widget: Any) -> float:
    start = time.perf_counter()
    widget.resize(*PAGE_SIZE)
    widget.show()
    app.processEvents()
    app.processEvents()  # a second turn for what the first one posted (paints, layouts)
    return time.perf_counter() - start


def open_seeded(data_dir: Path) -> tuple[Any, Any, int]:
    """The database (seeded first if the folder is new), the course library and the learner."""
    from trainer.config import Paths, bundled_courses_dir
    from trainer.content.library import Library
    from trainer.store.db import open_database
    from trainer.store.learners import find_learners

    paths = Paths(data_dir).ensure()
    db = open_database(paths)
    library = Library(paths.packs_dir, bundled_courses_dir())
    found = [one for one in find_learners(db, LEARNER) if one.employee_no == LEARNER]
    if found:
        return db, library, found[0].id
    from tests.ui.dashboard_seed import seed

    return db, library, seed(db, library.get("digital-government"))[LEARNER]


def main(data_dir: Path) -> None:
    from PySide6.QtCore import QEvent, QSize
    from PySide6.QtWidgets import QLabel, QMainWindow

    from trainer.ui.app import create_application
    from trainer.ui.common.context import AppContext
    from trainer.ui.common.fonts import install_cjk_font
    from trainer.ui.common.theme import apply_theme

    app = create_application()
    install_cjk_font(app)
    apply_theme(app, "light")
    bare = QMainWindow()
    bare.setCentralWidget(QLabel("Trainer"))
    bare_seconds = shown(app, bare)
    rss_window = rss_mb()
    from trainer.ui.common.charts import preload_in_background

    preload_in_background().join()
    from trainer.ui.common.charts import ChartView

    def one_chart(figure, theme, hover):  # noqa: ANN001 - the reference: one small chart
        ax = figure.add_subplot()
        ax.plot([1, 2, 3, 4], [10, 30, 20, 40], marker="o")
        ax.set_title("学习活跃度 Activity")

    start = time.perf_counter()
    cpu = time.thread_time()
    chart_window = QMainWindow()
    chart_window.setCentralWidget(ChartView(one_chart, name="reference"))
    shown(app, chart_window)
    chart_seconds = time.perf_counter() - start
    chart_cpu = time.thread_time() - cpu
    chart_window.close()
    chart_window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    from trainer.config import Settings
    from trainer.store.learners import get_learner

    db, library, learner = open_seeded(data_dir)
    ctx = AppContext(db.paths, Settings(db.paths.settings_file), db=db, library=library)
    from trainer.ui.learner.dashboard_prefetch import watch

    prefetcher = watch(ctx, lambda: QSize(*PAGE_SIZE))  # as the learner pages do
    signed_in = time.perf_counter()
    ctx.set_user(get_learner(db, learner))
    from trainer.ui.learner.course import CoursePage

    course = CoursePage(ctx)
    course.open_course("digital-government")
    shown(app, course)
    gathered = wait_for_gathering(app, prefetcher) - signed_in

    start = time.perf_counter()
    cpu = time.thread_time()
    from trainer.ui.learner.pages import _dashboard  # the window's factory for the page

    page = _dashboard(ctx)
    shown(app, page)
    open_seconds = time.perf_counter() - start
    open_cpu = time.thread_time() - cpu
    drawn = all(not chart.figure.stale for chart in page.charts())  # rendered since last change
    print(json.dumps({"bare": bare_seconds, "chart": chart_seconds, "chart_cpu": chart_cpu,
                      "dashboard": open_seconds, "dashboard_cpu": open_cpu,
                      "gathered": gathered, "drawn": drawn, "alembic": "alembic" in sys.modules,
                      "rss_window": rss_window, "rss": rss_mb()}))


def wait_for_gathering(app: Any, prefetcher: Any, timeout: float = 60.0) -> float:
    """Let the learner read the course until "My progress" was gathered in the background and
    its page built and painted off screen (the app starts 1.5 s after sign-in); returns when
    that happened (perf_counter)."""
    deadline = time.perf_counter() + timeout
    while not prefetcher.painted and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    return time.perf_counter()


if __name__ == "__main__":
    if sys.argv[1] == "--seed":
        open_seeded(Path(sys.argv[2]))[0].close()
    else:
        main(Path(sys.argv[1]))
