"""``trainer pack from-gift`` and ``trainer pack from-aiken``: question banks into packs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register_pack_actions(sub: Any) -> None:
    """Add the converters to the ``trainer pack`` group (called by trainer.commands.pack)."""
    for fmt, name in (("gift", "Moodle GIFT"), ("aiken", "Aiken")):
        parser = sub.add_parser(f"from-{fmt}", help=f"convert a {name} question bank "
                                "(UTF-8 or GB18030) into a pack or a new module")
        parser.add_argument("file", metavar="FILE")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("-o", "--output", metavar="DIR", help="new pack folder to create")
        target.add_argument("--into", metavar="PACK", help="existing pack folder: add a module")
        parser.add_argument("--title", help="course or module title (default: the file name)")
        parser.add_argument("--language", default="zh-CN",
                            help="language of a new pack (default zh-CN)")
        parser.add_argument("--competency", action="append", default=[], metavar="ID",
                            help="competency the questions train (repeat for several; "
                                 "default: the framework's first)")
        parser.set_defaults(func=_convert, bank_format=fmt)


def _convert(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.content.bankwriter import add_module, read_bank, write_new_pack

    source = Path(args.file)
    bank = read_bank(source, args.bank_format)
    title = args.title or source.stem
    if args.output:
        result = write_new_pack(bank, Path(args.output), title=title, language=args.language,
                                competencies=args.competency)
    else:
        result = add_module(bank, Path(args.into), title=title, competencies=args.competency)
    for problem in result.problems:
        print(problem.__class__(str(source), problem.line, problem.column, problem.severity,
                                problem.message), file=sys.stderr)
    skipped = sum(1 for p in result.problems if p.severity == "error")
    print(f"Converted {result.questions} question(s) from {source}"
          + (f"; {skipped} could not be converted (listed above)." if skipped else "."))
    for path in result.written:
        print(f"  wrote {path}")
    warnings = [p for p in result.validation.problems if p.severity == "warning"]
    if warnings:
        print(f"The pack loads; 'trainer pack validate' lists {len(warnings)} warning(s) "
              "to review (e.g. questions without feedback).")
    return 0
