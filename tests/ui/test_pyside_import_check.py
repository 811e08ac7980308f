"""PySide6 asks of every module imported after it whether its source mentions "PySide6";
``trainer.ui`` answers from the file's bytes (issue 14: the first paint paid ~2 ms for PySide6's
own way, which also kept every module's source in memory). The answers must not change."""

from __future__ import annotations

import inspect
import json
import linecache
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

import trainer.errors
import trainer.ui
import trainer.ui.common.shell


def _feature() -> ModuleType:
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        pytest.skip("this PySide6 has no per-module check")
    return feature


def _pysides_own_answer(module: ModuleType) -> bool:
    """What ``shibokensupport.feature._mod_uses_pyside`` computes itself."""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


@pytest.mark.parametrize("module", [trainer.ui.common.shell, trainer.errors, json, sys, math],
                         ids=["mentions PySide6", "does not", "standard library", "built-in",
                              "extension"])
def test_every_kind_of_module_gets_pysides_own_answer(module: ModuleType) -> None:
    check = _feature()._mod_uses_pyside
    assert getattr(check, "reads_bytes", False), "trainer.ui did not install the check"
    assert check(module) == _pysides_own_answer(module)


def test_modules_imported_later_are_classified_without_keeping_their_source(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    feature = _feature()
    (tmp_path / "uses_qt_i14.py").write_text("# drawn with PySide6\nVALUE = 1\n", "utf-8")
    (tmp_path / "plain_i14.py").write_text("VALUE = 2  # 不用 Qt\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("uses_qt_i14", "plain_i14"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        feature.pyside_feature_dict.pop(name, None)
        __import__(name)  # an import statement: PySide6 hooks __import__
    assert feature.pyside_feature_dict["uses_qt_i14"] == 0  # PySide6's "uses PySide"
    assert feature.pyside_feature_dict["plain_i14"] == -1  # and "ignore this module"
    assert not any(str(tmp_path) in file for file in linecache.cache)
