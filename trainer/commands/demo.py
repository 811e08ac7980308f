"""``trainer demo``: fill an empty data folder with a fictional city's staff and 90 days of study.

So every screen and report can be tried at once. The command line acts as the data folder's
administrator (DESIGN §7); the staff accounts it creates all use the PIN it prints.
"""

from __future__ import annotations

import argparse
from typing import Any

from trainer.errors import UsageError


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser(
        "demo", help="fill an empty data folder with realistic demonstration data",
        description="Creates the staff of 临江市 (a fictional city): departments, learners, an "
                    "administrator, HR and trainers, and 90 days of study of the built-in "
                    "course. Only an empty data folder is filled; running it again completes "
                    "a run that was interrupted.")
    demo.add_argument("--learners", type=int, default=60, metavar="N",
                      help="number of people (default 60)")
    demo.add_argument("--days", type=int, default=90, metavar="N",
                      help="days of study to simulate (default 90)")
    demo.add_argument("--seed", type=int, default=1, help="same seed, same people and answers")
    demo.add_argument("--until", metavar="YYYY-MM-DD",
                      help="last day of the simulated study (default today); with --seed, the "
                           "data is then the same on every run")
    demo.set_defaults(func=run_demo)


def run_demo(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.reports.demo import DEMO_PIN, fill_demo

    if not 1 <= args.learners <= 100_000:
        raise UsageError("--learners must be between 1 and 100000.")
    if not 1 <= args.days <= 3650:
        raise UsageError("--days must be between 1 and 3650.")
    until = None
    if args.until:
        from datetime import UTC, datetime

        try:
            until = datetime.strptime(args.until, "%Y-%m-%d").replace(hour=12, tzinfo=UTC)
        except ValueError as exc:
            raise UsageError(f"--until {args.until!r}: use a date like 2026-06-30.") from exc
    summary = fill_demo(ctx.database(), learners=args.learners, days=args.days, seed=args.seed,
                        until=until)
    if summary.resumed:
        print("The demonstration data of an earlier run was already here (its settings are "
              "kept); certificates and HR's summaries are now complete too.")
    print(f"Demonstration data in {ctx.paths.data_dir}: {summary.learners} people in "
          f"{summary.departments} departments, {summary.lessons} lesson records, "
          f"{summary.attempts} answers over {summary.days} days, {summary.certificates} "
          "certificates.")
    if summary.staff:
        print(f"Accounts with a role (PIN {DEMO_PIN} for all of them):")
        for person in summary.staff:
            print(f"  {person.role:8} {person.employee_no}  {person.name}  {person.department}")
    return 0
