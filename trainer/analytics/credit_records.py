"""学时证明 (learning record): a person's 学时 of a year, course by course, with the same kind of
verification code as course certificates, so ``trainer certificate verify`` checks it.

Issuing one is recorded in the audit log (action ``credits.record``) with the exact figures
printed; the code is an HMAC of those figures under the data folder's certificate key
(``certificates.load_secret``). A record issued again on the same day with the same figures
gets the same code, and no second audit entry.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from trainer.analytics.assessment import AssessmentResult, assessment_result
from trainer.analytics.certificates import CODE_BYTES, Verification, load_secret
from trainer.analytics.credits import Award, awards_for
from trainer.config import Paths
from trainer.content.model import Pack
from trainer.store import audit
from trainer.store.credit_rule import load_rule
from trainer.store.learners import fresh_actor, get_learner
from trainer.store.models import AuditEntry
from trainer.store.permissions import Actor, require_self_or

ACTION = "credits.record"


@dataclass(frozen=True)
class CourseLine:
    """One course of a learning record: its 学时 in the period and its final's result."""

    pack_id: str
    title: str
    hours: Decimal
    first: date  # the first and last award's local dates
    last: date
    modules: int  # modules completed in the period
    result: AssessmentResult | None  # the final assessment (None: none taken, or no pack)
    assessed_on: date | None = None  # local date its (first passing, else best) sitting began


@dataclass(frozen=True)
class CreditRecord:
    code: str
    learner_id: int
    name: str
    employee_no: str
    department: str
    year: int | None  # None: every year
    hours: Decimal
    issued_on: date
    courses: tuple[CourseLine, ...] = ()
    awards: tuple[Award, ...] = ()


def record_code(secret: bytes, *, employee_no: str, name: str, year: int | None, hours: str,
                issued_on: str, digest: str) -> str:
    """HMAC of the printed figures: 80 bits in four base32 groups (as certificates)."""
    import base64

    message = "\x1f".join(("trainer-credits-v1", employee_no, name, str(year or "all"), hours,
                           issued_on, digest)).encode("utf-8")
    raw = hmac.new(secret, message, hashlib.sha256).digest()[:CODE_BYTES]
    text = base64.b32encode(raw).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def _digest(awards: Sequence[Award]) -> str:
    """A fingerprint of the award lines printed (so a record's figures cannot be swapped)."""
    lines = "\n".join(f"{a.pack_id}|{a.module_id or ''}|{a.source}|{a.hours}|"
                      f"{a.earned_at.isoformat()}" for a in awards)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()[:32]


def _courses(db: Any, learner_id: int, awards: Sequence[Award], packs: Sequence[Pack],
             zone: Any) -> tuple[CourseLine, ...]:
    by_pack: dict[str, list[Award]] = {}
    for award in awards:
        by_pack.setdefault(award.pack_id, []).append(award)
    known = {p.id: p for p in packs}
    lines = []
    for pack_id, found in by_pack.items():
        pack = known.get(pack_id)
        # the final's result, from the one function that decides passing (certificates too)
        result = assessment_result(db, learner_id, pack) if pack is not None else None
        days = [a.earned_at.astimezone(zone).date() for a in found]
        lines.append(CourseLine(pack_id, pack.title if pack else found[0].pack_title,
                                sum((a.hours for a in found), Decimal("0.00")), min(days),
                                max(days), sum(a.source == "module" for a in found), result,
                                result.started_at.astimezone(zone).date() if result else None))
    return tuple(sorted(lines, key=lambda c: (c.first, c.pack_id)))


def issue_record(db: Any, paths: Paths, learner_id: int, year: int | None,
                 packs: Sequence[Pack], *, actor: Actor | None) -> CreditRecord:
    """The learner's learning record for ``year`` (None: all years), issued today.

    HR and administrators issue anyone's, a learner their own; recorded in the audit log.
    """
    with db.reader() as session:
        who = fresh_actor(session, actor)
        rule = load_rule(session)
        awards = tuple(awards_for(session, learner_id, year))
    require_self_or(who, learner_id, "hr")
    learner = get_learner(db, learner_id)
    hours = sum((a.hours for a in awards), Decimal("0.00"))
    issued_on = rule.local_date(datetime.now().astimezone())
    digest = _digest(awards)
    code = record_code(load_secret(paths), employee_no=learner.employee_no, name=learner.name,
                       year=year, hours=str(hours), issued_on=issued_on.isoformat(),
                       digest=digest)
    detail = {"code": code, "learner_id": learner.id, "name": learner.name,
              "employee_no": learner.employee_no, "department": learner.department or "",
              "year": year, "hours": str(hours), "issued_on": issued_on.isoformat(),
              "digest": digest, "awards": len(awards)}
    if _find(db, code) is None:
        audit.record(db, who, ACTION, detail)
    return CreditRecord(code, learner.id, learner.name, learner.employee_no,
                        learner.department or "", year, hours, issued_on,
                        _courses(db, learner_id, awards, packs, rule.zone), awards)


def _find(db: Any, code: str) -> dict[str, Any] | None:
    query = select(AuditEntry.detail).where(AuditEntry.action == ACTION) \
        .order_by(AuditEntry.id)
    with db.reader() as session:
        for detail in session.scalars(query):
            if isinstance(detail, dict) and detail.get("code") == code:
                return detail
    return None


def verify_record(db: Any, paths: Paths, code: str) -> Verification:
    """Look a (normalised) code up among issued learning records and check it against the key."""
    detail = _find(db, code)
    if detail is None:
        return Verification("unknown", None)
    record = CreditRecord(detail["code"], int(detail["learner_id"]), detail["name"],
                          detail["employee_no"], detail.get("department", ""),
                          detail.get("year"), Decimal(detail["hours"]),
                          date.fromisoformat(detail["issued_on"]))
    expected = record_code(load_secret(paths), employee_no=record.employee_no,
                           name=record.name, year=record.year, hours=detail["hours"],
                           issued_on=detail["issued_on"], digest=detail.get("digest", ""))
    status = "valid" if hmac.compare_digest(expected, code) else "altered"
    return Verification(status, None, record)
