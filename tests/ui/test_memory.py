"""PySide's import check must not keep the source of every imported module in memory."""

from __future__ import annotations

import importlib
import linecache
import sys
from pathlib import Path

import pytest

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
