"""Child process for the dashboard benchmark: prints JSON with timings (s) and memory (MB).

    python dashboard_probe.py DATA_DIR

Order, as in the app: window up → chart libraries preloaded in the background → the learner
opens a course, then "My progress". The first opening of the dashboard is timed from creating
the page to its charts drawn; a window with one small chart, shown the same way in the same
process, is the baseline (the cost of drawing with matplotlib on this machine right now).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def shown(app, widget) -> float:  # noqa: ANN001
    start = time.perf_counter()
    widget.resize(1280, 900)
    widget.show()
    app.processEvents()
    app.processEvents()  # matplotlib draws on the next turn (draw_idle)
    return time.perf_counter() - start


def main(data_dir: Path) -> None:
    from PySide6.QtWidgets import QLabel, QMainWindow

    from tests.ui.dashboard_seed import seed
    from trainer.config import Paths, Settings, bundled_courses_dir
    from trainer.content.library import Library
    from trainer.store.db import open_database
    from trainer.store.learners import get_learner
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
    chart_window = QMainWindow()
    chart_window.setCentralWidget(ChartView(one_chart, name="reference"))
    shown(app, chart_window)
    chart_seconds = time.perf_counter() - start
    paths = Paths(data_dir).ensure()
    db = open_database(paths)
    library = Library(paths.packs_dir, bundled_courses_dir())
    ids = seed(db, library.get("digital-government"))
    ctx = AppContext(paths, Settings(paths.settings_file), db=db, library=library)
    ctx.set_user(get_learner(db, ids["E1001"]))
    from trainer.ui.learner.course import CoursePage

    course = CoursePage(ctx)
    course.open_course("digital-government")
    shown(app, course)
    from trainer.ui.learner.dashboard import DashboardPage

    start = time.perf_counter()
    page = DashboardPage(ctx)
    shown(app, page)
    open_seconds = time.perf_counter() - start
    drawn = all(chart.canvas.get_renderer() is not None for chart in page.charts())
    print(json.dumps({"bare": bare_seconds, "chart": chart_seconds, "dashboard": open_seconds,
                      "drawn": drawn,
                      "rss_window": rss_window, "rss": rss_mb()}))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
