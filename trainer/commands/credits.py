"""``trainer credits show|certificate|rebuild|rule``: 学时 (credit hours) from the command line.

``show`` lists a person's awards of a year; ``certificate`` writes the 学时证明 PDF of a person
or of a whole unit; ``rebuild`` re-derives the ledger from the records; ``rule show|set`` reads
or changes the organisation's rule. Years are counted in the rule's time zone.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("credits", help="学时 (credit hours): awards, learning "
                                                   "records, the organisation's rule")
    sub = parser.add_subparsers(dest="credits_command", metavar="ACTION")
    show = sub.add_parser("show", help="a person's 学时 awards of a year and their total")
    show.add_argument("employee_no", metavar="EMPLOYEE_NO")
    show.add_argument("--year", type=int, help="calendar year (default: this year)")
    show.set_defaults(func=run_show)
    cert = sub.add_parser("certificate", help="write the 学时证明 (learning record) PDF")
    cert.add_argument("employee_no", metavar="EMPLOYEE_NO", nargs="?")
    cert.add_argument("--unit", metavar="DEPT", help="everyone of this department instead")
    cert.add_argument("--year", type=int, help="calendar year (default: this year)")
    cert.add_argument("-o", "--output", required=True, metavar="FILE_OR_DIR",
                      help="PDF to write; with --unit an existing folder gets one PDF a person")
    cert.set_defaults(func=run_certificate)
    rebuild = sub.add_parser("rebuild", help="re-derive the 学时 ledger from the records")
    rebuild.add_argument("--check", action="store_true",
                         help="only compare (exit status 1 when the ledger is out of step)")
    rebuild.set_defaults(func=run_rebuild)
    rule = sub.add_parser("rule", help="the organisation's 学时 rule")
    rule_sub = rule.add_subparsers(dest="rule_command", metavar="ACTION")
    rule_show = rule_sub.add_parser("show", help="print the rule in force")
    rule_show.set_defaults(func=run_rule_show)
    rule_set = rule_sub.add_parser("set", help="change the rule (re-derives every award)")
    rule_set.add_argument("--band", action="append", metavar="MINUTES=HOURS",
                          help="a module of at least MINUTES minutes earns HOURS; repeat for "
                               "each band, one of them 0=… (replaces all bands)")
    rule_set.add_argument("--assessment", metavar="HOURS",
                          help="学时 added for a passed final assessment")
    rule_set.add_argument("--utc-offset", metavar="+HH:MM",
                          help="time zone years are counted in (default +08:00)")
    rule_set.set_defaults(func=run_rule_set)


def _library_packs(ctx: Any) -> list[Any]:
    from trainer.config import bundled_courses_dir
    from trainer.content.library import Library

    return list(Library(ctx.paths.packs_dir, bundled_courses_dir(),
                        cache_dir=ctx.paths.cache_dir).packs())


def _ready(ctx: Any) -> tuple[Any, list[Any]]:
    """The database with the library's packs registered (their 学时 data current)."""
    from trainer.analytics import summaries

    db = ctx.database()
    packs = _library_packs(ctx)
    summaries.ensure(db, packs)
    return db, packs


def _learner(db: Any, number: str) -> Any:
    from trainer.store.errors import NotFound
    from trainer.store.learners import find_by_employee_no

    learner = find_by_employee_no(db, number)
    if learner is None:
        raise NotFound(f"No learner has the employee number {number}.",
                       hint="Check the number in the HR roster.")
    return learner


def _year(db: Any, year: int | None) -> int:
    from trainer.errors import UsageError
    from trainer.store.credit_rule import load_rule

    if year is not None:
        if not 2000 <= year <= 2100:
            raise UsageError(f"--year {year} is not a year Trainer keeps records for "
                             "(2000-2100).")
        return year
    with db.reader() as session:
        return load_rule(session).local_date(datetime.now().astimezone()).year


def run_show(args: argparse.Namespace, ctx: Any) -> int:
    from decimal import Decimal

    from trainer.analytics.credits import awards_for
    from trainer.content.credits import shown
    from trainer.store.credit_rule import load_rule

    db, _ = _ready(ctx)
    learner = _learner(db, args.employee_no)
    year = _year(db, args.year)
    with db.reader() as session:
        awards = awards_for(session, learner.id, year)
        zone = load_rule(session).zone
    print(f"{learner.name} ({learner.employee_no}), {year}:")
    for award in awards:
        what = "final assessment passed" if award.source == "assessment" else award.title
        print(f"  {award.earned_at.astimezone(zone):%Y-%m-%d}  {shown(award.hours):>5}  "
              f"{award.pack_title} · {what}")
    total = sum((a.hours for a in awards), Decimal("0.00"))
    print(f"Total: {shown(total)} 学时 ({len(awards)} award(s)).")
    return 0


def run_certificate(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.analytics.credit_records import issue_record
    from trainer.errors import UsageError
    from trainer.reports.credit_record import describe, write_record_pdf
    from trainer.store.learners import find_learners
    from trainer.store.permissions import COMMAND_LINE

    if (args.employee_no is None) == (args.unit is None):
        raise UsageError("Give either an EMPLOYEE_NO or --unit DEPT (not both).")
    db, packs = _ready(ctx)
    year = _year(db, args.year)
    if args.unit is not None:
        people = find_learners(db, department=args.unit)
        if not people:
            from trainer.store.errors import NotFound

            raise NotFound(f"No active learner belongs to the department {args.unit!r}.",
                           hint="Check the department name in the HR roster (exact spelling).")
    else:
        people = [_learner(db, args.employee_no)]
    records = [issue_record(db, ctx.paths, p.id, year, packs, actor=COMMAND_LINE)
               for p in people]
    out = Path(args.output).expanduser()
    if args.unit is not None and out.is_dir():
        for record in records:
            target = out / f"{record.employee_no}-学时证明-{year}.pdf"
            write_record_pdf([record], target)
            print(f"Wrote {target}: {describe(record)} Code {record.code}.")
        return 0
    pages = write_record_pdf(records, out)
    for record in records:
        print(f"{describe(record)} Code {record.code}.")
    print(f"Wrote {out} ({len(records)} person(s), {pages} page(s)).")
    return 0


def run_rebuild(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.analytics.credits import rebuild
    from trainer.store.permissions import COMMAND_LINE

    db, _ = _ready(ctx)
    if args.check:
        from trainer.store import credits

        with db.reader() as session:
            found = credits.differences(session)
        print(f"The 学时 ledger differs from the records in {found.total} place(s): "
              f"{found.added} award(s) missing, {found.changed} different, {found.removed} "
              "not earned." if found.total else "The 学时 ledger is in step with the records.")
        return 1 if found.total else 0
    result = rebuild(db, actor=COMMAND_LINE)
    state = "was already in step with the records" if not result.total else "is rebuilt"
    print(f"The 学时 ledger {state}: {result.added} award(s) added, {result.changed} "
          f"corrected, {result.removed} removed.")
    return 0


def run_rule_show(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.analytics.credits import current_rule

    for line in current_rule(ctx.database()).describe():
        print(line)
    return 0


def run_rule_set(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.analytics.credits import current_rule, set_rule
    from trainer.errors import UsageError
    from trainer.store.credit_rule import make_rule, parse_offset
    from trainer.store.permissions import COMMAND_LINE

    if args.band is None and args.assessment is None and args.utc_offset is None:
        raise UsageError("Nothing to change: give --band, --assessment or --utc-offset "
                         "(see `trainer credits rule set --help`).")
    db, _ = _ready(ctx)
    old = current_rule(db)
    bands: list[Any] = list(old.bands)
    if args.band is not None:
        bands = []
        for text in args.band:
            minutes, sep, hours = text.partition("=")
            if not sep or not minutes.strip().isdigit():
                raise UsageError(f"--band {text!r}: write MINUTES=HOURS, e.g. --band 30=1.")
            bands.append((int(minutes), hours))
    offset = old.utc_offset_minutes if args.utc_offset is None else parse_offset(args.utc_offset)
    rule = make_rule(bands, old.assessment if args.assessment is None else args.assessment,
                     offset)
    result = set_rule(db, rule, actor=COMMAND_LINE)
    for line in rule.describe():
        print(line)
    print(f"In force; the ledger follows it: {result.added} award(s) added, {result.changed} "
          f"changed, {result.removed} removed.")
    return 0
