"""``trainer plan new|list|show|assign|export|import|report``: training plans (学习计划).

The command line acts as the data folder's administrator (DESIGN §7); every change, export
and import is recorded in the audit log as "command line". Courses and job roles are checked
against the installed packs, units and people against the database; a plan that names
anything unknown is refused whole, with what and where.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from trainer.errors import UsageError


def register(subparsers: Any) -> None:
    plan = subparsers.add_parser("plan", help="training plans (学习计划): 学时 and compulsory "
                                              "courses")
    sub = plan.add_subparsers(dest="plan_command", metavar="ACTION")
    new = sub.add_parser("new", help="create a plan",
                         description="A plan asks its people for a number of 学时 in a period "
                                     "and for compulsory courses, each by an optional deadline.")
    new.add_argument("name", metavar="NAME")
    period = new.add_mutually_exclusive_group(required=True)
    period.add_argument("--year", type=int, help="the calendar year, e.g. 2026")
    period.add_argument("--from", dest="starts", metavar="DATE", help="first day (YYYY-MM-DD)")
    new.add_argument("--to", dest="ends", metavar="DATE", help="last day, with --from")
    new.add_argument("--hours", required=True, metavar="学时", help="required 学时, e.g. 50")
    new.add_argument("--compulsory", action="append", default=[], metavar="ID[@DATE]",
                     help="a compulsory course (pack id), optionally with its deadline: "
                          "data-security@2026-06-30; repeat for more")
    new.add_argument("--elective", action="append", default=[], metavar="ID",
                     help="an elective course whose 学时 count toward the total; repeat for "
                          "more (none: every course counts)")
    _audience_options(new)
    new.set_defaults(func=run_new)
    sub.add_parser("list", help="every plan").set_defaults(func=run_list)
    show = sub.add_parser("show", help="a plan's courses, deadlines and audience")
    show.add_argument("name", metavar="NAME")
    show.set_defaults(func=run_show)
    assign = sub.add_parser("assign", help="give a plan to units, job roles or people")
    assign.add_argument("name", metavar="NAME")
    _audience_options(assign)
    assign.set_defaults(func=run_assign)
    export = sub.add_parser("export", help="write a plan to a signed file for other machines")
    export.add_argument("name", metavar="NAME")
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="e.g. 2026年度学习计划.trainer-plan")
    export.set_defaults(func=run_export)
    imp = sub.add_parser("import", help="add or update a plan from a signed plan file")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--trust-new-device", action="store_true",
                     help="approve the device that signed FILE when it is new here (compare "
                          "its key with 'trainer progress device' on that machine first)")
    imp.set_defaults(func=run_import)
    report = sub.add_parser("report", help="each person's 学时 and compulsory courses, per "
                                           "unit roll-ups and the overdue list")
    report.add_argument("name", metavar="NAME")
    report.add_argument("--unit", metavar="PATH", help="only this unit and its sub-units")
    report.add_argument("-o", "--output", metavar="FILE",
                        help="write CSV, XLSX or PDF (by extension) instead of printing")
    report.add_argument("--table", choices=("people", "units", "overdue"), default="people",
                        help="CSV only: which table (default people)")
    report.add_argument("--language", choices=("zh_CN", "en"),
                        help="language of headers (default: the app's language)")
    report.set_defaults(func=run_report)


def _audience_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unit", action="append", default=[], metavar="PATH",
                        help="a unit with its sub-units, e.g. 临江市财政局 or 临江市财政局/预算科")
    parser.add_argument("--role", action="append", default=[], metavar="ID",
                        help="a job-role profile, e.g. data-steward")
    parser.add_argument("--person", action="append", default=[], metavar="EMPLOYEE_NO",
                        help="one person")


def _audience(args: argparse.Namespace) -> tuple[tuple[str, str], ...]:
    return tuple([("unit", v) for v in args.unit] + [("role", v) for v in args.role]
                 + [("person", v) for v in args.person])


def catalogue(ctx: Any) -> tuple[list[Any], set[str], set[str]]:
    """The installed packs, their ids and the job roles their frameworks define."""
    from trainer.analytics.plan_report import plan_catalogue
    from trainer.config import bundled_courses_dir
    from trainer.content.library import Library

    packs = Library(ctx.paths.packs_dir, bundled_courses_dir(),
                    cache_dir=ctx.paths.cache_dir).packs()
    return packs, *plan_catalogue(packs)


def _day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"The {what} {text!r} is not a date.",
                         hint="Write it as YYYY-MM-DD, for example 2026-06-30.") from None


def _courses(args: argparse.Namespace) -> tuple[Any, ...]:
    from trainer.store.plan_spec import PlanCourse

    found = []
    for item in args.compulsory:
        pack, _, deadline = item.partition("@")
        found.append(PlanCourse(pack.strip(), True,
                                _day(deadline, f"deadline of {pack}") if deadline else None))
    found += [PlanCourse(item.strip(), False) for item in args.elective]
    return tuple(found)


def run_new(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.store.permissions import COMMAND_LINE
    from trainer.store.plan_spec import PlanSpec, parse_hours, year_period
    from trainer.store.plans import create_plan

    if args.year is not None:
        if args.ends:
            raise UsageError("--to goes with --from, not --year.")
        if not 2000 <= args.year <= 2100:
            raise UsageError(f"The year {args.year} is out of range.", hint="e.g. --year 2026")
        starts, ends = year_period(args.year)
    else:
        if not args.ends:
            raise UsageError("--from needs --to (the last day of the plan).")
        starts, ends = _day(args.starts, "--from date"), _day(args.ends, "--to date")
    try:
        hours = parse_hours(args.hours, "--hours")
    except ValueError as exc:
        raise UsageError(f"{exc}.", hint="Give the required 学时 as a number, e.g. 50.") from None
    packs, courses, roles = catalogue(ctx)
    spec = create_plan(ctx.database(), PlanSpec(args.name, starts, ends, hours, _courses(args),
                                                _audience(args)),
                       actor=COMMAND_LINE, courses=courses, roles=roles)
    print(f"Created the plan {spec.name} ({spec.starts_on} – {spec.ends_on}, "
          f"{spec.required_hours} 学时, {len(spec.compulsory)} compulsory, "
          f"{len(spec.electives)} elective courses).")
    return 0


def run_list(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.store.plans import list_plans

    plans = list_plans(ctx.database())
    if not plans:
        print("No plans yet; create one with 'trainer plan new'.")
    for spec in plans:
        print(f"{spec.name}\t{spec.starts_on} – {spec.ends_on}\t{spec.required_hours} 学时\t"
              f"{len(spec.compulsory)} compulsory\t{len(spec.audience)} assigned")
    return 0


def run_show(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.store.plans import get_plan

    spec = get_plan(ctx.database(), args.name)
    print(f"{spec.name}  (revision {spec.revision}, id {spec.uid})")
    print(f"Period: {spec.starts_on} – {spec.ends_on}; required: {spec.required_hours} 学时")
    for course in spec.compulsory:
        print(f"  必修 {course.pack_id}" + (f"  by {course.deadline}" if course.deadline else ""))
    for course in spec.electives:
        print(f"  选修 {course.pack_id}")
    if not spec.electives:
        print("  every course counts toward the 学时")
    for kind, value in spec.audience:
        print(f"  for {kind}: {value}")
    if not spec.audience:
        print("  assigned to nobody yet ('trainer plan assign')")
    return 0


def run_assign(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.store.permissions import COMMAND_LINE
    from trainer.store.plans import assign_plan

    audience = _audience(args)
    if not audience:
        raise UsageError("Name whom to assign the plan to.",
                         hint="Add --unit PATH, --role ID or --person EMPLOYEE_NO.")
    _, _, roles = catalogue(ctx)
    spec = assign_plan(ctx.database(), args.name, audience, actor=COMMAND_LINE, roles=roles)
    print(f"The plan {spec.name} is now for: "
          + ", ".join(f"{k} {v}" for k, v in spec.audience) + ".")
    return 0


def run_export(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.exchange.keys import local_signer
    from trainer.exchange.plan_files import export_plan
    from trainer.store.permissions import COMMAND_LINE

    out = Path(args.output).expanduser()
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder.", hint="Create it or choose another.")
    db = ctx.database()
    export_plan(db, args.name, out, actor=COMMAND_LINE)
    print(f"Wrote {out}, signed with key {local_signer(db).fingerprint}.")
    return 0


def run_import(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.exchange.plan_files import import_plan_file, read_plan_file
    from trainer.store.permissions import COMMAND_LINE

    plan_file = read_plan_file(Path(args.file).expanduser())
    _, courses, roles = catalogue(ctx)
    outcome, spec, signer = import_plan_file(ctx.database(), plan_file, actor=COMMAND_LINE,
                                             courses=courses, roles=roles,
                                             trust_new_device=args.trust_new_device)
    said = {"created": "Added", "updated": "Updated",
            "unchanged": "Already up to date:"}[outcome]
    print(f"{said} the plan {spec.name} (revision {spec.revision}), signed by {signer.name}, "
          f"key {signer.fingerprint}.")
    return 0


def run_report(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.analytics import summaries
    from trainer.analytics.plan_report import plan_report
    from trainer.commands.report import report_language
    from trainer.store.permissions import COMMAND_LINE

    packs, _, _ = catalogue(ctx)
    db = ctx.database()
    summaries.ensure(db, packs)  # the ledger knows every installed course's 学时
    unit = _unit(db, args.unit)
    report = plan_report(db, args.name, packs, actor=COMMAND_LINE, unit=unit)
    if not args.output:
        _print_report(report)
        return 0
    from trainer.commands.report import SUFFIXES
    from trainer.reports.plan_export import export_plan_report

    out = Path(args.output).expanduser()
    fmt = SUFFIXES.get(out.suffix.lower())
    if fmt is None:
        raise UsageError(f"Cannot tell the format from {args.output!r}.",
                         hint="Name the file .csv, .xlsx or .pdf.")
    written = export_plan_report(db, report, out, fmt, actor=COMMAND_LINE,
                                 language=report_language(args, ctx), table=args.table)
    noun = {"csv": "rows", "xlsx": "sheets", "pdf": "pages"}[fmt]
    print(f"Wrote {out} ({written} {noun}).")
    return 0


def _unit(db: Any, unit: str | None) -> str | None:
    from trainer.store.departments import list_departments

    if unit is None:
        return None
    names = [d.name for d in list_departments(db)]
    if unit not in names:
        raise UsageError(f"No unit named {unit!r}.",
                         hint=f"Units: {', '.join(names[:20]) or 'none yet'}.")
    return unit


def _print_report(report: Any) -> None:
    plan = report.plan
    print(f"{plan.name}: {plan.starts_on} – {plan.ends_on}, {plan.required_hours} 学时 "
          f"required; as of {report.today}")
    print("Units (each with its sub-units): people, completed the plan, overdue, mean 学时")
    for unit in report.units:
        label = "  " * unit.depth + (unit.unit or "(no unit)")
        print(f"  {label}\t{unit.people}\t{unit.complete} ({100 * unit.share:.0f}%)\t"
              f"{unit.overdue}\t{unit.mean_hours}")
    print(f"Overdue: {len(report.overdue)} people")
    for person in report.overdue:
        courses = ", ".join(f"{c.pack_id} (by {c.deadline})" for c in person.overdue)
        print(f"  {person.employee_no}\t{person.name}\t{person.unit or ''}\t{courses}")


def export_credit_table(args: argparse.Namespace, ctx: Any, db: Any, packs: list[Any],
                        flt: Any, out: Path) -> int:
    """``trainer report export --table credits`` (CSV): 学时 per person against their plans."""
    from trainer.analytics.credit_table import credit_rows
    from trainer.commands.report import report_language
    from trainer.reports.plan_export import export_credits
    from trainer.store.permissions import COMMAND_LINE

    if flt.course is not None or flt.since is not None or flt.until is not None:
        raise UsageError("--table credits covers this year's 学时 of every course.",
                         hint="Drop --course, --since and --until (--department and --role "
                              "apply).")
    from trainer.analytics import summaries

    summaries.ensure(db, packs)
    rows = credit_rows(db, packs, actor=COMMAND_LINE, flt=flt)
    written = export_credits(db, rows, out, actor=COMMAND_LINE,
                             language=report_language(args, ctx),
                             filters={"department": flt.department, "role": flt.role})
    print(f"Wrote {out} ({written} rows).")
    return 0
