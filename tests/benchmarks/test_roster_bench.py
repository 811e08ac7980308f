"""Roster import budget (issue 13): 100,000 rows with PINs in minutes, not hours.

Prints, from the same run: the old per-row cost (one full-cost scrypt per PIN, serially, as
every roster PIN was hashed before) and what 100,000 rows would take that way; the initial-PIN
cost per PIN; and the new import, read to committed, split into its stages.

Run: pytest tests/benchmarks/test_roster_bench.py -p no:cacheprovider -s
(TRAINER_BENCH_ROSTER_ROWS=20000 for a quicker run)
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from trainer.config import Paths
from trainer.store import security
from trainer.store.db import open_database
from trainer.store.learners import find_by_employee_no, sign_in
from trainer.store.permissions import COMMAND_LINE
from trainer.store.roster import read_roster
from trainer.store.roster_import import import_roster

ROWS = int(os.environ.get("TRAINER_BENCH_ROSTER_ROWS", "100000"))
SAMPLE = 30  # PINs hashed one by one to measure the per-row costs
SPEED_UP = 10  # at least ten times faster than the old way, measured in the same run


def _per_pin(initial: bool) -> float:
    start = time.perf_counter()
    for n in range(SAMPLE):
        security.hash_pin(f"{100000 + n}", initial=initial)
    return (time.perf_counter() - start) / SAMPLE


def _roster(folder: Path) -> Path:
    file = folder / "roster.csv"
    departments = [f"临江市第{n}局" for n in range(60)]
    with file.open("w", encoding="utf-8-sig", newline="") as out:
        out.write("工号,姓名,部门,角色,邮箱,初始密码\r\n")
        for n in range(ROWS):
            out.write(f"B{n:06d},学员{n},{departments[n % 60]},学员,,{100000 + n % 900000}\r\n")
    return file


def test_import_100k_rows_with_pins(tmp_path: Path) -> None:
    old = _per_pin(initial=False)
    cheap = _per_pin(initial=True)
    file = _roster(tmp_path)
    stages: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if done == total:
            stages[stage] = time.perf_counter()

    with open_database(Paths(tmp_path / "data").ensure()) as db:
        start = time.perf_counter()
        preview = read_roster(file)
        read = time.perf_counter()
        result = import_roster(db, preview, actor=COMMAND_LINE, progress=progress)
        end = time.perf_counter()
        person = find_by_employee_no(db, "B000007")
        assert person is not None
        signed = time.perf_counter()
        sign_in(db, person.id, "100007")  # the first sign-in re-hashes at the full cost
        first_sign_in = time.perf_counter() - signed
    assert result.created == ROWS
    pins = stages.get("pins", read) - read
    total = end - start
    print(f"\nold per-row PIN cost (full scrypt n=2^14, serial): {old * 1000:.1f} ms; "
          f"{ROWS:,} rows that way: {old * ROWS / 60:.0f} min for the PINs alone")
    print(f"initial-PIN cost (n=2^{security.INITIAL_N.bit_length() - 1}): {cheap * 1000:.2f} ms "
          f"serial; hashed on {os.cpu_count()} cores: {pins / ROWS * 1000:.2f} ms a row")
    print(f"new import of {ROWS:,} rows with PINs: {total:.0f} s ({total / 60:.1f} min) = read "
          f"{read - start:.1f} s + PINs {pins:.1f} s + write {end - read - pins:.1f} s; "
          f"{old * ROWS / total:.0f}x faster than the old PIN cost alone")
    print(f"first sign-in with a roster PIN (re-hash at full cost): {first_sign_in * 1000:.0f} ms")
    # Absolute times drift with the machine's load (DESIGN §6): the budget is a ratio.
    assert total * SPEED_UP < old * ROWS
