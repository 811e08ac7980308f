"""``trainer learners import FILE``: a CSV (UTF-8 or GB18030) or XLSX roster into the database.

All rows or none: any problem row stops the import (every problem is listed as FILE:LINE) unless
``--skip-bad`` imports the good rows and lists the skipped ones. The command line acts as the
data folder's administrator (DESIGN §7); the audit log records "command line".
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from trainer.errors import UsageError

FIELD_TITLES = {"employee_no": "employee number", "name": "name", "department": "department",
                "role": "role", "email": "email", "pin": "PIN"}


def register(subparsers: Any) -> None:
    learners = subparsers.add_parser("learners", help="learner roster")
    sub = learners.add_subparsers(dest="learners_command", metavar="ACTION")
    imp = sub.add_parser(
        "import", help="import a roster (CSV in UTF-8 or GB18030, or XLSX)",
        description="Columns: 工号/employee number, 姓名/name, 部门/department, and optionally "
                    "角色/role (学员, 培训师, 人事, 管理员), 邮箱/email, PIN. Existing learners are "
                    "updated by employee number; empty cells keep what is stored.")
    imp.add_argument("file", metavar="FILE", help="roster file (.csv, .txt or .xlsx)")
    imp.add_argument("--skip-bad", action="store_true",
                     help="import the good rows even when some rows have problems")
    imp.add_argument("--dry-run", action="store_true",
                     help="show what would change and every problem, write nothing")
    imp.add_argument("--sheet", metavar="NAME",
                     help="the workbook sheet to read (default: the first sheet whose header "
                          "names 工号 and 姓名)")
    imp.add_argument("--encoding", metavar="NAME",
                     help="the text encoding of a CSV file, e.g. gb18030 or cp1252 (default: "
                          "told from the file; asked for when that is not certain)")
    imp.add_argument("--allow-similar-numbers", action="store_true",
                     help="import numbers that differ from others only by leading zeros "
                          "(102 and 000102) as different people")
    imp.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                     help="use COLUMN (header text or 1-based number) for FIELD: "
                          f"{', '.join(FIELD_TITLES)}; repeat for more fields")
    imp.set_defaults(func=run_import)
    template = sub.add_parser("template", help="write a blank roster to fill in (.xlsx or .csv)")
    template.add_argument("-o", "--output", required=True, metavar="FILE",
                          help="roster-template.xlsx, or a .csv name for CSV (UTF-8)")
    template.set_defaults(func=run_template)


def run_template(args: argparse.Namespace, ctx: Any) -> int:
    from pathlib import Path

    from trainer.reports.roster_template import write_roster_template

    out = write_roster_template(Path(args.output).expanduser())
    print(f"Wrote {out}: fill in one person per row, then run 'trainer learners import {out}'.")
    return 0


def parse_mapping(specs: list[str], headers: tuple[str, ...], guessed: dict[str, int]
                  ) -> dict[str, int]:
    """``--map`` options on top of the recognised headers."""
    mapping = dict(guessed)
    for spec in specs:
        field, sep, column = spec.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or field not in FIELD_TITLES:
            raise UsageError(f"--map {spec!r}: use FIELD=COLUMN with FIELD one of "
                             f"{', '.join(FIELD_TITLES)}.")
        if column.isdigit() and 1 <= int(column) <= len(headers):
            index = int(column) - 1
        elif column in headers:
            index = headers.index(column)
        else:
            raise UsageError(f"--map {spec!r}: no column {column!r}; the columns are "
                             f"{', '.join(repr(h) for h in headers)}.")
        mapping = {k: v for k, v in mapping.items() if v != index}
        mapping[field] = index
    return mapping


def run_import(args: argparse.Namespace, ctx: Any) -> int:
    from pathlib import Path

    from trainer.store.permissions import COMMAND_LINE
    from trainer.store.roster import build_preview, guess_mapping, read_roster_table
    from trainer.store.roster_import import RosterInvalid, import_roster, plan_roster

    table = read_roster_table(Path(args.file), sheet=args.sheet, encoding=args.encoding)
    mapping = parse_mapping(args.map, table.headers, guess_mapping(table.headers))
    preview = build_preview(table, mapping)
    if preview.unmapped_required:
        missing = " and ".join(FIELD_TITLES[f] for f in preview.unmapped_required)
        raise RosterInvalid(
            f"{table.source}:{table.header_line}: no column for the {missing}; the columns "
            f"are {', '.join(repr(h) for h in table.headers)}.",
            hint="Name the columns 工号, 姓名, 部门 (or employee number, name, department), "
                 "or map them, e.g. --map employee_no=2 --map name=3.")
    where = f"sheet {table.sheet!r} of " if table.sheet and len(table.sheets) > 1 else ""
    print(f"Read {len(preview.rows)} rows from {where}{table.source.name} ({table.encoding}).")
    for line, text in preview.ignored:
        print(f"{table.source}:{line}: not a person (a total, signature or note below the "
              f"list), not imported: {text}")
    db = ctx.database()
    if args.dry_run:
        return _show_plan(plan_roster(db, preview, actor=COMMAND_LINE,
                                      allow_similar=args.allow_similar_numbers))
    result = import_roster(db, preview, actor=COMMAND_LINE, skip_bad=args.skip_bad,
                           allow_similar=args.allow_similar_numbers)
    for item in result.skipped:
        for problem in item.problems:
            print(f"{table.source}:{item.row.line}: skipped: {problem}", file=sys.stderr)
    print(f"Created {result.created}, updated {result.updated}, unchanged {result.unchanged}, "
          f"skipped {len(result.skipped)}.")
    return 0


def _show_plan(plan: Any) -> int:
    for item in plan.rows:
        what = ", ".join(item.changes) if item.action == "update" else ""
        row = item.row
        print(f"  line {row.line}: {item.action:9} {row.employee_no} {row.name} {what}".rstrip())
        for problem in item.problems:
            print(f"      {problem}")
    if plan.new_departments:
        print(f"Would create {len(plan.new_departments)} department(s): "
              f"{', '.join(plan.new_departments)}")
    print(f"Would create {plan.count('create')}, update {plan.count('update')}, leave "
          f"{plan.count('unchanged')} unchanged; {len(plan.bad)} rows have problems. "
          "Nothing was written (--dry-run).")
    return 1 if plan.bad else 0
