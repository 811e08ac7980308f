"""``trainer progress export|import|device|devices|forget-device``: carry learners and progress
between offline machines, in bundles signed by the device that made them.

The command line acts as the data folder's administrator (DESIGN §7); every direction, and
every device approved or forgotten, is recorded in the audit log as "command line".
"""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    progress = subparsers.add_parser("progress", help="progress bundles for offline machines")
    sub = progress.add_subparsers(dest="progress_command", metavar="ACTION")
    export = sub.add_parser("export", help="write this machine's learners and progress to a "
                                           "signed file")
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="bundle to write, e.g. office-3.trainer-progress.zip")
    export.set_defaults(func=run_export)
    imp = sub.add_parser("import", help="merge a bundle made on another machine "
                                        "(importing it twice changes nothing)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    imp.add_argument("--trust-new-device", action="store_true",
                     help="approve the device that signed FILE when it is new here (compare "
                          "its key with 'trainer progress device' on that machine first)")
    imp.set_defaults(func=run_import)
    device = sub.add_parser("device", help="this machine's device name and signing key")
    device.set_defaults(func=run_device)
    listing = sub.add_parser("devices", help="devices known here and whether they are trusted")
    listing.set_defaults(func=run_devices)
    forget = sub.add_parser("forget-device", help="drop a device's key (a reinstalled machine): "
                                                  "its next bundle needs approval again")
    forget.add_argument("device_id", metavar="DEVICE_ID")
    forget.set_defaults(func=run_forget)


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
          f"{_count(counts['attempts'], 'attempt')}"
          + (f", {_count(counts['review_items'], 'review item')}" if counts.get('review_items')
             else "") + ".")
    print(f"Signed by {manifest.device_name}, key {manifest.fingerprint}.")
    return 0


def _count(number: int, noun: str) -> str:
    """'1 learner', '2 learners': the summary line reads as a sentence."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def run_import(args: argparse.Namespace, ctx: Any) -> int:
    from pathlib import Path

    from trainer.exchange.bundles import (
        bundle_signer,
        import_bundle,
        preview_bundle,
        read_bundle,
    )
    from trainer.store.permissions import COMMAND_LINE

    bundle = read_bundle(Path(args.file).expanduser())
    made = bundle.manifest
    print(f"Bundle from {made.device_name}, made {made.created_at:%Y-%m-%d %H:%M} UTC, "
          f"signed with key {made.fingerprint}.")
    db = ctx.database()
    signer = bundle_signer(db, bundle)  # refuses a known device with another key
    if args.dry_run:
        plan = preview_bundle(db, bundle, actor=COMMAND_LINE)
        print(describe(plan, "Would add") + " Nothing was written (--dry-run).")
        if not signer.known:
            print("This device is new here: importing needs --trust-new-device.")
        return 0
    plan = import_bundle(db, bundle, actor=COMMAND_LINE, trust_new_device=args.trust_new_device)
    if not signer.known:
        print(f"Approved the device {signer.name} (key {signer.fingerprint}).")
    print(describe(plan, "Added") if plan.changes else
          "Nothing to do: everything in this bundle is already here.")
    if plan.accounts_kept:
        print(f"Kept {_count(plan.accounts_kept, 'account')} of trainers, HR or administrators "
              "as switched on or off here: a bundle never changes those.")
    return 0


def describe(plan: Any, verb: str) -> str:
    return (f"{verb} {_count(plan.learners_new, 'learner')} "
            f"(updated {plan.learners_updated}), {_count(plan.enrollments_new, 'enrolment')}, "
            f"{_count(plan.lessons_new, 'lesson record')} (updated {plan.lessons_updated}), "
            f"{_count(plan.attempts_new, 'attempt')} ({plan.attempts_known} already here)"
            + (f", {_count(plan.reviews_changed, 'review change')}" if plan.reviews_changed
               else "") + ".")


def run_device(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.exchange.keys import local_signer

    signer = local_signer(ctx.database())
    print(f"This device: {signer.name} ({signer.device_id})")
    print(f"Signing key: {signer.fingerprint}")
    return 0


def run_devices(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.exchange.keys import fingerprint
    from trainer.store.devices import list_devices
    from trainer.store.permissions import COMMAND_LINE

    for device in list_devices(ctx.database(), actor=COMMAND_LINE):
        if device.public_key is None:
            trust = ("signing key made at its first export" if device.is_local
                     else "not trusted (no key yet)")
        else:
            since = f", since {device.key_added_at:%Y-%m-%d}" if device.key_added_at else ""
            trust = f"key {fingerprint(device.public_key)}{since}"
        where = " (this database)" if device.is_local else ""
        print(f"{device.id}  {device.name}{where}: {trust}")
    return 0


def run_forget(args: argparse.Namespace, ctx: Any) -> int:
    import uuid

    from trainer.errors import UsageError
    from trainer.store.devices import forget_key
    from trainer.store.permissions import COMMAND_LINE

    try:
        device_id = uuid.UUID(args.device_id)
    except ValueError:
        raise UsageError(f"Not a device id: {args.device_id!r}",
                         hint="'trainer progress devices' lists them.") from None
    device = forget_key(ctx.database(), device_id, actor=COMMAND_LINE)
    print(f"Forgot the key of {device.name}: its next bundle needs --trust-new-device.")
    return 0
