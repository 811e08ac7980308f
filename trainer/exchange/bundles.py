"""Progress bundles: one machine's learners and progress in a file, for machines with no network.

A bundle is a zip holding ``manifest.json`` (format version, device and its public key, time,
counts and the SHA-256 of every member), ``signature.json`` (the device's Ed25519 signature of
the manifest) and one JSON-lines file per table. Reading checks everything (signature, zip
CRCs, digests, counts, each value by the store's rules, references) before the merge starts;
the signer must be a device this database trusts (or one HR approves now); and approval plus
merge are one transaction, so a forged, tampered or truncated bundle is refused whole.

Bundles carry records, never awards: 学时 and certificates are derived on the receiving
machine from the merged answers and lessons, so the only way to award them is an answer signed
by a device HR trusts.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
import zipfile
from pathlib import Path
from typing import Any

from trainer import __version__
from trainer.errors import TrainerError
from trainer.exchange.errors import BundleInvalid
from trainer.exchange.keys import DeviceSigner, local_signer
from trainer.exchange.manifest import (
    FORMAT_VERSION,
    MANIFEST,
    MEMBERS,
    SIGNATURE,
    BundleManifest,
    manifest_body,
    signature_body,
)
from trainer.exchange.reader import Bundle, read_bundle
from trainer.exchange.schema import json_default
from trainer.exchange.trust import Signer, approve_signer, signer_of
from trainer.store import audit
from trainer.store.db import Database
from trainer.store.exchange import MergePlan, export_records
from trainer.store.merge import merge_records
from trainer.store.permissions import Actor, require
from trainer.store.types import utcnow

__all__ = ["Bundle", "BundleInvalid", "BundleManifest", "Signer", "bundle_signer",
           "export_bundle", "import_bundle", "preview_bundle", "read_bundle"]


# --- export ----------------------------------------------------------------------------------


def export_bundle(db: Database, out: Path, *, actor: Actor | None) -> BundleManifest:
    """Write this database's learners and progress to ``out`` (atomically: all or no file)."""
    require(actor, "hr")
    out = Path(out)
    signer = local_signer(db)
    temp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.tmp")  # usual file permissions
    try:
        manifest = _write_bundle(db, temp, signer)
        os.replace(temp, out)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise TrainerError(f"Cannot write {out}: {exc.strerror or exc}",
                            hint="Choose a folder you can write to, with free space.") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    audit.record(db, actor, audit.PROGRESS_EXPORT, {"file": out.name, **manifest.counts,
                                                    "fingerprint": manifest.fingerprint})
    return manifest


def _write_bundle(db: Database, target: Path, signer: DeviceSigner) -> BundleManifest:
    members: dict[str, dict[str, Any]] = {}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive, \
            db.reader() as session:
        for table, member in MEMBERS.items():
            digest, size, count = hashlib.sha256(), 0, 0
            with archive.open(member, "w", force_zip64=True) as stream:
                for record in export_records(session, table, db.device_id):
                    line = json.dumps(record, default=json_default, ensure_ascii=False,
                                      sort_keys=True, separators=(",", ":"),
                                      allow_nan=False).encode() + b"\n"
                    stream.write(line)
                    digest.update(line)
                    size, count = size + len(line), count + 1
            members[member] = {"sha256": digest.hexdigest(), "bytes": size, "records": count}
        counts = {t: members[m]["records"] for t, m in MEMBERS.items()}
        created = utcnow()
        body = manifest_body(signer.device_id, signer.name, signer.public_key, created,
                             __version__, counts, members)
        archive.writestr(MANIFEST, body)
        archive.writestr(SIGNATURE, signature_body(signer.sign(body)))
    return BundleManifest(FORMAT_VERSION, str(signer.device_id), signer.name, created, __version__, counts,
                          signer.public_key)


# --- merging ---------------------------------------------------------------------------------


def bundle_signer(db: Database, bundle: Bundle) -> Signer:
    """The device that signed ``bundle`` and whether it is trusted here (read only);
    DeviceKeyMismatch when this database knows that device with another key."""
    return signer_of(db, bundle.manifest, bundle.path.name)


def preview_bundle(db: Database, bundle: Bundle, *, actor: Actor | None) -> MergePlan:
    """What importing would add and change, read without writing anything."""
    require(actor, "hr")
    with db.reader() as session:
        return merge_records(session, bundle.records, apply=False)


def import_bundle(db: Database, source: Path | Bundle, *, actor: Actor | None,
                  trust_new_device: bool = False) -> MergePlan:
    """Merge a bundle in one transaction; importing the same bundle again changes nothing.

    A device not trusted here raises UnknownDevice unless ``trust_new_device`` (HR compared
    its fingerprint and approved it): then its key is recorded in the same transaction.
    """
    require(actor, "hr")
    bundle = source if isinstance(source, Bundle) else read_bundle(source)
    with db.session() as session:
        signer = approve_signer(session, bundle.manifest, bundle.path.name, actor=actor,
                                trust_new_device=trust_new_device)
        plan = merge_records(session, bundle.records, apply=True)
        audit.record(session, actor, audit.PROGRESS_MERGE, {
            "file": bundle.path.name, "device": signer.name,
            "device_id": str(signer.device_id), "fingerprint": signer.fingerprint,
            "learners_new": plan.learners_new, "learners_updated": plan.learners_updated,
            "attempts_new": plan.attempts_new,
            "lessons_changed": plan.lessons_new + plan.lessons_updated,
            "accounts_kept": plan.accounts_kept})
    return plan
