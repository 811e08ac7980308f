"""PySide's import check must not keep the source of every imported module in memory."""

from __future__ import annotations

import importlib
import inspect
import json
import linecache
import math
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import trainer.errors
from trainer.ui.common import charts, memory


def _import_new(folder: Path, name: str, source: str) -> str:
    file = folder / f"{name}.py"
    file.write_text(source, encoding="utf-8")
    importlib.invalidate_caches()
    __import__(name)  # the import statement's way: shiboken's hook replaces __import__
    return str(file)


@pytest.fixture
def feature(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    module = sys.modules.get(memory.FEATURE_MODULE)
    if module is None or not hasattr(module, memory.CHECK):
        pytest.skip("this PySide version does not read module sources on import")
    monkeypatch.syspath_prepend(str(tmp_path))
    return module


def test_imported_sources_leave_the_line_cache(tmp_path: Path, feature) -> None:  # noqa: ANN001
    linecache.getlines(charts.__file__)  # an entry from before: dropped once
    assert memory.drop_import_sources()
    assert charts.__file__ not in linecache.cache
    plain = _import_new(tmp_path, "memory_probe_plain", "VALUE = 1\n" * 2000)
    qt = _import_new(tmp_path, "memory_probe_qt", "import PySide6.QtCore\nVALUE = 2\n")
    assert plain not in linecache.cache and qt not in linecache.cache
    # the check still answers as before: 0 = uses PySide, -1 = ignore the module
    assert feature.pyside_feature_dict["memory_probe_qt"] == 0
    assert feature.pyside_feature_dict["memory_probe_plain"] == -1


def test_tracebacks_still_show_source_lines(tmp_path: Path, feature) -> None:  # noqa: ANN001
    memory.drop_import_sources()
    file = _import_new(tmp_path, "memory_probe_lines", "def f():\n    return 'hello'\n")
    assert linecache.getline(file, 2).strip() == "return 'hello'"
    assert memory.drop_import_sources()  # idempotent; wraps the check only once
    assert not hasattr(getattr(feature, memory.CHECK).__wrapped__, "__wrapped__")


def _pysides_own_answer(module: ModuleType) -> bool:
    """What PySide's check computes itself (``shibokensupport.feature._mod_uses_pyside``)."""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


@pytest.mark.parametrize("module", [charts, trainer.errors, json, sys, math],
                         ids=["mentions PySide6", "does not", "standard library", "built-in",
                              "extension"])
def test_every_kind_of_module_gets_pysides_own_answer(feature, module: ModuleType) -> None:  # noqa: ANN001
    assert memory.read_sources_as_bytes()
    assert getattr(feature, memory.CHECK)(module) == _pysides_own_answer(module)


def test_the_check_is_replaced_as_the_desktop_app_is_imported(feature) -> None:  # noqa: ANN001
    """Before any screen module, so none is read twice (issue 14: ~2 ms of the first paint)."""
    code = ("import sys, trainer.ui\n"
            f"check = getattr(sys.modules[{memory.FEATURE_MODULE!r}], {memory.CHECK!r})\n"
            "print(check.__name__, check.__wrapped__.__name__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.split() == ["check_from_bytes", memory.CHECK]


FREED = """
import sys
from pathlib import Path

from trainer.ui.common import memory


def resident() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20


tuned = memory.return_freed_memory() if sys.argv[1] == "tuned" else False
block = bytearray(8 << 20)  # a large block freed (a backing store, a grabbed window) ...
del block
base = resident()
block = bytearray(6 << 20)  # ... and the next one: from the heap, kept after it is freed?
del block
print(tuned, round(resident() - base, 1))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_freed_large_blocks_go_back_to_the_system() -> None:
    import os
    import subprocess

    def run(mode: str) -> tuple[str, float]:
        env = {**os.environ, "PYTHONPATH": str(Path(memory.__file__).parents[3])}
        done = subprocess.run([sys.executable, "-c", FREED, mode], env=env, check=True,
                              capture_output=True, text=True, timeout=60)
        tuned, kept = done.stdout.split()
        return tuned, float(kept)

    untuned, tuned = run("plain"), run("tuned")
    if tuned[0] != "True":
        pytest.skip("not glibc")
    assert untuned[1] > 4  # the case being fixed: glibc keeps the 6 MB resident
    assert tuned[1] < 1  # returned to the system


PRELOADED = """
import json
import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
from matplotlib import font_manager

from trainer.ui.common import charts

charts.preload_in_background().join()
after_preload = font_manager._get_font.cache_info().currsize
from matplotlib.figure import Figure
from matplotlib.backends.backend_agg import FigureCanvasAgg

figure = Figure(figsize=(2, 1))
FigureCanvasAgg(figure)
figure.text(0.1, 0.5, "数据 Data", fontsize=20)
figure.canvas.draw()
import numpy
inked = int((numpy.asarray(figure.canvas.buffer_rgba())[..., :3] < 128).any(axis=2).sum())
print(json.dumps({"after_preload": after_preload, "inked": inked,
                  "cached_now": font_manager._get_font.cache_info().currsize}))
"""


def test_the_chart_preload_keeps_no_fonts_of_its_finished_thread() -> None:
    """matplotlib caches opened fonts per thread: the preload thread's (the large CJK font's
    tables among them) would stay resident after it ended; the GUI thread opens its own."""
    import json
    import os
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(Path(memory.__file__).parents[3])}
    done = subprocess.run([sys.executable, "-c", PRELOADED], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["after_preload"] == 0
    assert found["inked"] > 100  # Chinese and Latin text still drawn, from the main thread
    assert found["cached_now"] == 1
