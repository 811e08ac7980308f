"""``trainer progress export|import``: carry learners and progress between offline machines.

The command line acts as the data folder's administrator (DESIGN §7); both directions are
recorded in the audit log as "command line".
"""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    progress = subparsers.add_parser("progress", help="progress bundles for offline machines")
    sub = progress.add_subparsers(dest="progress_command", metavar="ACTION")
    export = sub.add_parser("export", help="write this machine's learners and progress to a file")
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="bundle to write, e.g. office-3.trainer-progress.zip")
    export.set_defaults(func=run_export)
    imp = sub.add_parser("import", help="merge a bundle made on another machine "
                                        "(importing it twice changes nothing)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    imp.set_defaults(func=run_import)


def run_export(args: argparse.Namespace, ctx: Any) -> int:
    from pathlib import Path

    from trainer.errors import TrainerError
    from trainer.exchange.bundles import export_bundle
    from trainer.store.permissions import COMMAND_LINE

    out = Path(args.output).expanduser()
    if not out.parent.is_dir():
        raise TrainerError(f"{out.parent}: no such folder.", hint="Create it or choose another.")
    manifest = export_bundle(ctx.database(), out, actor=COMMAND_LINE)
    counts = manifest.counts
    print(f"Wrote {out}: {_count(counts['learners'], 'learner')}, "
          f"{_count(counts['lesson_progress'], 'lesson record')}, "
          f"{_count(counts['attempts'], 'attempt')}.")
    return 0


def _count(number: int, noun: str) -> str:
    """'1 learner', '2 learners': the summary line reads as a sentence."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def run_import(args: argparse.Namespace, ctx: Any) -> int:
    from pathlib import Path

    from trainer.exchange.bundles import import_bundle, preview_bundle, read_bundle
    from trainer.store.permissions import COMMAND_LINE

    bundle = read_bundle(Path(args.file).expanduser())
    made = bundle.manifest
    print(f"Bundle from {made.device_name or 'an unnamed machine'}, made "
          f"{made.created_at:%Y-%m-%d %H:%M} UTC.")
    db = ctx.database()
    if args.dry_run:
        plan = preview_bundle(db, bundle, actor=COMMAND_LINE)
        print(describe(plan, "Would add") + " Nothing was written (--dry-run).")
        return 0
    plan = import_bundle(db, bundle, actor=COMMAND_LINE)
    print(describe(plan, "Added") if plan.changes else
          "Nothing to do: everything in this bundle is already here.")
    return 0


def describe(plan: Any, verb: str) -> str:
    return (f"{verb} {_count(plan.learners_new, 'learner')} "
            f"(updated {plan.learners_updated}), {_count(plan.enrollments_new, 'enrolment')}, "
            f"{_count(plan.lessons_new, 'lesson record')} (updated {plan.lessons_updated}), "
            f"{_count(plan.attempts_new, 'attempt')} ({plan.attempts_known} already here).")
