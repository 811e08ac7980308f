"""Devices and their bundle-signing keys: which installations this database trusts.

A device's public key is recorded once: this database's own device at its first export, any
other device when HR approves its first bundle (trust on first use). A recorded key is never
silently replaced; HR forgets it explicitly (a reinstalled machine), which is audited.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from trainer.store import audit
from trainer.store.db import Database
from trainer.store.errors import NotFound
from trainer.store.info import DeviceInfo
from trainer.store.models import Device
from trainer.store.permissions import Actor, require
from trainer.store.types import utcnow


def _info(row: Device) -> DeviceInfo:
    return DeviceInfo(row.id, row.name, row.is_local, row.public_key, row.key_added_at)


def device(session: Session, device_id: uuid.UUID) -> DeviceInfo | None:
    row = session.get(Device, device_id)
    return _info(row) if row is not None else None


def list_devices(db: Database, *, actor: Actor | None) -> list[DeviceInfo]:
    """Every device this database has heard of, those with a key (trusted) first."""
    require(actor, "hr")
    with db.reader() as session:
        rows = session.scalars(select(Device).order_by(Device.public_key.is_(None),
                                                       Device.name, Device.id))
        return [_info(row) for row in rows]


def record_local_key(db: Database, public_key: str) -> str:
    """Record this database's own device key unless one is recorded; returns the recorded key
    (another process may have won the race: the caller compares)."""
    if db.device_id is None:
        raise NotFound("This database has no device of its own yet; open it with Trainer once.")
    with db.session() as session:
        session.execute(update(Device).where(Device.id == db.device_id,
                                             Device.public_key.is_(None))
                        .values(public_key=public_key, key_added_at=utcnow()))
        row = session.get(Device, db.device_id)
        assert row is not None and row.public_key is not None
        return row.public_key


def trust_key(session: Session, device_id: uuid.UUID, name: str, public_key: str,
              actor: Actor | None, fingerprint: str) -> None:
    """Approve another device's key, in the caller's transaction (the import it came with)."""
    require(actor, "hr")
    row = session.get(Device, device_id)
    if row is None:
        row = Device(id=device_id, name=name, is_local=False)
        session.add(row)
    if row.public_key is not None:
        raise ValueError(f"device {device_id} already has a key")  # callers check first
    row.public_key, row.key_added_at = public_key, utcnow()
    session.flush()
    audit.record(session, actor, audit.DEVICE_TRUST, {
        "device_id": str(device_id), "device": name, "fingerprint": fingerprint})


def forget_key(db: Database, device_id: uuid.UUID, *, actor: Actor | None) -> DeviceInfo:
    """Drop another device's key, so its next bundle needs HR's approval again."""
    with db.session() as session:
        require(actor, "hr")
        row = session.get(Device, device_id)
        if row is None or row.is_local:
            raise NotFound(f"No other device has the id {device_id}.",
                           hint="'trainer progress devices' lists them.")
        old, row.public_key, row.key_added_at = row.public_key, None, None
        audit.record(session, actor, audit.DEVICE_FORGET, {
            "device_id": str(device_id), "device": row.name, "public_key": old})
        return _info(row)
