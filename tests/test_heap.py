"""After a large read the C heap it freed goes back to the system (``trainer.heap``): blocks freed
between blocks still in use would otherwise stay resident, more of them the larger the
organisation (issue 14, memory with 10,000 learners)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FRAGMENTED = """
import sys
from pathlib import Path

from trainer import heap


def resident() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20


blocks = [bytearray(4000) for _ in range(8000)]  # 32 MB in page-sized blocks, like SQLite's
keep = blocks[::16]  # a few stay in use, between the freed ones
del blocks
before = resident()
print(heap.after_read(float(sys.argv[1])), round(before - resident(), 1))
"""


def _read_then_release(seconds: float) -> tuple[str, float]:
    done = subprocess.run([sys.executable, "-c", FRAGMENTED, str(seconds)], check=True,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    trimmed, returned = done.stdout.split()
    return trimmed, float(returned)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_a_long_read_gives_its_freed_heap_back() -> None:
    trimmed, returned = _read_then_release(1.0)
    if trimmed != "True":
        pytest.skip("not glibc")
    assert returned > 16  # of the 30 MB freed between kept blocks


def test_a_quick_read_costs_nothing_extra() -> None:
    assert _read_then_release(0.001) == ("False", 0.0)
