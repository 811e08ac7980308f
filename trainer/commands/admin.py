"""``trainer admin``: accounts and the audit log, acting as the data folder's administrator.

Whoever can run the command line can read the database file anyway (DESIGN §7), so these commands
need no sign-in; every change they make is written to the audit log as "command line".
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from trainer.errors import UsageError


def register(subparsers: Any) -> None:
    admin = subparsers.add_parser("admin", help="administrator accounts, roles, PINs, audit log")
    sub = admin.add_subparsers(dest="admin_command", metavar="ACTION")
    create = sub.add_parser("create", help="create an administrator account")
    create.add_argument("--employee-no", required=True, help="employee number (unique)")
    create.add_argument("--name", required=True, help="full name")
    create.add_argument("--department", help="department name")
    create.add_argument("--email")
    create.add_argument("--password-stdin", action="store_true",
                        help="read the password from the first line of standard input")
    create.set_defaults(func=run_create)
    role = sub.add_parser("set-role", help="give someone another role")
    role.add_argument("employee_no", metavar="EMPLOYEE_NO")
    role.add_argument("role", choices=("learner", "trainer", "hr", "admin"))
    role.set_defaults(func=run_set_role)
    pin = sub.add_parser("reset-pin", help="set a new PIN or password for someone")
    pin.add_argument("employee_no", metavar="EMPLOYEE_NO")
    pin.add_argument("--password-stdin", action="store_true")
    pin.set_defaults(func=run_reset_pin)
    log = sub.add_parser("audit", help="show the audit log, newest first")
    log.add_argument("--action", help="only this action, e.g. report.export")
    log.add_argument("--limit", type=int, default=50)
    log.set_defaults(func=run_audit)


def _read_password(from_stdin: bool, what: str = "Password") -> str:
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise UsageError("No password on standard input.")
        return line
    if not sys.stdin.isatty():
        raise UsageError("No terminal to ask for the password.",
                         hint="Pipe it in and add --password-stdin.")
    first = getpass.getpass(f"{what}: ")
    if getpass.getpass(f"{what} again: ") != first:
        raise UsageError("The two passwords differ; nothing was changed.")
    return first


def _by_number(db: Any, employee_no: str) -> Any:
    from trainer.store.errors import NotFound
    from trainer.store.learners import find_by_employee_no

    found = find_by_employee_no(db, employee_no)
    if found is None:
        raise NotFound(f"Nobody has the employee number {employee_no}.",
                       hint="List people in the app, or check the number.")
    return found


def run_create(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.store.learners import create_learner
    from trainer.store.permissions import COMMAND_LINE
    from trainer.store.security import check_pin_rules

    password = check_pin_rules(_read_password(args.password_stdin))
    db = ctx.database()
    person = create_learner(db, args.employee_no, args.name, args.department, role="admin",
                            pin=password, email=args.email, actor=COMMAND_LINE)
    print(f"Administrator {person.name} ({person.employee_no}) created.")
    return 0


def run_set_role(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.store.learners import set_role
    from trainer.store.permissions import COMMAND_LINE

    db = ctx.database()
    person = set_role(db, COMMAND_LINE, _by_number(db, args.employee_no).id, args.role)
    print(f"{person.name} ({person.employee_no}) is now: {person.role}")
    return 0


def run_reset_pin(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.store.learners import set_pin
    from trainer.store.permissions import COMMAND_LINE

    db = ctx.database()
    person = _by_number(db, args.employee_no)
    set_pin(db, person.id, _read_password(args.password_stdin, "New PIN"), actor=COMMAND_LINE)
    print(f"New PIN set for {person.name} ({person.employee_no}).")
    return 0


def run_audit(args: argparse.Namespace, ctx: Any) -> int:
    """The newest entries, then whether the chain is intact (exit 1 when it is not)."""
    from trainer.store.audit import chain_status, entries
    from trainer.store.audit_chain import require_intact
    from trainer.store.permissions import COMMAND_LINE

    db = ctx.database()
    for entry in entries(db, COMMAND_LINE, action=args.action, limit=args.limit):
        stamp = entry.at.astimezone()
        detail = json.dumps(entry.detail, ensure_ascii=False, sort_keys=True)
        print(f"{stamp:%Y-%m-%d %H:%M:%S}  #{entry.id}  {entry.actor_name}  {entry.action}  "
              f"{detail}")
    report = chain_status(db, COMMAND_LINE)
    for line in report.lines():
        print(line)
    require_intact(report)
    return 0
