"""Every value in a bundle is checked by the store's own rules, even in a bundle its trusted
device signed: hostile values are refused whole, with member and line, on SQLite and PostgreSQL.
And a bundle carries progress, not rights: no bundle switches off or demotes an administrator."""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bundle_files import key_file, rewrite, snapshot

from trainer.config import Paths
from trainer.exchange.bundles import (
    BundleManifest,
    export_bundle,
    import_bundle,
    preview_bundle,
    read_bundle,
)
from trainer.exchange.errors import BundleInvalid
from trainer.store import devices
from trainer.store.db import Database, open_database
from trainer.store.learners import create_learner, find_by_employee_no, has_admin, update_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_attempt, record_lesson_progress

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DEEP = "[" * 40 + "]" * 40
LONG = "".join(chr(0x4E00 + n * 7919 % 20000) for n in range(120_000))  # compresses like text

# (member, field, raw JSON text of the value): each the issue found accepted, or its kin
HOSTILE = [
    ("attempts", "weights", '{"data-literacy": NaN}'),
    ("attempts", "weights", '{"data-literacy": Infinity}'),
    ("attempts", "weights", '{"data-literacy": -0.5}'),
    ("attempts", "weights", '{"data-literacy": 1e308}'),
    ("attempts", "weights", '{"data-literacy": 1e400}'),
    ("attempts", "weights", '{"data-literacy": "1"}'),
    ("attempts", "weights", '{"Data Literacy": 0.5}'),
    ("attempts", "weights", json.dumps({f"c{n}": 0.5 for n in range(40)})),
    ("attempts", "score", "NaN"),
    ("attempts", "score", "1e308"),
    ("attempts", "score", "-0.0001"),
    ("attempts", "score", "true"),
    ("attempts", "pack_id", '"../../etc"'),
    ("attempts", "pack_id", '"数字政府"'),
    ("attempts", "pack_id", json.dumps("p" * 101)),
    ("attempts", "exercise_id", '"ex\\u0000"'),
    ("attempts", "exercise_id", '""'),
    ("attempts", "pack_version", '"1.0.0 <script>"'),
    ("attempts", "started_at", '"9999-12-31T23:59:59+00:00"'),
    ("attempts", "started_at", '"0001-01-01T00:00:00"'),
    ("attempts", "finished_at", '"yesterday"'),
    ("attempts", "recorded_at", "1700000000"),
    ("attempts", "response", json.dumps({"text": "\u0000"})),
    ("attempts", "response", '"\\ud800"'),
    ("attempts", "response", DEEP),
    ("attempts", "response", json.dumps(LONG, ensure_ascii=False)),
    ("attempts", "response", "12345678901234567890123"),
    ("attempts", "id", '"not-a-uuid"'),
    ("attempts", "is_admin", "true"),
    ("lesson_progress", "seconds", "-1"),
    ("lesson_progress", "seconds", str(2**40)),
    ("lesson_progress", "seconds", "1.5"),
    ("lesson_progress", "status", '"done"'),
    ("lesson_progress", "module_id", '"M 1"'),
    ("lesson_progress", "position", DEEP),
    ("enrollments", "enrolled_at", '"2026-02-30T00:00:00"'),
    ("learners", "name", '"\\u0000王"'),
    ("learners", "name", json.dumps("名" * 201, ensure_ascii=False)),
    ("learners", "name", "123"),
    ("learners", "employee_no", json.dumps("9" * 65)),
    ("learners", "role", '"superuser"'),
    ("learners", "email", '"not an e-mail"'),
    ("learners", "active", '"yes"'),
    ("learners", "department", '"\\u001b[31m"'),
    ("devices", "id", '"1234"'),
    ("devices", "name", '""'),
]


def _fill(db: Database) -> None:
    wang = create_learner(db, "1001", "王䶮", "临江市数据资源局", actor=COMMAND_LINE)
    record_lesson_progress(db, wang.id, "digital-government", "m1", add_seconds=60)
    record_attempt(db, wang.id, "digital-government", "1.0.0", "ex0", {"choice": 1}, 1.0,
                   {"data-literacy": 1.0}, T0)


def _set_field(member: str, field: str, raw: str) -> object:
    def change(name: str, data: bytes) -> bytes:
        if name != f"{member}.jsonl":
            return data
        first, _, rest = data.partition(b"\n")
        record = json.loads(first)
        record[field] = "\x1fRAW\x1f"
        line = json.dumps(record, ensure_ascii=False).replace('"\\u001fRAW\\u001f"', raw)
        return line.encode("utf-8", "surrogatepass") + b"\n" + rest
    return change


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, BundleManifest]:
    """One bundle for the whole module: the file, its device's key file and its manifest."""
    folder = tmp_path_factory.mktemp("made")
    with open_database(Paths(folder / "sender").ensure()) as sender:
        _fill(sender)
        manifest = export_bundle(sender, folder / "good.zip", actor=COMMAND_LINE)
        return folder / "good.zip", key_file(sender), manifest


@pytest.fixture
def signed(made: tuple[Path, Path, BundleManifest], receiver: Database) -> Path:
    """The bundle, from a device the receiver already trusts (its key is recorded there)."""
    file, _, manifest = made
    with receiver.session() as session:
        devices.trust_key(session, uuid.UUID(manifest.device_id), manifest.device_name,
                          manifest.public_key, COMMAND_LINE, manifest.fingerprint)
    return file


def test_a_value_the_store_would_refuse_is_refused_whole(
        made: tuple[Path, Path, BundleManifest], receiver: Database, signed: Path,
        tmp_path: Path) -> None:
    """One receiver for the whole table: a refusal must leave it exactly as it was."""
    before = snapshot(receiver)
    wrong = []
    for number, (member, field, raw) in enumerate(HOSTILE):
        bad = tmp_path / f"bad-{number}.zip"
        rewrite(signed, bad, _set_field(member, field, raw), sign_with=made[1])
        try:
            import_bundle(receiver, bad, actor=COMMAND_LINE)
            wrong.append(f"{member}.{field}={raw[:30]}: imported")
        except BundleInvalid as exc:
            if f"{member}.jsonl:1: " not in exc.message or "\n" in exc.message:
                wrong.append(f"{member}.{field}={raw[:30]}: {exc.message[-200:]}")
        bad.unlink()
    assert not wrong, "\n".join(wrong)
    assert snapshot(receiver) == before
    assert import_bundle(receiver, signed, actor=COMMAND_LINE).attempts_new == 1  # untouched


def test_a_bundle_never_grants_a_role(made: tuple[Path, Path, BundleManifest],
                                      receiver: Database, signed: Path, tmp_path: Path) -> None:
    rewrite(signed, tmp_path / "role.zip", _set_field("learners", "role", '"admin"'),
            sign_with=made[1])
    import_bundle(receiver, tmp_path / "role.zip", actor=COMMAND_LINE)
    wang = find_by_employee_no(receiver, "1001")
    assert wang is not None and wang.role == "learner"


def test_no_bundle_switches_off_or_demotes_an_administrator(
        sender: Database, receiver: Database, tmp_path: Path) -> None:
    """Here: the only administrator, HR, a trainer and a learner. There: the same people as
    plain learners, all switched off later (a newer record) — the learner's switch applies."""
    for number, role in (("A1", "admin"), ("H1", "hr"), ("T1", "trainer"), ("L1", "learner")):
        create_learner(receiver, number, f"{role} 甲", role=role,
                       pin=None if role == "learner" else "2468", actor=COMMAND_LINE)
    for number in ("A1", "H1", "T1", "L1"):
        there = create_learner(sender, number, f"{number} 乙", actor=COMMAND_LINE)
        update_learner(sender, there.id, actor=COMMAND_LINE, active=False)
    export_bundle(sender, tmp_path / "off.zip", actor=COMMAND_LINE)
    bundle = read_bundle(tmp_path / "off.zip")
    preview = preview_bundle(receiver, bundle, actor=COMMAND_LINE)
    plan = import_bundle(receiver, bundle, actor=COMMAND_LINE, trust_new_device=True)
    assert preview.accounts_kept == plan.accounts_kept == 3
    people = {n: find_by_employee_no(receiver, n) for n in ("A1", "H1", "T1", "L1")}
    assert {n: (p.role, p.active) for n, p in people.items() if p} == {
        "A1": ("admin", True), "H1": ("hr", True), "T1": ("trainer", True),
        "L1": ("learner", False)}
    assert people["A1"] is not None and people["A1"].name == "A1 乙"  # the profile did update
    assert has_admin(receiver)
    assert import_bundle(receiver, bundle, actor=COMMAND_LINE).changes == 0  # and stays so


def test_a_giant_line_is_refused_without_being_read_whole(
        made: tuple[Path, Path, BundleManifest], tmp_path: Path) -> None:
    noise = os.urandom(3 * 1024 * 1024).hex().encode()  # 6 MB in one "line", incompressible

    def giant(name: str, data: bytes) -> bytes:
        return data + noise if name == "enrollments.jsonl" else data

    rewrite(made[0], tmp_path / "giant.zip", giant, sign_with=made[1])
    with pytest.raises(BundleInvalid, match=r"enrollments.jsonl:2: the line is longer than "
                                            r"1,048,576 bytes"):
        read_bundle(tmp_path / "giant.zip")
