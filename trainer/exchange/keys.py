"""Device keys: the Ed25519 key pair that signs this installation's progress bundles.

The private key lives in the data folder (``Paths.device_key_file``, readable by its owner
only) and never leaves it; the public key is recorded on the database's own Device row at the
first export, and HR's machine records it when HR approves the device. A fingerprint (80 bits
of the key's SHA-256, in five groups) is what people compare between the two machines.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from trainer.exchange.errors import DeviceKeyUnavailable
from trainer.store import devices
from trainer.store.db import Database

ALGORITHM = "Ed25519"


@dataclass(frozen=True)
class DeviceSigner:
    """This database's device, able to sign: its id, name, key and fingerprint."""

    device_id: uuid.UUID
    name: str
    private_key: Ed25519PrivateKey
    public_key: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def sign(self, data: bytes) -> str:
        return base64.b64encode(self.private_key.sign(data)).decode("ascii")


def public_text(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw,
                                        serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def public_bytes(text: str) -> bytes:
    """The 32 raw bytes of a public key written as base64; ValueError when it is not one."""
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, AttributeError) as exc:
        raise ValueError("the device key is not base64") from exc
    if len(raw) != 32:
        raise ValueError("the device key is not an Ed25519 key (32 bytes)")
    return raw


def fingerprint(public_key: str) -> str:
    """What HR compares with the other machine: e.g. ``3F2A-9C1B-77D0-12EE-5A01``."""
    digest = hashlib.sha256(public_bytes(public_key)).hexdigest()[:20].upper()
    return "-".join(digest[n:n + 4] for n in range(0, 20, 4))


def verify(public_key: str, data: bytes, signature: str) -> bool:
    """True when ``signature`` (base64) is the key's signature of exactly ``data``."""
    try:
        key = Ed25519PublicKey.from_public_bytes(public_bytes(public_key))
        key.verify(base64.b64decode(signature.encode("ascii"), validate=True), data)
    except (ValueError, InvalidSignature, binascii.Error, UnicodeEncodeError, AttributeError):
        return False
    return True


def local_signer(db: Database) -> DeviceSigner:
    """This database's device with its private key, created at the first export.

    Refused (DeviceKeyUnavailable) when the database's device already has a key that this data
    folder does not hold: another computer sharing the database, or a lost or replaced key file.
    """
    with db.reader() as session:
        mine = devices.device(session, db.device_id) if db.device_id else None
    if mine is None:
        raise DeviceKeyUnavailable("This database has no device of its own yet.",
                                   hint="Open it with Trainer once, then export again.")
    file = db.paths.device_key_file(str(mine.id))
    key = _load(file) if file.exists() else None
    if key is None and mine.public_key is None:
        key = _create(file)
    if key is None:
        raise DeviceKeyUnavailable(
            f"This data folder has no signing key for the database's device \"{mine.name}\" "
            f"(key {fingerprint(mine.public_key or '')}).",
            hint=f"Export on the computer that holds {file.name}, or copy that file into "
                 f"{file.parent} here.")
    public = public_text(key)
    # recorded once (a write): a later export only compares, so it works on a read-only database
    recorded = mine.public_key or devices.record_local_key(db, public)
    if recorded != public:
        raise DeviceKeyUnavailable(
            f"{file} is not the signing key recorded for the database's device "
            f"\"{mine.name}\" (key {fingerprint(recorded)}); bundles signed with it would be "
            "refused.", hint=f"Put back that device's own {file.name} (from a backup of the "
                             "data folder), or export on the computer that holds it.")
    return DeviceSigner(mine.id, mine.name, key, recorded)


def _load(file: Path) -> Ed25519PrivateKey:
    try:
        if os.name == "posix" and file.stat().st_mode & 0o077:
            file.chmod(0o600)  # someone loosened it: the owner only, again
        key = serialization.load_pem_private_key(file.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise DeviceKeyUnavailable(f"The signing key {file} cannot be read ({exc}).",
                                   hint="Put back the file from a backup of the data folder."
                                   ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise DeviceKeyUnavailable(f"{file} is not an {ALGORITHM} key.",
                                   hint="Put back the file from a backup of the data folder.")
    return key


def _create(file: Path) -> Ed25519PrivateKey:
    """A new key, written owner-only and published atomically (a racing process's key wins)."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    temp = file.with_name(f".{file.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temp, file)  # fails if another process published its key first
        except FileExistsError:
            return _load(file)
        except OSError:  # a file system without hard links (FAT on a USB stick)
            if file.exists():
                return _load(file)
            os.replace(temp, file)
    except OSError as exc:
        raise DeviceKeyUnavailable(f"Cannot write the signing key {file}: {exc.strerror or exc}",
                                   hint="Make the data folder writable, then export again."
                                   ) from exc
    finally:
        temp.unlink(missing_ok=True)
    return key
