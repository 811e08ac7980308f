"""A process killed at any moment (SIGKILL) never corrupts the database nor loses an attempt it
had reported as saved; two processes writing at once both succeed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from store_builders import learner

from trainer.config import Paths
from trainer.store.db import open_database
from trainer.store.health import check_file
from trainer.store.progress import attempts, lesson_states

CHILD = Path(__file__).with_name("crash_child.py")
ROUNDS = int(os.environ.get("TRAINER_CRASH_ROUNDS", "8"))  # two kills a round
KILLS = int(os.environ.get("TRAINER_KILL_TRIALS", "4"))  # large commits, killed within 60 ms

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def _start(paths: Paths, learner_id: int, tag: str, count: int = 0,
           batch: int = 1) -> subprocess.Popen[bytes]:
    child = subprocess.Popen([sys.executable, str(CHILD), str(paths.data_dir), str(learner_id),
                              tag, str(count), str(batch)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline() == b"ready\n"
    return child


def _acknowledged(output: bytes) -> set[uuid.UUID]:
    """Ids on complete lines only: a line cut by the kill was never acknowledged."""
    return {uuid.UUID(line.decode()) for line in output.split(b"\n")[:-1]}


@pytest.mark.slow
def test_killed_writers_never_lose_an_acknowledged_attempt(paths: Paths) -> None:
    """Each round two writers run at once and each is killed at its own random moment."""
    with open_database(paths) as db:
        person = learner(db)
    rng = random.Random(20261127)
    acknowledged: set[uuid.UUID] = set()
    for round_no in range(ROUNDS):
        children = [_start(paths, person.id, f"r{round_no}-{n}") for n in range(2)]
        for child in children:
            time.sleep(rng.uniform(0.0, 0.25))
            child.send_signal(signal.SIGKILL)
        for child in children:
            child.wait()
            assert child.returncode == -signal.SIGKILL
            out, _ = child.communicate()
            acknowledged |= _acknowledged(out)
    report = check_file(paths.database_file)
    assert report.healthy, report.problem
    with open_database(paths) as db:
        stored = {a.id for a in attempts(db, person.id)}
    assert acknowledged <= stored
    assert len(acknowledged) >= ROUNDS  # the children did get work done before being killed


def test_two_processes_writing_at_once(paths: Paths) -> None:
    with open_database(paths) as db:
        person = learner(db)
    children = [_start(paths, person.id, tag, 120) for tag in ("left", "right")]
    results = [child.communicate(timeout=120) for child in children]
    outputs = [out for out, _ in results]
    assert [child.returncode for child in children] == [0, 0], [err for _, err in results]
    acknowledged = set().union(*(_acknowledged(out) for out in outputs))
    assert len(acknowledged) == 240
    assert check_file(paths.database_file).healthy
    with open_database(paths) as db:
        assert {a.id for a in attempts(db, person.id)} == acknowledged
        states = lesson_states(db, person.id, "crash-pack")
    assert {tag: s.seconds for tag, s in states.items()} == {"left": 24, "right": 24}


def test_several_first_starts_at_once_make_one_schema_and_one_device(paths: Paths) -> None:
    code = ("import pathlib, sys; from trainer.config import Paths; from trainer.store.db import "
            "open_database; print(open_database(Paths(pathlib.Path(sys.argv[1]))).device_id)")
    starts = [subprocess.Popen([sys.executable, "-c", code, str(paths.data_dir)],
                               stdout=subprocess.PIPE, text=True) for _ in range(3)]
    devices = {start.communicate(timeout=60)[0].strip() for start in starts}
    assert [start.returncode for start in starts] == [0, 0, 0]
    assert len(devices) == 1
    assert check_file(paths.database_file).healthy


@pytest.mark.slow
def test_kills_during_large_commits_and_checkpoints_lose_nothing(paths: Paths) -> None:
    """Each trial: a writer commits ~600 KB at a time (a checkpoint every few commits) and is
    killed 0–60 ms after a random one of its first acknowledgements. After every kill the
    database opens writable (never "damaged") with every acknowledged answer."""
    with open_database(paths) as db:
        person = learner(db)
    rng = random.Random(int(os.environ.get("TRAINER_KILL_SEED", "20261203")))
    acknowledged: set[uuid.UUID] = set()
    for trial in range(KILLS):
        child = _start(paths, person.id, f"k{trial}", batch=500)
        assert child.stdout is not None
        seen = b"".join(child.stdout.readline() for _ in range(500 * rng.randint(1, 3)))
        time.sleep(rng.uniform(0.0, 0.06))  # 1–3 commits acknowledged, then 0–60 ms
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        assert child.returncode == -signal.SIGKILL
        acknowledged |= _acknowledged(seen + out)
        with open_database(paths, backup=False) as db:
            assert not db.read_only
            stored = {a.id for a in attempts(db, person.id)}
        missing = acknowledged - stored
        assert not missing, f"trial {trial}: {len(missing)} acknowledged answers lost"
    assert check_file(paths.database_file).healthy
