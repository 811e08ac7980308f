"""Roster PINs: hashed on every core at the initial cost, upgraded to the full cost at the first
sign-in, with the same work whether the PIN was right or wrong; cancelling writes nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from trainer.store import roster_import, security
from trainer.store.db import Database
from trainer.store.errors import WrongPin
from trainer.store.learners import find_by_employee_no, set_pin, sign_in
from trainer.store.models import Learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.roster import read_roster
from trainer.store.roster_import import import_roster


class Stop(Exception):
    """Stands for the GUI's Cancelled, raised from a progress report."""


def _cost(stored: str) -> int:
    return int(stored.split("$")[1])


def _stored_hash(db: Database, employee_no: str) -> str:
    with db.reader() as session:
        stored = session.scalar(select(Learner.pin_hash)
                                .where(Learner.employee_no == employee_no))
        assert stored is not None
        return stored


def _roster(tmp_path: Path, count: int) -> Path:
    file = tmp_path / "roster.csv"
    file.write_text("工号,姓名,部门,密码\n" + "".join(
        f"R{n:04d},学员{n},临江市第{n % 3}局,{100000 + n}\n" for n in range(count)),
        encoding="utf-8")
    return file


def test_hash_pins_keeps_order_and_uses_threads() -> None:
    seen: set[str] = set()
    original = security.hash_pin

    def spy(pin: str, *, initial: bool = False) -> str:
        seen.add(threading.current_thread().name)
        return original(pin, initial=initial)

    pins = [f"{1000 + n}" for n in range(130)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(security, "hash_pin", spy)
        hashed = security.hash_pins(pins)
    assert len(hashed) == 130 and len(set(hashed)) == 130
    assert all(security.verify_pin(pin, stored) for pin, stored in zip(pins, hashed, strict=True))
    assert all(_cost(stored) == security.INITIAL_N for stored in hashed)
    assert all(name.startswith("trainer-pins") for name in seen)


def test_a_cancel_from_progress_stops_the_remaining_hashes() -> None:
    calls: list[int] = []

    def progress(done: int, total: int) -> None:
        calls.append(done)
        raise Stop()

    with pytest.raises(Stop):
        security.hash_pins([f"{1000 + n}" for n in range(1000)], progress=progress)
    assert calls == [calls[0]] and calls[0] < 1000


def test_roster_pins_are_cheap_until_the_first_sign_in(store: Database, tmp_path: Path) -> None:
    stages: list[str] = []
    import_roster(store, read_roster(_roster(tmp_path, 3)), actor=COMMAND_LINE,
                  progress=lambda stage, done, total: stages.append(stage))
    assert stages[0] == "pins" and stages[-1] == "write"
    initial = _stored_hash(store, "R0001")
    assert _cost(initial) == security.INITIAL_N < security.N
    person = find_by_employee_no(store, "R0001")
    assert person is not None
    with pytest.raises(WrongPin):
        sign_in(store, person.id, "999999")
    assert _stored_hash(store, "R0001") == initial  # a wrong PIN upgrades nothing
    sign_in(store, person.id, "100001")
    upgraded = _stored_hash(store, "R0001")
    assert _cost(upgraded) == security.N and upgraded != initial
    sign_in(store, person.id, "100001")  # and the full-cost hash still signs in
    assert _stored_hash(store, "R0001") == upgraded


def test_a_pin_the_learner_sets_has_the_full_cost(store: Database, tmp_path: Path) -> None:
    import_roster(store, read_roster(_roster(tmp_path, 2)), actor=COMMAND_LINE)
    person = find_by_employee_no(store, "R0000")
    assert person is not None
    set_pin(store, person.id, "24682468", actor=COMMAND_LINE)
    assert _cost(_stored_hash(store, "R0000")) == security.N


def test_sign_in_with_an_initial_hash_does_the_full_work_either_way(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Constant time: right or wrong, an initial hash costs one cheap and one full derivation,
    so timing tells nobody whether the PIN was right or still the one HR typed."""
    stored = security.hash_pin("135790", initial=True)
    costs: list[int] = []
    original = security._derive

    def counting(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
        costs.append(n)
        return original(pin, salt, n, r, p)

    monkeypatch.setattr(security, "_derive", counting)
    assert security.verify_and_upgrade("135790", stored)[0] is True
    right, costs[:] = list(costs), []
    assert security.verify_and_upgrade("000000", stored) == (False, None)
    assert costs == right == [security.INITIAL_N, security.N]
    full = security.hash_pin("135790")
    costs.clear()
    assert security.verify_and_upgrade("135790", full) == (True, None)
    assert costs == [security.N]


def test_cancelling_an_import_writes_nothing(store: Database, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(roster_import, "WRITE_CHUNK", 10)  # several batches from 50 rows
    preview = read_roster(_roster(tmp_path, 50))

    def stop_while_writing(stage: str, done: int, total: int) -> None:
        if stage == "write" and done < total:
            raise Stop()

    with pytest.raises(Stop):
        import_roster(store, preview, actor=COMMAND_LINE, progress=stop_while_writing)
    assert find_by_employee_no(store, "R0000") is None  # the first batch was rolled back
    with pytest.raises(Stop):
        import_roster(store, preview, actor=COMMAND_LINE,
                      progress=lambda stage, done, total: (_ for _ in ()).throw(Stop()))
    assert find_by_employee_no(store, "R0000") is None
