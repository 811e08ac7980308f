"""``trainer progress export|import`` between two data folders, as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rosters"


def test_export_import_twice_and_refuse_a_truncated_bundle(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b, bundle = str(tmp_path / "a"), str(tmp_path / "b"), tmp_path / "a.zip"
    roster = str(FIXTURES / "roster-english-semicolon.csv")
    assert main(["--data-dir", a, "learners", "import", "--skip-bad", roster]) == 0
    assert main(["--data-dir", a, "progress", "export", "-o", str(bundle)]) == 0
    assert "1 learner," in capsys.readouterr().out
    assert main(["--data-dir", b, "progress", "import", "--dry-run", str(bundle)]) == 0
    assert "Would add 1 learner (updated 0)" in capsys.readouterr().out
    assert main(["--data-dir", b, "progress", "import", "--trust-new-device", str(bundle)]) == 0
    assert "Added 1 learner (updated 0)" in capsys.readouterr().out
    assert main(["--data-dir", b, "progress", "import", str(bundle)]) == 0
    assert "everything in this bundle is already here" in capsys.readouterr().out
    cut = tmp_path / "cut.zip"
    cut.write_bytes(bundle.read_bytes()[:200])
    assert main(["--data-dir", b, "progress", "import", str(cut)]) == 1
    assert "damaged or incomplete" in capsys.readouterr().err


def test_export_into_a_missing_folder_is_a_clear_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nowhere" / "x.zip"
    assert main(["--data-dir", str(tmp_path / "a"), "progress", "export", "-o", str(out)]) == 1
    assert "no such folder" in capsys.readouterr().err
