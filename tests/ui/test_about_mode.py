"""The About dialog says how this copy runs (issue 15): support asks first whether a user runs
the portable folder, an installed program or the Python package, and where the data is."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from trainer.ui.common.about import AboutDialog


@pytest.mark.parametrize(("layout", "expected"), [
    ("python", "Mode: Python package"),
    ("installed", "Mode: installed program"),
    ("portable", "Mode: portable"),
])
def test_about_names_the_mode(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              layout: str, expected: str) -> None:
    if layout != "python":
        monkeypatch.setattr(sys, "frozen", True, raising=False)
        monkeypatch.setattr(sys, "executable", str(tmp_path / "trainer"))
    if layout == "portable":
        (tmp_path / "portable").write_text("")
    dialog = AboutDialog(None, tmp_path / "data")
    qtbot.addWidget(dialog)
    text = dialog.tabs.widget(0).text()
    assert expected in text
    assert str(tmp_path / "data") in text
