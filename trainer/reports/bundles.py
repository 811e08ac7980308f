"""Progress bundles: one machine's learners and progress in a file, for machines with no network.

A bundle is a zip holding ``manifest.json`` (format version, device, time, counts and the
SHA-256 of every member) and one JSON-lines file per table. Reading checks everything (zip
CRCs, digests, counts, each line, references) before the merge starts, and the merge is one
transaction, so a tampered or truncated bundle is refused whole and nothing is half-imported.
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
from trainer.reports.bundle_reader import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEMBERS,
    Bundle,
    BundleInvalid,
    BundleManifest,
    read_bundle,
)
from trainer.reports.bundle_schema import json_default
from trainer.store import audit
from trainer.store.db import Database
from trainer.store.exchange import MergePlan, export_records
from trainer.store.merge import merge_records
from trainer.store.models import Device
from trainer.store.permissions import Actor, require
from trainer.store.types import utcnow

__all__ = ["Bundle", "BundleInvalid", "BundleManifest", "export_bundle", "import_bundle",
           "preview_bundle", "read_bundle"]


# --- export ----------------------------------------------------------------------------------


def export_bundle(db: Database, out: Path, *, actor: Actor | None) -> BundleManifest:
    """Write this database's learners and progress to ``out`` (atomically: all or no file)."""
    require(actor, "hr")
    out = Path(out)
    temp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.tmp")  # usual file permissions
    try:
        manifest = _write_bundle(db, temp)
        os.replace(temp, out)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise TrainerError(f"Cannot write {out}: {exc.strerror or exc}",
                            hint="Choose a folder you can write to, with free space.") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    audit.record(db, actor, audit.PROGRESS_EXPORT, {"file": out.name, **manifest.counts})
    return manifest


def _write_bundle(db: Database, target: Path) -> BundleManifest:
    members: dict[str, dict[str, Any]] = {}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive, \
            db.reader() as session:
        device = session.get(Device, db.device_id) if db.device_id else None
        for table, member in MEMBERS.items():
            digest, size, count = hashlib.sha256(), 0, 0
            with archive.open(member, "w", force_zip64=True) as stream:
                for record in export_records(session, table, db.device_id):
                    line = json.dumps(record, default=json_default, ensure_ascii=False,
                                      sort_keys=True, separators=(",", ":")).encode() + b"\n"
                    stream.write(line)
                    digest.update(line)
                    size, count = size + len(line), count + 1
            members[member] = {"sha256": digest.hexdigest(), "bytes": size, "records": count}
        manifest = BundleManifest(FORMAT_VERSION, str(db.device_id or ""),
                                  device.name if device else "", utcnow(), __version__,
                                  {t: members[m]["records"] for t, m in MEMBERS.items()})
        body = {"format": FORMAT, "format_version": FORMAT_VERSION,
                "device": {"id": manifest.device_id, "name": manifest.device_name},
                "created_at": manifest.created_at.isoformat(), "app_version": __version__,
                "counts": manifest.counts, "members": members}
        archive.writestr(MANIFEST, json.dumps(body, ensure_ascii=False, indent=2))
    return manifest


# --- merging ---------------------------------------------------------------------------------


def preview_bundle(db: Database, bundle: Bundle, *, actor: Actor | None) -> MergePlan:
    """What importing would add and change, read without writing anything."""
    require(actor, "hr")
    with db.reader() as session:
        return merge_records(session, bundle.records, apply=False)


def import_bundle(db: Database, source: Path | Bundle, *, actor: Actor | None) -> MergePlan:
    """Merge a bundle in one transaction; importing the same bundle again changes nothing."""
    require(actor, "hr")
    bundle = source if isinstance(source, Bundle) else read_bundle(source)
    with db.session() as session:
        plan = merge_records(session, bundle.records, apply=True)
        audit.record(session, actor, audit.PROGRESS_MERGE, {
            "file": bundle.path.name, "device": bundle.manifest.device_name,
            "device_id": bundle.manifest.device_id, "learners_new": plan.learners_new,
            "learners_updated": plan.learners_updated, "attempts_new": plan.attempts_new,
            "lessons_changed": plan.lessons_new + plan.lessons_updated})
    return plan
