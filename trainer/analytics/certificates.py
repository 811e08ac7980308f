"""Course certificates: issued once per learner and course after a passed final assessment.

The verification code is an HMAC-SHA256 of the certificate's fields under a random secret kept in
the data folder (``paths.secret_file``, mode 0600), cut to 80 bits and written as four groups
of base32 (``ABCD-EFGH-JKLM-NPQR``): short enough to type, impossible to guess or to forge
without the secret. Each issue is recorded in the append-only audit log (action
``certificate.issue``) with the exact fields printed, so verification finds what was issued even
after a name is corrected, and recomputes the code to detect a record altered behind the app's back.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from trainer.analytics.assessment import assessment_result
from trainer.analytics.errors import CertificateError
from trainer.config import Paths
from trainer.content.model import Pack
from trainer.store.models import AuditEntry
from trainer.store.permissions import Actor, require_self_or

ACTION = "certificate.issue"
CODE_BYTES = 10  # 80 bits → 16 base32 characters
_CONFUSABLE = str.maketrans({"0": "O", "1": "I", "8": "B"})


@dataclass(frozen=True)
class Certificate:
    code: str
    learner_id: int
    name: str
    employee_no: str
    pack_id: str
    course: str  # the course title when issued
    passed_on: date  # local day of the passing sitting
    score: int  # percent, rounded
    issued_at: datetime


@dataclass(frozen=True)
class Verification:
    status: str  # "valid" | "unknown" (no such code here) | "altered" (record does not match)
    certificate: Certificate | None
    record: Any = None  # a 学时证明 (analytics.credit_records.CreditRecord) with this code


def load_secret(paths: Paths) -> bytes:
    """This data folder's certificate key; created on first use, readable by the owner only."""
    file = paths.secret_file
    if not file.exists():
        _create_secret(file)
    secret = file.read_bytes()
    if len(secret) < 16:
        raise CertificateError(f"The certificate key {file} is damaged (too short).",
                               hint="Restore it from a backup of the data folder; "
                                    "certificates issued with it cannot be checked "
                                    "without it.")
    return secret


def _create_secret(file: Path) -> None:
    """Written in full under a temporary name, then linked into place: a process killed
    half-way never leaves an empty key behind (it would refuse every later certificate), and
    of two processes creating one at once, the first link wins and both use it."""
    temporary = file.with_name(f"{file.name}.{os.getpid()}.partial")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(secrets.token_bytes(32))
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(temporary, file)
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links (FAT on a USB stick)
        if not file.exists():
            os.replace(temporary, file)
    finally:
        temporary.unlink(missing_ok=True)


def certificate_code(secret: bytes, *, employee_no: str, name: str, pack_id: str,
                     passed_on: date, score: int) -> str:
    """The code printed on a certificate: HMAC of its fields, 80 bits in base32 groups."""
    message = "\x1f".join(("trainer-certificate-v1", employee_no, name, pack_id,
                           passed_on.isoformat(), str(score))).encode("utf-8")
    digest = hmac.new(secret, message, hashlib.sha256).digest()[:CODE_BYTES]
    text = base64.b32encode(digest).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def normalise_code(text: str) -> str:
    """Accept a code typed with spaces, dashes, lower case, or 0/1/8 for O/I/B."""
    compact = re.sub(r"[\s\-_.]", "", text).upper().translate(_CONFUSABLE)
    if len(compact) != 16 or not re.fullmatch(r"[A-Z2-7]{16}", compact):
        raise CertificateError(
            f"{text.strip()!r} is not a certificate code.",
            hint="A code has 16 letters and digits in four groups, e.g. ABCD-EFGH-JKLM-NPQR.")
    return "-".join(compact[i:i + 4] for i in range(0, 16, 4))


def _from_detail(detail: dict[str, Any], at: datetime) -> Certificate:
    return Certificate(detail["code"], int(detail["learner_id"]), detail["name"],
                       detail["employee_no"], detail["pack_id"], detail["course"],
                       date.fromisoformat(detail["passed_on"]), int(detail["score"]), at)


def all_certificates(db: Any) -> list[Certificate]:
    """Every certificate issued from this data folder, oldest first."""
    query = (select(AuditEntry.detail, AuditEntry.at).where(AuditEntry.action == ACTION)
             .order_by(AuditEntry.id))
    with db.reader() as session:
        return [_from_detail(dict(detail), at) for detail, at in session.execute(query)]


def certificates_of(db: Any, learner_id: int) -> list[Certificate]:
    """Certificates issued to a learner, oldest first."""
    return [c for c in all_certificates(db) if c.learner_id == learner_id]


def issue_certificate(db: Any, paths: Paths, learner_id: int, pack: Pack, *,
                      actor: Actor | None) -> Certificate:
    """The learner's certificate for the course: the one already issued, else a new one.

    Learners issue their own; HR and administrators (the command line) anyone's, recorded as
    theirs. Raises CertificateError when the final assessment has not been passed.
    """
    from trainer.store import audit
    from trainer.store.learners import get_learner

    require_self_or(actor, learner_id, "hr")
    for issued in certificates_of(db, learner_id):
        if issued.pack_id == pack.id:
            return issued
    learner = get_learner(db, learner_id)
    result = assessment_result(db, learner_id, pack)
    if result is None or not result.passed:
        best = f"best score {result.score:.0f}" if result else "no sitting yet"
        raise CertificateError(
            f"{learner.name} has not passed the final assessment of “{pack.title}” "
            f"({best}; pass mark {result.pass_mark if result else pack.pass_mark}).",
            hint="A certificate is issued once the final assessment is passed.")
    passed_on = result.finished_at.astimezone().date()
    score = round(result.score)
    code = certificate_code(load_secret(paths), employee_no=learner.employee_no,
                            name=learner.name, pack_id=pack.id, passed_on=passed_on,
                            score=score)
    detail = {"code": code, "learner_id": learner.id, "name": learner.name,
              "employee_no": learner.employee_no, "pack_id": pack.id, "course": pack.title,
              "passed_on": passed_on.isoformat(), "score": score}
    audit.record(db, actor, ACTION, detail)
    return certificates_of(db, learner_id)[-1]


def verify_certificate(db: Any, paths: Paths, code: str) -> Verification:
    """Look a code up in this data folder's records and check it against the key."""
    wanted = normalise_code(code)
    found = next((c for c in all_certificates(db) if c.code == wanted), None)
    if found is None:  # perhaps a learning record (学时证明): same kind of code
        from trainer.analytics.credit_records import verify_record

        return verify_record(db, paths, wanted)
    fields = asdict(found)
    expected = certificate_code(load_secret(paths), employee_no=fields["employee_no"],
                                name=fields["name"], pack_id=fields["pack_id"],
                                passed_on=found.passed_on, score=found.score)
    status = "valid" if hmac.compare_digest(expected, wanted) else "altered"
    return Verification(status, found)
