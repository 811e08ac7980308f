"""``trainer certificate verify|issue|list``: check a certificate code, or issue a certificate
PDF for a learner who passed a course's final assessment."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("certificate", help="course certificates")
    sub = parser.add_subparsers(dest="certificate_command", metavar="ACTION")
    verify = sub.add_parser("verify", help="check a certificate's verification code "
                                           "(exit status 1 when it is not genuine)")
    verify.add_argument("code", metavar="CODE", help="e.g. ABCD-EFGH-JKLM-NPQR")
    verify.set_defaults(func=run_verify)
    issue = sub.add_parser("issue", help="write the certificate PDF of a learner who passed")
    issue.add_argument("employee_no", metavar="EMPLOYEE_NO")
    issue.add_argument("course", metavar="COURSE", help="course (pack) id")
    issue.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF to write")
    issue.set_defaults(func=run_issue)
    listing = sub.add_parser("list", help="certificates issued in this data folder")
    listing.set_defaults(func=run_list)


def describe(cert: Any) -> str:
    return (f"{cert.name} ({cert.employee_no}) passed “{cert.course}” [{cert.pack_id}] on "
            f"{cert.passed_on.isoformat()} with {cert.score} points.")


def run_verify(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.analytics.certificates import verify_certificate

    result = verify_certificate(ctx.database(), ctx.paths, args.code)
    if result.status == "valid" and result.certificate is not None:
        print(f"Genuine: {result.certificate.code}")
        print(describe(result.certificate))
        return 0
    if result.status == "valid" and result.record is not None:  # a 学时证明
        from trainer.reports.credit_record import describe as describe_record

        print(f"Genuine: {result.record.code}")
        print(describe_record(result.record))
        return 0
    if result.status == "altered":
        print(f"NOT genuine: the record of {args.code.strip()} was changed after it was issued.")
        return 1
    print(f"NOT found: no certificate with the code {args.code.strip()} was issued from "
          f"this data folder ({ctx.paths.data_dir}).")
    return 1


def run_issue(args: argparse.Namespace, ctx: Any) -> int:
    from pathlib import Path

    from trainer.analytics.certificates import issue_certificate
    from trainer.config import bundled_courses_dir
    from trainer.content.library import Library
    from trainer.reports.certificate import write_certificate_pdf
    from trainer.store.errors import NotFound
    from trainer.store.learners import find_by_employee_no
    from trainer.store.permissions import COMMAND_LINE

    db = ctx.database()
    learner = find_by_employee_no(db, args.employee_no)
    if learner is None:
        raise NotFound(f"No learner has the employee number {args.employee_no}.",
                       hint="Check the number with `trainer learners list` or the HR roster.")
    pack = Library(ctx.paths.packs_dir, bundled_courses_dir(),
                   cache_dir=ctx.paths.cache_dir).get(args.course)
    cert = issue_certificate(db, ctx.paths, learner.id, pack, actor=COMMAND_LINE)
    written = write_certificate_pdf(cert, Path(args.output).expanduser())
    print(f"Wrote {written}: {describe(cert)} Code {cert.code}.")
    return 0


def run_list(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.analytics.certificates import all_certificates

    found = all_certificates(ctx.database())
    for cert in found:
        print(f"{cert.code}  {describe(cert)}")
    if not found:
        print("No certificates have been issued from this data folder yet.")
    return 0
