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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from trainer import __version__
from trainer.errors import TrainerError
from trainer.reports.bundle_schema import FieldProblem, json_default, parse_record
from trainer.store import audit
from trainer.store.db import Database
from trainer.store.exchange import TABLES, MergePlan, export_records
from trainer.store.merge import merge_records
from trainer.store.models import Device
from trainer.store.permissions import Actor, require
from trainer.store.types import utcnow

FORMAT = "trainer-progress-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEMBERS = {table: f"{table}.jsonl" for table in TABLES}
MAX_UNCOMPRESSED = 4 * 1024**3  # 4 GB: far beyond a real machine's progress
MAX_RATIO = 200  # JSON lines compress ~10×; far more means a zip bomb


class BundleInvalid(TrainerError):
    """The file is not a complete, untouched progress bundle; nothing was imported."""


@dataclass(frozen=True)
class BundleManifest:
    format_version: int
    device_id: str
    device_name: str
    created_at: datetime
    app_version: str
    counts: dict[str, int]


@dataclass
class Bundle:
    """A checked bundle: its manifest and every record as typed values."""

    path: Path
    manifest: BundleManifest
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


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


# --- reading ---------------------------------------------------------------------------------


def read_bundle(path: Path) -> Bundle:
    """Open and check a bundle completely; BundleInvalid says what is wrong and where."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_names_and_sizes(path, archive)
            body, manifest = _read_manifest(path, archive)
            bundle = Bundle(path, manifest)
            for table, member in MEMBERS.items():
                bundle.records[table] = _read_member(path, archive, member, table,
                                                     body["members"].get(member))
    except FileNotFoundError as exc:
        raise BundleInvalid(f"{path}: no such file.") from exc
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
        raise _damaged(path, str(exc)) from exc
    _check_references(path, bundle)
    return bundle


def _damaged(path: Path, why: str) -> BundleInvalid:
    return BundleInvalid(f"{path}: the bundle is damaged or incomplete ({why}); nothing was "
                         "imported.", hint="Copy the file again from the machine that made it, "
                         "or export a new bundle there.")


def _check_names_and_sizes(path: Path, archive: zipfile.ZipFile) -> None:
    names = [info.filename for info in archive.infolist()]
    expected = {MANIFEST, *MEMBERS.values()}
    if set(names) != expected or len(names) != len(expected):
        if MANIFEST not in names:
            raise BundleInvalid(f"{path}: not a Trainer progress bundle (no {MANIFEST}).",
                                hint="Make bundles with 'trainer progress export -o FILE'.")
        odd = sorted(set(names) ^ expected) or ["duplicate entries"]
        raise BundleInvalid(f"{path}: unexpected contents: {', '.join(odd)}; the bundle was "
                            "changed after it was made.")
    total = sum(info.file_size for info in archive.infolist())
    packed = sum(info.compress_size for info in archive.infolist()) or 1
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise BundleInvalid(f"{path}: the bundle unpacks to {total:,} bytes, which no real "
                            "progress bundle does; it was refused.")


def _read_manifest(path: Path, archive: zipfile.ZipFile) -> tuple[dict[str, Any], BundleManifest]:
    try:
        body = json.loads(archive.read(MANIFEST))
        if body.get("format") != FORMAT:
            raise ValueError("not a progress bundle manifest")
        version = int(body["format_version"])
        if version > FORMAT_VERSION:
            raise BundleInvalid(f"{path}: made by a newer Trainer (bundle format {version}).",
                                hint="Update Trainer on this machine, then import again.")
        manifest = BundleManifest(
            version, str(body["device"]["id"]), str(body["device"]["name"]),
            datetime.fromisoformat(body["created_at"]), str(body.get("app_version", "")),
            {table: int(body["counts"][table]) for table in TABLES})
        if not isinstance(body.get("members"), dict):
            raise ValueError("no member digests")
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BundleInvalid(f"{path}: {MANIFEST} is not valid ({exc}).") from exc
    return body, manifest


def _read_member(path: Path, archive: zipfile.ZipFile, member: str, table: str,
                 expected: Any) -> list[dict[str, Any]]:
    if not isinstance(expected, dict) or "sha256" not in expected:
        raise BundleInvalid(f"{path}: {MANIFEST} has no digest for {member}.")
    digest = hashlib.sha256()
    records: list[dict[str, Any]] = []
    with archive.open(member) as raw:
        for number, line in enumerate(raw, start=1):
            digest.update(line)
            records.append(_parse_line(path, member, number, table, line))
    if digest.hexdigest() != expected["sha256"] or len(records) != expected.get("records"):
        raise BundleInvalid(f"{path}: {member} does not match its digest in {MANIFEST}: the "
                            "bundle was changed or damaged after it was made; nothing was "
                            "imported.", hint="Export a new bundle on the machine that made it.")
    return records


def _parse_line(path: Path, member: str, number: int, table: str, line: bytes) -> dict[str, Any]:
    try:
        return parse_record(table, json.loads(line))
    except (ValueError, FieldProblem) as exc:  # JSONDecodeError is a ValueError
        raise BundleInvalid(f"{path}: {member}:{number}: {exc}.") from exc


def _check_references(path: Path, bundle: Bundle) -> None:
    """Each record must point at a learner and device of the same bundle, and be there once."""
    numbers = _unique(path, bundle, "learners", lambda r: r["employee_no"])
    devices = _unique(path, bundle, "devices", lambda r: r["id"])
    _unique(path, bundle, "attempts", lambda r: r["id"])
    _unique(path, bundle, "lesson_progress",
            lambda r: (r["employee_no"], r["pack_id"], r["module_id"]))
    for table in ("enrollments", "lesson_progress", "attempts"):
        member = MEMBERS[table]
        for line, record in enumerate(bundle.records[table], start=1):
            if record["employee_no"] not in numbers:
                raise BundleInvalid(f"{path}: {member}:{line}: employee number "
                                    f"{record['employee_no']} is not in {MEMBERS['learners']}.")
            if table == "attempts" and record.get("device_id") not in (None, *devices):
                raise BundleInvalid(f"{path}: {member}:{line}: unknown device.")


def _unique(path: Path, bundle: Bundle, table: str, key: Callable[[dict[str, Any]], Any]
            ) -> set[Any]:
    seen: set[Any] = set()
    for line, record in enumerate(bundle.records[table], start=1):
        value = key(record)
        if value in seen:
            raise BundleInvalid(f"{path}: {MEMBERS[table]}:{line}: appears twice ({value}).")
        seen.add(value)
    return seen


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
