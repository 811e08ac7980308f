"""Bundles are authentic: a device's key is approved once by HR, a forged, altered or unsigned
bundle is refused whole, and a device with another key is never silently believed."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bundle_files import key_file, rewrite, snapshot
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from trainer.cli import main
from trainer.config import Paths
from trainer.exchange.bundles import bundle_signer, export_bundle, import_bundle, read_bundle
from trainer.exchange.errors import (
    BundleInvalid,
    DeviceKeyMismatch,
    DeviceKeyUnavailable,
    UnknownDevice,
)
from trainer.exchange.keys import fingerprint, public_text
from trainer.store.audit import DEVICE_FORGET, DEVICE_TRUST, entries
from trainer.store.db import Database, open_database
from trainer.store.devices import forget_key, list_devices
from trainer.store.learners import create_learner, find_by_employee_no
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import attempts, record_attempt

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bundles"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _answers(db: Database, number: str = "1001", count: int = 2) -> None:
    person = find_by_employee_no(db, number) or create_learner(db, number, "王䶮",
                                                               actor=COMMAND_LINE)
    for n in range(count):
        record_attempt(db, person.id, "digital-government", "1.0.0", f"ex{n}", {"choice": n},
                       1.0, {"data-literacy": 1.0}, T0)


def _new_key(path: Path) -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    return key


def test_a_new_device_is_held_until_hr_approves_it(
        sender: Database, receiver: Database, tmp_path: Path) -> None:
    _answers(sender)
    manifest = export_bundle(sender, tmp_path / "one.zip", actor=COMMAND_LINE)
    bundle = read_bundle(tmp_path / "one.zip")
    signer = bundle_signer(receiver, bundle)
    assert not signer.known and signer.fingerprint == manifest.fingerprint
    before = snapshot(receiver)
    with pytest.raises(UnknownDevice, match=f"does not know yet: .*key {signer.fingerprint}"):
        import_bundle(receiver, bundle, actor=COMMAND_LINE)
    assert snapshot(receiver) == before  # nothing half-imported, not even the device
    plan = import_bundle(receiver, bundle, actor=COMMAND_LINE, trust_new_device=True)
    assert plan.attempts_new == 2 and bundle_signer(receiver, bundle).known
    trusted = entries(receiver, COMMAND_LINE, action=DEVICE_TRUST)
    assert [e.detail["fingerprint"] for e in trusted] == [signer.fingerprint]
    _answers(sender, count=3)  # the next bundle from the same device needs no approval
    export_bundle(sender, tmp_path / "two.zip", actor=COMMAND_LINE)
    assert import_bundle(receiver, tmp_path / "two.zip", actor=COMMAND_LINE).attempts_new == 3


def test_a_known_device_with_another_key_is_refused_until_hr_forgets_the_old_one(
        sender: Database, receiver: Database, tmp_path: Path) -> None:
    _answers(sender)
    export_bundle(sender, tmp_path / "one.zip", actor=COMMAND_LINE)
    import_bundle(receiver, tmp_path / "one.zip", actor=COMMAND_LINE, trust_new_device=True)
    impostor = tmp_path / "impostor.pem"  # someone else's machine claiming to be the sender
    key = _new_key(impostor)

    def claim(name: str, data: bytes) -> bytes:
        if name == "attempts.jsonl":
            return data.replace(b'"score":1.0', b'"score":0.0')
        if name == "manifest.json":
            body = json.loads(data)
            body["device"]["public_key"] = public_text(key)
            return json.dumps(body).encode()
        return data

    rewrite(tmp_path / "one.zip", tmp_path / "forged.zip", claim, sign_with=impostor)
    forged = read_bundle(tmp_path / "forged.zip")  # intact and self-consistent …
    before = snapshot(receiver)
    with pytest.raises(DeviceKeyMismatch, match="signed with another key"):
        bundle_signer(receiver, forged)  # … but not from the key HR approved
    for trust in (False, True):
        with pytest.raises(DeviceKeyMismatch, match="it may be forged; nothing was imported"):
            import_bundle(receiver, forged, actor=COMMAND_LINE, trust_new_device=trust)
    assert snapshot(receiver) == before
    forget_key(receiver, sender.device_id, actor=COMMAND_LINE)  # a reinstalled machine
    assert entries(receiver, COMMAND_LINE, action=DEVICE_FORGET)
    with pytest.raises(UnknownDevice):
        import_bundle(receiver, forged, actor=COMMAND_LINE)
    import_bundle(receiver, forged, actor=COMMAND_LINE, trust_new_device=True)
    known = {d.id: d for d in list_devices(receiver, actor=COMMAND_LINE)}
    assert fingerprint(known[sender.device_id].public_key or "") == forged.manifest.fingerprint


def test_a_bundle_naming_this_database_own_device_must_carry_its_key(
        sender: Database, receiver: Database, tmp_path: Path) -> None:
    _answers(sender)
    export_bundle(sender, tmp_path / "one.zip", actor=COMMAND_LINE)
    impostor = tmp_path / "impostor.pem"
    key = _new_key(impostor)

    def claim(name: str, data: bytes) -> bytes:  # "I am HR's own computer"
        if name == "manifest.json":
            body = json.loads(data)
            body["device"].update(id=str(receiver.device_id), public_key=public_text(key))
            return json.dumps(body).encode()
        return data

    rewrite(tmp_path / "one.zip", tmp_path / "mine.zip", claim, sign_with=impostor)
    before = snapshot(receiver)
    with pytest.raises(DeviceKeyMismatch, match="this database's own device"):
        import_bundle(receiver, tmp_path / "mine.zip", actor=COMMAND_LINE, trust_new_device=True)
    assert snapshot(receiver) == before
    export_bundle(receiver, tmp_path / "own.zip", actor=COMMAND_LINE)  # its own key still signs
    assert import_bundle(receiver, tmp_path / "own.zip", actor=COMMAND_LINE).changes == 0


@pytest.mark.parametrize("edit", ["manifest", "signature", "strip", "v1"])
def test_an_altered_or_unsigned_bundle_is_refused(
        sender: Database, tmp_path: Path, edit: str) -> None:
    _answers(sender)
    export_bundle(sender, tmp_path / "good.zip", actor=COMMAND_LINE)

    def change(name: str, data: bytes) -> bytes:
        if name == "manifest.json":
            body = json.loads(data)
            if edit == "manifest":
                body["device"]["name"] = "HR 的电脑"
            if edit == "v1":
                body["format_version"] = 1
            return json.dumps(body, ensure_ascii=False, indent=2).encode()
        if name == "signature.json" and edit == "signature":
            body = json.loads(data)
            body["signature"] = body["signature"][::-1]
            return json.dumps(body).encode()
        return data

    rewrite(tmp_path / "good.zip", tmp_path / "bad.zip", change)
    if edit in ("strip", "v1"):
        with zipfile.ZipFile(tmp_path / "bad.zip") as z:
            members = {n: z.read(n) for n in z.namelist() if n != "signature.json"}
        with zipfile.ZipFile(tmp_path / "bad.zip", "w") as z:
            for name, data in members.items():
                z.writestr(name, data)
    expected = "is not signed" if edit in ("strip", "v1") else "signature does not match"
    with pytest.raises(BundleInvalid, match=expected):
        read_bundle(tmp_path / "bad.zip")


def test_a_bundle_from_the_previous_version_is_refused_with_what_to_do(
        receiver: Database, capsys: pytest.CaptureFixture[str]) -> None:
    old = FIXTURES / "v1-unsigned.trainer-progress.zip"  # made by Trainer before signing
    before = snapshot(receiver)
    with pytest.raises(BundleInvalid, match="not signed") as refused:
        import_bundle(receiver, old, actor=COMMAND_LINE, trust_new_device=True)
    assert "Update Trainer on the machine that made it" in str(refused.value)
    assert snapshot(receiver) == before


def test_the_private_key_is_owner_only_and_the_public_key_is_on_the_device_row(
        sender: Database, tmp_path: Path) -> None:
    manifest = export_bundle(sender, tmp_path / "one.zip", actor=COMMAND_LINE)
    file = key_file(sender)
    if os.name == "posix":
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        assert stat.S_IMODE(file.parent.stat().st_mode) == 0o700
    mine = [d for d in list_devices(sender, actor=COMMAND_LINE) if d.is_local]
    assert [d.public_key for d in mine] == [manifest.public_key]
    export_bundle(sender, tmp_path / "two.zip", actor=COMMAND_LINE)  # the same key again
    assert read_bundle(tmp_path / "two.zip").manifest.public_key == manifest.public_key


def test_a_data_folder_without_the_device_key_cannot_sign_for_it(
        sender: Database, tmp_path: Path) -> None:
    export_bundle(sender, tmp_path / "one.zip", actor=COMMAND_LINE)
    file = key_file(sender)
    file.unlink()  # e.g. a second computer on a shared PostgreSQL database
    with pytest.raises(DeviceKeyUnavailable, match="no signing key"):
        export_bundle(sender, tmp_path / "two.zip", actor=COMMAND_LINE)
    _new_key(file)  # a replaced key would make every approved machine refuse the bundles
    with pytest.raises(DeviceKeyUnavailable, match="is not the signing key recorded"):
        export_bundle(sender, tmp_path / "two.zip", actor=COMMAND_LINE)
    assert not (tmp_path / "two.zip").exists()


def test_the_command_line_trust_flow(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b, file = str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "a.zip")
    with open_database(Paths(tmp_path / "a").ensure()) as office:
        _answers(office)
    assert main(["--data-dir", a, "progress", "device"]) == 0
    key = capsys.readouterr().out.split("Signing key: ")[1].strip()
    assert main(["--data-dir", a, "progress", "export", "-o", file]) == 0
    assert f"key {key}" in capsys.readouterr().out
    assert main(["--data-dir", b, "progress", "import", file]) == 1
    err = capsys.readouterr().err
    assert f"key {key}" in err and "--trust-new-device" in err and "Traceback" not in err
    assert main(["--data-dir", b, "progress", "import", "--dry-run", file]) == 0
    assert "needs --trust-new-device" in capsys.readouterr().out
    assert main(["--data-dir", b, "progress", "import", "--trust-new-device", file]) == 0
    assert "Approved the device" in capsys.readouterr().out
    assert main(["--data-dir", b, "progress", "devices"]) == 0
    assert key in capsys.readouterr().out
    with open_database(Paths(tmp_path / "b").ensure()) as hr:
        wang = find_by_employee_no(hr, "1001")
        assert wang is not None and len(attempts(hr, wang.id)) == 2
        device = str(next(d.id for d in list_devices(hr, actor=COMMAND_LINE) if d.public_key))
    assert main(["--data-dir", b, "progress", "forget-device", device]) == 0
    assert main(["--data-dir", b, "progress", "import", file]) == 1
    assert main(["--data-dir", b, "progress", "forget-device", "nonsense"]) == 2
