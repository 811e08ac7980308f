"""A full disk, for real: a small tmpfs filled while answers are recorded. The error says the
disk is full; once space is freed the database opens (never "damaged") with every answer that
was acknowledged, including when the disk filled up during a checkpoint."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_builders import T0, learner

from trainer.config import Paths
from trainer.store.db import open_database
from trainer.store.errors import DatabaseUnavailable
from trainer.store.progress import attempts, record_attempt

ROUNDS = int(os.environ.get("TRAINER_FULL_DISK_ROUNDS", "3"))
BALLAST = 3 * 1024 * 1024  # freed after each fill: "the user deletes some files"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_loses_nothing_acknowledged(small_disk: Path) -> None:
    paths = Paths(small_disk / "data").ensure()
    with open_database(paths) as db:
        person = learner(db)
    acknowledged: set[uuid.UUID] = set()
    for round_no in range(ROUNDS):
        ballast = small_disk / "ballast"
        ballast.write_bytes(b"\0" * BALLAST)
        with open_database(paths, backup=False) as db:
            assert not db.read_only
            with pytest.raises(DatabaseUnavailable, match="is full") as caught:
                for n in range(100_000):
                    saved = record_attempt(db, person.id, "p", "1", f"r{round_no}-{n}",
                                           {"text": "数据共享" * 400}, 1.0, {}, T0)
                    acknowledged.add(saved.id)
            assert "Free some disk space" in str(caught.value.hint)
        ballast.unlink()  # space freed
        with open_database(paths, backup=False) as db:
            assert not db.read_only, db.damage
            stored = {a.id for a in attempts(db, person.id)}
            assert acknowledged <= stored, f"{len(acknowledged - stored)} answers lost"
            # the next answer is saved again; then make room for the next round's fill
            acknowledged.add(record_attempt(db, person.id, "p", "1", "after", {}, 1.0, {},
                                            T0).id)
    assert len(acknowledged) > ROUNDS * 10
