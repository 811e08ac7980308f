"""TRAINER_SMOKE_TEST=1 (README, .ci/installer-check.sh): the app paints its first screen,
installs every screen area, loads the chart libraries and exits 0 — or 1 when one is missing,
which is how a frozen build that lost a module shows up in CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.store.instance_lock import LOCK_NAME

ROOT = Path(__file__).resolve().parents[2]


def _start(data_dir: Path, extra_hook: str | None = None) -> subprocess.CompletedProcess[str]:
    patch = (f"import trainer.ui.app as a; a.PAGE_HOOKS += ({extra_hook!r},);"
             if extra_hook else "")
    code = (f"{patch}import sys; from trainer.cli import main; "
            f"sys.exit(main(['--data-dir', {str(data_dir)!r}]))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TRAINER_SMOKE_TEST": "1",
           "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.slow
def test_smoke_test_exits_zero_after_the_first_paint_and_one_when_a_screen_is_missing(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    broken = _start(data, "trainer.ui.not_in_this_build:install")
    assert broken.returncode == 1
    assert "missing trainer.ui.not_in_this_build:install" in broken.stdout
    result = _start(data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("PAINTED ")
    assert "3 of 3 screen areas installed" in result.stdout
    assert (data / "trainer.sqlite3").is_file()
    assert not (data / LOCK_NAME).exists()  # closed as after a real run
