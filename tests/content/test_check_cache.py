"""An unchanged pack folder is not checked again on every start (``content.checkcache``): the
library reads it and takes what the last full check found; any change to its files, or a new
validator, means a full check, so an edited pack's errors are reported as before."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from trainer.cli import main
from trainer.content import loader
from trainer.content.library import Library

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "learner-mini"


@pytest.fixture
def item_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the item-writing checks (most of a full check) ran."""
    calls: list[int] = []
    original = loader.check_items

    def counted(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        original(*args, **kwargs)

    monkeypatch.setattr(loader, "check_items", counted)
    return calls


def _library(tmp_path: Path, bundled: Path) -> Library:
    """A new library, as each start of the app or a command makes one."""
    return Library(tmp_path / "packs", bundled, cache_dir=tmp_path / "cache")


def _break(module: Path) -> None:
    """An error an author could make: an exercise block that is never closed."""
    text = module.read_text(encoding="utf-8")
    module.write_text(text + "\n::: exercise single never-closed\n\n问题？\n\n- [x] 是\n",
                      encoding="utf-8")


def test_an_unchanged_pack_is_read_but_not_checked_again(
        tmp_path: Path, bundled: Path, item_checks: list[int]) -> None:
    first = _library(tmp_path, bundled).entries()
    assert len(item_checks) == 1 and first[0].pack is not None
    again = _library(tmp_path, bundled)
    entry = again.entries()[0]
    assert item_checks == [1], "the unchanged pack was checked in full again"
    assert entry.pack is not None and entry.errors == 0
    assert [m.id for m in entry.pack.modules] == [m.id for m in first[0].pack.modules]
    assert again.get("learner-mini").module("basics").title == "数据治理的基本概念"
    fresh = loader.validate_pack(bundled / "learner-mini")
    assert again._validation(entry.path).problems == fresh.problems  # warnings included


def test_an_edited_pack_is_checked_again_and_its_error_reported(
        tmp_path: Path, bundled: Path, item_checks: list[int]) -> None:
    assert _library(tmp_path, bundled).entries()[0].errors == 0
    module = bundled / "learner-mini" / "modules" / "01-basics.md"
    stat = module.stat()
    _break(module)
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the same time
    entry = _library(tmp_path, bundled).entries()[0]
    assert len(item_checks) == 2
    assert entry.pack is None and entry.errors >= 1
    remembered = _library(tmp_path, bundled)._validation(entry.path).errors
    assert len(item_checks) == 2, "the refusal is remembered too"
    assert remembered == loader.validate_pack(bundled / "learner-mini").errors
    shutil.copy2(FIXTURE / "modules" / "01-basics.md", module)  # fixed: usable again
    assert _library(tmp_path, bundled).entries()[0].pack is not None


def test_a_refused_pack_is_remembered_as_refused(
        tmp_path: Path, bundled: Path, item_checks: list[int]) -> None:
    _break(bundled / "learner-mini" / "modules" / "01-basics.md")
    first = _library(tmp_path, bundled).entries()[0]
    second = _library(tmp_path, bundled).entries()[0]
    assert item_checks == [1] and first.errors == second.errors >= 1 and second.pack is None


def test_a_damaged_cache_only_means_checking_again(
        tmp_path: Path, bundled: Path, item_checks: list[int]) -> None:
    _library(tmp_path, bundled).entries()
    (tmp_path / "cache" / "pack-checks.json").write_text("{not json", encoding="utf-8")
    assert _library(tmp_path, bundled).entries()[0].pack is not None
    assert len(item_checks) == 2
    assert json.loads((tmp_path / "cache" / "pack-checks.json").read_text(encoding="utf-8"))


def test_pack_list_reports_an_installed_pack_edited_since_the_last_start(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert main(["pack", "import", str(FIXTURE)]) == 0
    assert main(["pack", "list"]) == 0
    out = capsys.readouterr().out
    assert "learner-mini" in out and "not usable" not in out
    installed = next((data_dir / "packs" / "learner-mini").iterdir())
    _break(installed / "modules" / "01-basics.md")
    assert main(["pack", "list"]) == 0
    out = capsys.readouterr().out
    assert f"! {installed}: not usable" in out
