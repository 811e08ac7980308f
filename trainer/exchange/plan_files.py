"""Plan files (``*.trainer-plan``): a training plan carried to machines that never meet a
network, signed like progress bundles and believed under the same trust rules (trust.py).

The file is readable JSON: ``payload`` (format version, the signing device, the plan) and
``signature``, the device's Ed25519 signature of the payload's canonical JSON. Any edit to the
payload breaks the signature, so a plan cannot be changed by hand on the way; a file from a
newer Trainer, an unsigned or damaged one, or a plan naming what this machine does not have
is refused with what and where, and nothing is written.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from trainer import __version__
from trainer.exchange.errors import BundleInvalid
from trainer.exchange.keys import ALGORITHM, local_signer, public_bytes, verify
from trainer.exchange.manifest import BundleManifest
from trainer.exchange.schema import loads
from trainer.exchange.trust import Signer, approve_signer
from trainer.store import audit
from trainer.store.db import Database
from trainer.store.permissions import Actor, require
from trainer.store.plan_spec import PlanCourse, PlanSpec, parse_hours
from trainer.store.plans import get_plan, import_plan, summary

FORMAT = "trainer-plan"
FORMAT_VERSION = 1
SUFFIX = ".trainer-plan"
MAX_BYTES = 2 * 1024**2


@dataclass(frozen=True)
class PlanFile:
    """A plan file whose signature verified: the plan and the device that signed it."""

    path: Path
    spec: PlanSpec
    manifest: BundleManifest  # the signer, in the form the trust rules take


def canonical(payload: dict[str, Any]) -> bytes:
    """The exact bytes signed: key order and spacing fixed, so the reader can rebuild them."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def export_plan(db: Database, name: str, out: Path, *, actor: Actor | None) -> Path:
    """Write the named plan, signed with this device's key, atomically to ``out``."""
    require(actor, "hr")
    spec = get_plan(db, name)
    signer = local_signer(db)
    payload = {"format_version": FORMAT_VERSION, "app_version": __version__,
               "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
               "device": {"id": str(signer.device_id), "name": signer.name,
                          "public_key": signer.public_key},
               "plan": plan_json(spec)}
    body = {"format": FORMAT, "format_version": FORMAT_VERSION, "payload": payload,
            "signature": {"algorithm": ALGORITHM, "signature": signer.sign(canonical(payload))}}
    out = Path(out)
    temp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        temp.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(temp, out)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise BundleInvalid(f"Cannot write {out}: {exc.strerror or exc}",
                            hint="Choose a folder you can write to.") from exc
    audit.record(db, actor, audit.PLAN_EXPORT, {**summary(spec), "file": out.name})
    return out


def plan_json(spec: PlanSpec) -> dict[str, Any]:
    return {"uid": str(spec.uid), "revision": spec.revision, "name": spec.name,
            "starts_on": spec.starts_on.isoformat(), "ends_on": spec.ends_on.isoformat(),
            "required_hours": str(spec.required_hours),
            "compulsory": [{"course": c.pack_id,
                            "deadline": c.deadline.isoformat() if c.deadline else None}
                           for c in spec.compulsory],
            "electives": [c.pack_id for c in spec.electives],
            "audience": [{"kind": k, "value": v} for k, v in spec.audience]}


def read_plan_file(path: Path) -> PlanFile:
    """The plan in ``path`` once its format and signature check out; BundleInvalid otherwise."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise BundleInvalid(f"{path}: too large for a plan file "
                                f"({path.stat().st_size:,} bytes).")
        body = loads(path.read_bytes())
    except OSError as exc:
        raise BundleInvalid(f"Cannot read {path}: {exc.strerror or exc}") from exc
    except (ValueError, RecursionError) as exc:
        raise BundleInvalid(f"{path}: not a plan file (not valid JSON: {exc}).",
                            hint="Export the plan again with 'trainer plan export'.") from exc
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise BundleInvalid(f"{path}: not a plan file.",
                            hint="Plan files are made by 'trainer plan export'.")
    payload = body.get("payload")
    version = payload.get("format_version") if isinstance(payload, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BundleInvalid(f"{path}: the plan file has no valid format_version.")
    if version > FORMAT_VERSION:
        raise BundleInvalid(f"{path}: made by a newer Trainer (plan format {version}; this one "
                            f"reads {FORMAT_VERSION}); nothing was imported.",
                            hint="Update Trainer on this machine, then import again.")
    manifest = _signed_by(path, body, payload)
    return PlanFile(path, _parse_plan(path, payload.get("plan")), manifest)


def _signed_by(path: Path, body: dict[str, Any], payload: dict[str, Any]) -> BundleManifest:
    sign, device = body.get("signature"), payload.get("device")
    try:
        valid = (isinstance(sign, dict) and sign.get("algorithm") == ALGORITHM
                 and isinstance(device, dict) and isinstance(device.get("public_key"), str)
                 and isinstance(sign.get("signature"), str)
                 and verify(device["public_key"], canonical(payload), sign["signature"]))
        if valid:
            public_bytes(device["public_key"])
            manifest = BundleManifest(
                FORMAT_VERSION, str(uuid.UUID(str(device["id"]))), str(device["name"])[:200],
                datetime.fromisoformat(str(payload.get("created_at"))),
                str(payload.get("app_version", ""))[:50], {}, device["public_key"])
    except (ValueError, TypeError, KeyError):
        valid = False
    if not valid:
        raise BundleInvalid(f"{path}: the signature does not match the plan: it was edited after "
                            "it was exported (or is not signed); nothing was imported.",
                            hint="Ask for a new plan file exported with 'trainer plan export'.")
    return manifest


def _parse_plan(path: Path, plan: Any) -> PlanSpec:
    """The signed plan's values; a value of the wrong shape names its field."""
    field = "plan"
    try:
        if not isinstance(plan, dict):
            raise ValueError("missing")
        field = "plan.uid"
        uid = uuid.UUID(str(plan["uid"]))
        field = "plan.revision"
        revision = plan["revision"]
        if not isinstance(revision, int) or isinstance(revision, bool):
            raise ValueError(f"{revision!r} is not a whole number")
        field = "plan.name"
        name = _text(plan["name"])
        field = "plan.starts_on"
        starts = date.fromisoformat(plan["starts_on"])
        field = "plan.ends_on"
        ends = date.fromisoformat(plan["ends_on"])
        field = "plan.required_hours"
        hours = parse_hours(plan["required_hours"], "value")
        courses = []
        for n, item in enumerate(plan["compulsory"]):
            field = f"plan.compulsory[{n}]"
            deadline = item.get("deadline")
            courses.append(PlanCourse(_text(item["course"]), True,
                                      None if deadline is None else date.fromisoformat(deadline)))
        for n, course in enumerate(plan["electives"]):
            field = f"plan.electives[{n}]"
            courses.append(PlanCourse(_text(course), False))
        audience = []
        for n, item in enumerate(plan["audience"]):
            field = f"plan.audience[{n}]"
            audience.append((_text(item["kind"]), _text(item["value"])))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise BundleInvalid(f"{path}: {field} is not valid ({exc}); nothing was imported."
                            ) from None
    return PlanSpec(name, starts, ends, hours, tuple(courses), tuple(audience), uid, revision)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not text")
    return value


def import_plan_file(db: Database, path: Path | PlanFile, *, actor: Actor | None,
                     courses: Collection[str] | None, roles: Collection[str] | None,
                     trust_new_device: bool = False) -> tuple[str, PlanSpec, Signer]:
    """Check and store a plan file in one transaction: (created|updated|unchanged, plan,
    signer). UnknownDevice when its device is new here and HR has not approved it."""
    require(actor, "hr")
    plan_file = path if isinstance(path, PlanFile) else read_plan_file(path)
    with db.session() as session:
        signer = approve_signer(session, plan_file.manifest, plan_file.path.name, actor=actor,
                                trust_new_device=trust_new_device)
        outcome = import_plan(db, plan_file.spec, actor=actor, source=plan_file.path.name,
                              courses=courses, roles=roles, session=session)
    return outcome, plan_file.spec, signer
