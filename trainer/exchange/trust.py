"""Which devices' bundles this database believes: trust on first use, approved by HR.

- the device's key is recorded here and matches: the bundle is believed;
- the device is new here (or known only from other bundles, without a key): it is held until
  HR compares the fingerprint with the one the other machine shows and approves it; approval
  and import are one transaction;
- the device is known with another key: refused (forged, or that machine was reinstalled and HR
  must forget the old key first, on purpose); so is any bundle naming this database's own
  device that its own key did not sign.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from trainer.exchange.errors import DeviceKeyMismatch, UnknownDevice
from trainer.exchange.keys import fingerprint
from trainer.exchange.manifest import BundleManifest
from trainer.store import devices
from trainer.store.db import Database
from trainer.store.permissions import Actor


@dataclass(frozen=True)
class Signer:
    """The device that signed a bundle, and whether this database already trusts its key."""

    device_id: uuid.UUID
    name: str
    fingerprint: str
    known: bool


def signer_of(db: Database, manifest: BundleManifest, file_name: str) -> Signer:
    """Read only: who signed, known or new here; DeviceKeyMismatch for a changed key."""
    with db.reader() as session:
        return _check(session, manifest, file_name)


def approve_signer(session: Session, manifest: BundleManifest, file_name: str, *,
                   actor: Actor | None, trust_new_device: bool) -> Signer:
    """In the import's transaction: go on for a known key, record a new one when HR approved
    it (``trust_new_device``), else UnknownDevice (nothing is written)."""
    signer = _check(session, manifest, file_name)
    if signer.known:
        return signer
    if not trust_new_device:
        raise UnknownDevice(
            f"{file_name} comes from a device this database does not know yet: "
            f"\"{signer.name}\", key {signer.fingerprint}. Nothing was imported.",
            device_name=signer.name, fingerprint=signer.fingerprint,
            hint="Compare the key with the one that machine shows ('trainer progress device' "
                 "there); if they are the same, import again with --trust-new-device.")
    devices.trust_key(session, signer.device_id, signer.name, manifest.public_key, actor,
                      signer.fingerprint)
    return signer


def _check(session: Session, manifest: BundleManifest, file_name: str) -> Signer:
    device_id = uuid.UUID(manifest.device_id)
    known = devices.device(session, device_id)
    signer = Signer(device_id, manifest.device_name, manifest.fingerprint,
                    known is not None and known.public_key == manifest.public_key)
    if known is not None and known.is_local and not signer.known:
        raise DeviceKeyMismatch(
            f"{file_name} names this database's own device \"{known.name}\" but is not signed "
            "with its key: it was not made here and may be forged; nothing was imported.",
            hint="Import bundles made on other computers; ask where this file came from.")
    if known is not None and known.public_key is not None and not signer.known:
        since = f" on {known.key_added_at:%Y-%m-%d}" if known.key_added_at else ""
        raise DeviceKeyMismatch(
            f"{file_name} names the device \"{known.name}\" but is signed with another key "
            f"({signer.fingerprint}) than the one approved for it{since} "
            f"({fingerprint(known.public_key)}): it may be forged; nothing was imported.",
            hint=f"If that machine was reinstalled, check its new key there, then run 'trainer "
                 f"progress forget-device {device_id}' and import again.")
    return signer
