"""Workspace budget (issue 9): a saved file shows in the preview within a second.

Measures the time from writing a module of the built-in course (a copy) to the workspace's
``reloaded`` signal, over several saves; the baseline, measured in the same run, is validating
the same folder directly (the part of the reload that is not watching and redrawing).

Run: QT_QPA_PLATFORM=offscreen pytest tests/benchmarks/test_workspace_bench.py -p no:cacheprovider -s
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path
from typing import Any

from trainer.config import Paths, Settings, bundled_courses_dir
from trainer.content.loader import validate_pack
from trainer.ui.common import work
from trainer.ui.common.context import AppContext
from trainer.ui.trainer.workspace import WorkspacePage

ROUNDS = 7
BUDGET_S = 1.0


def test_save_to_preview_latency(qtbot: Any, tmp_path: Path) -> None:
    pack = tmp_path / "course"
    shutil.copytree(bundled_courses_dir() / "digital-government", pack)
    paths = Paths(tmp_path / "data").ensure()
    ctx = AppContext(paths, Settings(paths.settings_file))
    page = WorkspacePage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    with qtbot.waitSignal(page.reloaded, timeout=10_000):
        page.open_folder(pack)
    lesson = pack / "modules" / "04-sharing.md"
    latencies, validations = [], []
    for n in range(ROUNDS):
        start = time.perf_counter()
        validate_pack(pack)
        validations.append(time.perf_counter() - start)
        text = lesson.read_text(encoding="utf-8")
        with qtbot.waitSignal(page.reloaded, timeout=5000):
            start = time.perf_counter()
            lesson.write_text(text + f"\n<!-- save {n} -->\n", encoding="utf-8")
        latencies.append(time.perf_counter() - start)
    work.wait_for_all()
    ctx.close()
    latency, baseline = statistics.median(latencies), statistics.median(validations)
    print(f"\nworkspace: save → preview reloaded, median of {ROUNDS}: {latency * 1000:.0f} ms "
          f"(max {max(latencies) * 1000:.0f} ms); validating the pack alone: "
          f"{baseline * 1000:.0f} ms; ratio {latency / baseline:.1f}×; budget {BUDGET_S:.1f} s")
    assert latency < BUDGET_S
