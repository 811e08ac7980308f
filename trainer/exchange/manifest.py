"""A bundle's manifest and its signature: what the file claims, and who vouches for it.

``manifest.json`` names the format, the device (id, name, public key), the time, the counts
and the SHA-256 of every member; ``signature.json`` holds the device's Ed25519 signature of the
manifest's exact bytes. Format 1 (Trainer before signed bundles) had no signature: such a
bundle's origin cannot be checked, so it is refused rather than held for approval — approving
an unsigned file would let anyone strip a signature off a forged one.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from trainer.exchange.errors import BundleInvalid
from trainer.exchange.keys import ALGORITHM, fingerprint, public_bytes, verify
from trainer.exchange.schema import FieldProblem, loads
from trainer.store import validate
from trainer.store.errors import InvalidValue
from trainer.store.exchange import OPTIONAL, TABLES

FORMAT = "trainer-progress-bundle"
FORMAT_VERSION = 2  # 1: unsigned, refused
MANIFEST = "manifest.json"
SIGNATURE = "signature.json"
MEMBERS = {table: f"{table}.jsonl" for table in TABLES}
MAX_HEADER_BYTES = 1024**2
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class BundleManifest:
    format_version: int
    device_id: str
    device_name: str
    created_at: datetime
    app_version: str
    counts: dict[str, int]
    public_key: str = ""
    members: dict[str, tuple[str, int]] | None = None  # member → (sha256, records)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def signature_body(signature: str) -> bytes:
    return json.dumps({"algorithm": ALGORITHM, "signature": signature}, indent=2).encode()


def check_signature(path: Path, raw: bytes | None, signature: bytes | None) -> dict[str, Any]:
    """The manifest as JSON, once its signature verifies with the key it names."""
    try:
        body = loads(raw or b"")
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            raise ValueError("not a progress bundle manifest")
        version = body["format_version"]
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError(f"format_version {str(version)[:20]!r}")
    except (ValueError, KeyError, RecursionError) as exc:
        raise BundleInvalid(f"{path}: {MANIFEST} is not valid ({exc}).") from exc
    if version > FORMAT_VERSION:
        raise BundleInvalid(f"{path}: made by a newer Trainer (bundle format {version}).",
                            hint="Update Trainer on this machine, then import again.")
    if version < FORMAT_VERSION or signature is None:
        raise BundleInvalid(
            f"{path}: the bundle is not signed (made by an older Trainer, or its signature was "
            "removed), so where it comes from cannot be checked; nothing was imported.",
            hint="Update Trainer on the machine that made it and export a new bundle there.")
    try:
        sign = loads(signature)
        key = body["device"]["public_key"]
        valid = (isinstance(sign, dict) and sign.get("algorithm") == ALGORITHM
                 and isinstance(key, str) and isinstance(sign.get("signature"), str)
                 and verify(key, raw or b"", sign["signature"]))
    except (ValueError, KeyError, TypeError, RecursionError):
        valid = False
    if not valid:
        raise BundleInvalid(f"{path}: the signature does not match the bundle: it was altered "
                            "after it was made; nothing was imported.",
                            hint="Export a new bundle on the machine that made it.")
    return body


def parse_manifest(path: Path, body: dict[str, Any]) -> BundleManifest:
    """The signed manifest's values, checked by the store's rules like every record."""
    try:
        device = body["device"]
        public_bytes(device["public_key"])
        # members added later (review state) are absent from older bundles: nothing to merge
        present = [t for t in TABLES if t not in OPTIONAL or MEMBERS[t] in body["members"]]
        counts = {table: _count(body["counts"][table]) for table in present}
        members = {MEMBERS[table]: _member(body["members"][MEMBERS[table]]) for table in present}
        return BundleManifest(
            body["format_version"],
            str(validate.identifier(device["id"], "device id")),
            validate.text(device["name"], "device name", 200),
            validate.moment(body["created_at"], "export time"),
            validate.text(body.get("app_version", "?"), "Trainer version", 50), counts,
            device["public_key"], members)
    except (ValueError, KeyError, TypeError, InvalidValue, FieldProblem) as exc:
        why = exc.message if isinstance(exc, InvalidValue) else f"{type(exc).__name__}: {exc}"
        raise BundleInvalid(f"{path}: {MANIFEST} is not valid ({why}).") from exc


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"a count must be a whole number, not {str(value)[:20]!r}")
    return value


def _member(value: Any) -> tuple[str, int]:
    if not isinstance(value, dict) or not _SHA256.fullmatch(str(value.get("sha256"))):
        raise ValueError("a member without its SHA-256")
    return value["sha256"], _count(value.get("records"))


def manifest_body(device_id: uuid.UUID, name: str, public_key: str, created_at: datetime,
                  app_version: str, counts: dict[str, int],
                  members: dict[str, dict[str, Any]]) -> bytes:
    """The exact bytes the device signs."""
    body = {"format": FORMAT, "format_version": FORMAT_VERSION,
            "device": {"id": str(device_id), "name": name, "public_key": public_key},
            "created_at": created_at.isoformat(), "app_version": app_version,
            "counts": counts, "members": members}
    return json.dumps(body, ensure_ascii=False, indent=2).encode()
