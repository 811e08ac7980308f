"""``trainer report export``: the HR report as CSV, XLSX or PDF, without a display.

The command line acts as the data folder's administrator (DESIGN §7); each export is recorded in
the audit log as "command line" with its filters. Headers follow ``--language`` (default: the
settings' interface language, else Chinese).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from trainer.errors import UsageError

SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".pdf": "pdf"}


def register(subparsers: Any) -> None:
    report = subparsers.add_parser("report", help="HR reports")
    sub = report.add_subparsers(dest="report_command", metavar="ACTION")
    export = sub.add_parser(
        "export", help="write the HR report as CSV, XLSX or PDF",
        description="The same figures as the HR screen. CSV is UTF-8 with a byte-order mark "
                    "(Excel on Chinese Windows opens it directly); XLSX has Summary, Learners, "
                    "Competencies and Attempts sheets; PDF has charts and department tables.")
    export.add_argument("--format", choices=("csv", "xlsx", "pdf"),
                        help="file format (default: from the file name's extension)")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    export.add_argument("--course", metavar="ID", help="only this course (pack id)")
    export.add_argument("--department", metavar="NAME", help="only this department")
    export.add_argument("--role", metavar="ID", help="only this job-role profile, e.g. data-steward")
    export.add_argument("--since", metavar="DATE",
                        help="count answers, activity, completions and passes from this local "
                             "day on (YYYY-MM-DD); scores are not limited by it")
    export.add_argument("--until", metavar="DATE",
                        help="up to and including this day; scores are where each learner "
                             "stood at its end")
    export.add_argument("--language", choices=("zh_CN", "en"),
                        help="language of headers and titles (default: the app's language)")
    export.add_argument("--table", choices=("learners", "attempts", "departments", "credits"),
                        default="learners",
                        help="CSV only: one row per learner (default), every answer, one "
                             "row per department and course, or 学时 per person against "
                             "their plans (credits)")
    export.set_defaults(func=run_export)


def output_format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    found = SUFFIXES.get(Path(args.output).suffix.lower())
    if found is None:
        raise UsageError(f"Cannot tell the format from {args.output!r}.",
                         hint="Add --format csv, xlsx or pdf, or name the file .csv/.xlsx/.pdf.")
    return found


def report_language(args: argparse.Namespace, ctx: Any) -> str:
    """--language, else the app's setting, else the system locale when it is English, else zh_CN."""
    if args.language:
        return str(args.language)
    from trainer.config import Settings

    setting = Settings(ctx.paths.settings_file).get("language")
    if setting in ("zh_CN", "en"):
        return str(setting)
    system = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "en" if system.lower().startswith("en") else "zh_CN"


def build_filter(args: argparse.Namespace, db: Any, packs: list[Any]) -> Any:
    """The filter from the options, each value checked against what exists."""
    from trainer.analytics.filters import CohortFilter, parse_day
    from trainer.store.departments import list_departments

    if args.course and args.course not in {p.id for p in packs}:
        known = ", ".join(sorted(p.id for p in packs)) or "none installed"
        raise UsageError(f"No course with id {args.course!r}.", hint=f"Courses: {known}.")
    if args.role:
        from trainer.analytics.scoring import merged_framework

        framework = merged_framework(packs)
        roles = sorted(r.id for r in framework.roles) if framework else []
        if args.role not in roles:
            raise UsageError(f"No job-role profile with id {args.role!r}.",
                             hint=f"Job roles: {', '.join(roles) or 'none defined'}.")
    if args.department:
        names = [d.name for d in list_departments(db)]
        if args.department not in names:
            raise UsageError(f"No department named {args.department!r}.",
                             hint=f"Departments: {', '.join(names) or 'none yet'}.")
    return CohortFilter(
        department=args.department, role=args.role, course=args.course,
        since=parse_day(args.since, "--since date") if args.since else None,
        until=parse_day(args.until, "--until date") if args.until else None)


def run_export(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.config import bundled_courses_dir
    from trainer.content.library import Library
    from trainer.reports.export import export_report
    from trainer.store.permissions import COMMAND_LINE

    fmt = output_format(args)
    if args.table != "learners" and fmt != "csv":
        raise UsageError("--table applies to CSV only.",
                         hint="XLSX and PDF always hold every table; drop --table.")
    out = Path(args.output).expanduser()
    db = ctx.database()
    packs = Library(ctx.paths.packs_dir, bundled_courses_dir(),
                    cache_dir=ctx.paths.cache_dir).packs()
    flt = build_filter(args, db, packs)
    if args.table == "credits":
        from trainer.commands.plan import export_credit_table

        return export_credit_table(args, ctx, db, packs, flt, out)
    result = export_report(db, packs, out, fmt, actor=COMMAND_LINE, filters=flt,
                           language=report_language(args, ctx), table=args.table)
    what = {"csv": f"{result.rows} rows", "xlsx": f"{result.learners} learners, "
            f"{result.rows} of {result.attempts} answers", "pdf": f"{result.rows} pages"}[fmt]
    print(f"Wrote {out} ({what}).")
    if fmt == "xlsx" and result.rows < result.attempts:
        print("The Attempts sheet is full (Excel's row limit); export every answer with "
              "--format csv --table attempts.")
    return 0
