"""Editing bundle files the way an attacker (or a broken device) would, for the tests."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from sqlalchemy import text

from trainer.store.db import Database

Change = Callable[[str, bytes], bytes]
TABLES = ("learners", "departments", "enrollments", "lesson_progress", "attempts", "devices",
          "summary_competencies", "summary_activity", "summary_days", "summary_standing",
          "summary_answers_to_date")


def snapshot(db: Database) -> dict[str, list[tuple]]:
    """Every row of the tables a merge may touch (the audit log aside)."""
    with db.reader() as session:
        return {t: sorted(map(tuple, session.execute(text(f"SELECT * FROM {t}"))), key=repr)
                for t in TABLES}


def key_file(db: Database) -> Path:
    """The data folder's private key that signs ``db``'s bundles."""
    return db.paths.device_key_file(str(db.device_id))


def rewrite(source: Path, target: Path, change: Change, *, sign_with: Path | None = None) -> None:
    """Copy a bundle, changing members with ``change(name, data)``. With ``sign_with`` (a
    device's key file) the manifest's digests and counts are fixed and signed again with it, as
    a device that holds its key can do: the edit then passes the signature."""
    with zipfile.ZipFile(source) as old:
        members = {info.filename: change(info.filename, old.read(info.filename))
                   for info in old.infolist()}
    if sign_with is not None:
        body = json.loads(members["manifest.json"])
        for name, data in members.items():
            if name.endswith(".jsonl"):
                lines = data.count(b"\n") + (not data.endswith(b"\n") and bool(data))
                body["members"][name] = {"sha256": hashlib.sha256(data).hexdigest(),
                                         "bytes": len(data), "records": lines}
        manifest = json.dumps(body, ensure_ascii=False, indent=2).encode()
        key = serialization.load_pem_private_key(sign_with.read_bytes(), password=None)
        signature = base64.b64encode(key.sign(manifest)).decode()  # type: ignore[union-attr]
        members["manifest.json"] = manifest
        members["signature.json"] = json.dumps({"algorithm": "Ed25519",
                                                "signature": signature}).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)
