"""The frozen program against the pip-installed app, started the same way in the same run
(issue 15): start to first painted window within 1.2× and peak memory no higher.

Both run the documented smoke test (TRAINER_SMOKE_TEST=1, offscreen): first screen painted,
every screen area installed, the chart libraries loaded, then a normal exit; "PAINTED <time>"
gives the first paint, the kernel's peak resident set of the finished child the memory.

    python tools/build_installers.py deb        # or portable: build/pyinstaller/dist/trainer
    python -m pytest tests/benchmarks/test_installer_bench.py -p no:cacheprovider -s

TRAINER_FROZEN=/usr/bin/trainer measures an installed package instead of the build folder.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FROZEN = Path(os.environ.get("TRAINER_FROZEN", ROOT / "build/pyinstaller/dist/trainer/trainer"))
RUNS = 5


def _environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("TRAINER_", "XDG_", "MPLCONFIGDIR", "PYTEST"))}
    env.update(QT_QPA_PLATFORM="offscreen", TRAINER_SMOKE_TEST="1", HOME=str(home),
               PYTHONPATH=str(ROOT))
    return env


def _first_paint(command: list[str], data_dir: Path, home: Path) -> float:
    """Seconds from process start to the first painted window."""
    started = time.time()
    result = subprocess.run([*command, "--data-dir", str(data_dir)], env=_environment(home),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return float(next(line.split()[1] for line in result.stdout.splitlines()
                      if line.startswith("PAINTED "))) - started


def _measure(command: list[str], tmp: Path, name: str) -> tuple[list[float], float]:
    """Start times of RUNS starts (the first one creates the database, then reused) and the
    peak memory of one more start, read by a fresh Python whose only child is the app."""
    data, home = tmp / f"data-{name}", tmp / f"home-{name}"
    home.mkdir()
    times = [_first_paint(command, data, home) for _ in range(RUNS)]
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *command, "--data-dir", str(data)],
                         env=_environment(home), capture_output=True, text=True, check=True,
                         timeout=300).stdout
    return times, int(out.strip()) / 1024


@pytest.mark.skipif(not FROZEN.exists(), reason=f"no frozen build at {FROZEN}")
def test_frozen_program_starts_as_fast_and_uses_no_more_memory(tmp_path: Path) -> None:
    console_script = Path(sys.executable).with_name("trainer")
    pip_app = [str(console_script)] if console_script.exists() else [sys.executable, "-m",
                                                                      "trainer"]
    frozen_times, frozen_mib = _measure([str(FROZEN)], tmp_path, "frozen")
    pip_times, pip_mib = _measure(pip_app, tmp_path, "pip")
    frozen_start, pip_start = statistics.median(frozen_times[1:]), statistics.median(pip_times[1:])
    print(f"\nfirst paint (median of {RUNS - 1} warm starts): frozen {frozen_start:.3f} s, "
          f"pip {pip_start:.3f} s, ratio {frozen_start / pip_start:.2f} (budget 1.2); "
          f"first start frozen {frozen_times[0]:.3f} s, pip {pip_times[0]:.3f} s")
    print(f"peak memory of the smoke run: frozen {frozen_mib:.0f} MiB, pip {pip_mib:.0f} MiB")
    shutil.rmtree(tmp_path, ignore_errors=True)
    assert frozen_start <= 1.2 * pip_start
    assert frozen_mib <= pip_mib * 1.02  # the kernel's page accounting varies by a few MiB
