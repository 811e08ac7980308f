"""Child process for the people benchmark: the whole application as a learner meets it — the
main window with the sign-in list drawn (and its background work done), the dashboard's
learner signed in from that list, a course open, then "My progress" — and its resident
memory (VmRSS, MB) at each step, printed as JSON, with the PSS at the end.

    python app_memory_probe.py DATA_DIR EMPLOYEE_NO

Unlike ``dashboard_probe`` (the two pages on their own), this counts what the sign-in screen
keeps of the organisation after someone signs in.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from dashboard_probe import rss_mb  # noqa: E402


def pss_mb() -> float:
    """Proportional set size (shared pages counted by share), MB; NaN where unknown."""
    try:
        for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def settle(app: object) -> None:
    from trainer.ui.common.work import wait_for_all

    for _ in range(4):
        wait_for_all()
        app.processEvents()  # type: ignore[attr-defined]


def main(data_dir: Path, employee_no: str) -> None:
    from trainer.config import Paths, Settings
    from trainer.ui.app import create_application, install_pages, start_gui
    from trainer.ui.common.charts import preload_in_background
    from trainer.ui.common.context import AppContext

    app = create_application()
    paths = Paths(data_dir).ensure()
    ctx = AppContext(paths, Settings(paths.settings_file))
    window = start_gui(app, ctx)
    window.resize(1280, 900)
    window.show()
    install_pages(window, ctx)
    preload_in_background().join()
    settle(app)
    signin = window.page("signin")
    signin.search.setText(employee_no)  # as a learner finds themself: by number
    settle(app)
    figures = {"sign_in": rss_mb(), "listed": signin.model.rowCount()}
    signin.select_learner(signin.selected().id)
    ctx.set_user(signin.selected())
    settle(app)
    window.show_page("reader", "digital-government")
    settle(app)
    figures["course"] = rss_mb()
    start = time.perf_counter()
    window.show_page("dashboard")
    settle(app)
    window.grab()
    figures["dashboard_s"] = time.perf_counter() - start
    figures["rss"] = rss_mb()
    figures["pss"] = pss_mb()
    print(json.dumps(figures), flush=True)
    os._exit(0)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
