"""``trainer db check | backup | upgrade | summaries | restore | salvage``: look after the learner records
database."""

from __future__ import annotations

import argparse
import shlex
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from trainer.errors import UsageError


def register(subparsers: Any) -> None:
    db = subparsers.add_parser("db", help="check, back up, upgrade or restore the database")
    sub = db.add_subparsers(dest="db_command", metavar="ACTION")
    check = sub.add_parser("check", help="integrity and schema version; never changes an existing "
                                         "database")
    check.set_defaults(func=run_check)
    backup = sub.add_parser("backup", help="copy the database into the backups folder")
    backup.add_argument("--list", action="store_true", help="list the backups instead")
    backup.set_defaults(func=run_backup)
    upgrade = sub.add_parser("upgrade", help="back up, then upgrade to the newest schema")
    upgrade.set_defaults(func=run_upgrade)
    summaries = sub.add_parser("summaries", help="check that HR's summaries agree with the "
                                                 "answers; --rebuild them from the answers")
    summaries.add_argument("--rebuild", action="store_true",
                           help="rebuild every summary from the answers (one pass over them)")
    summaries.set_defaults(func=run_summaries)
    restore = sub.add_parser(
        "restore", help="replace the database by a backup (close Trainer first); the current "
                        "file is kept in backups/",
        description="Refuses while Trainer or another program uses the database, and lists the "
                    "records (answers, learners, lesson records …) the current database has and "
                    "the backup lacks; --force drops them. The current file is kept in backups/.")
    restore.add_argument("backup", metavar="BACKUP", help="backup file (path or name in backups/)")
    restore.add_argument("--force", action="store_true",
                         help="restore even though records made after the backup are dropped")
    restore.set_defaults(func=run_restore)
    salvage = sub.add_parser(
        "salvage", help="copy every record SQLite can still read from a damaged database into "
                        "a new file",
        description="Reads the database only (it is left as it is) and writes NEWFILE, a new "
                    "database at the newest schema holding every row SQLite can still read; "
                    "rows on damaged pages are lost, and counted per table. HR's summaries are "
                    "rebuilt from the answers. Never overwrites an existing file.")
    salvage.add_argument("-o", "--output", metavar="NEWFILE", required=True,
                         help="the new database file (must not exist)")
    salvage.set_defaults(func=run_salvage)


def _sqlite_file(ctx: Any) -> Path | None:
    from trainer.store.engine import parse_url, sqlite_file

    return sqlite_file(parse_url(ctx.database_url or ctx.paths.database_url))


def _schema_line(revision: str | None, where: str) -> str:
    from trainer.store.migrate import HEAD, needs_upgrade

    if not needs_upgrade(revision, where):
        return f"Schema:    {revision} (current)"
    return (f"Schema:    {revision or 'none yet'} (this Trainer upgrades it to {HEAD} at start, "
            "or run: trainer db upgrade)")


def run_check(args: argparse.Namespace, ctx: Any) -> int:
    """Reads the file through SQLite only (read-only, with its WAL; never writes, not even in a
    read-only folder) and says what it could not check."""
    from trainer.store import backup, health
    from trainer.store.errors import DatabaseCorrupt

    file = _sqlite_file(ctx)
    if file is None:
        return _check_server(ctx)
    if not file.exists():  # a fresh data folder: create the database, then check it
        ctx.database().close()
    report = health.check_file(file)
    for limit in report.limits:
        print(f"trainer: not checked: {limit}.", file=sys.stderr)
    if not report.healthy:
        raise DatabaseCorrupt(f"The database {file} is damaged: {report.problem}.",
                              hint="Nothing was changed; reading, reports and trainer db backup "
                                   "still work. "
                                   + health.restore_hint(ctx.paths.backups_dir, file))
    learners, attempts = health.counts(file, ctx.paths.backups_dir)
    latest = backup.latest_backup(ctx.paths.backups_dir)
    print(f"Database:  {file} ({report.size / 1e6:.1f} MB)")
    print("Integrity: ok" + (" (main file only)" if report.limits else ""))
    print(_schema_line(report.revision, str(file)))
    print(f"Records:   {learners} learners, {attempts} attempts")
    print(f"Backup:    {latest or 'none yet'}")
    with health.read_only(file) as (conn, _limits):  # works in a read-only folder too
        engine = _engine_over(conn)
        try:
            _check_audit(engine, report.revision)
            _review_line(engine, report.revision)
        finally:
            engine.dispose()
    return 0


def _check_server(ctx: Any) -> int:
    from sqlalchemy import func, select

    from trainer.store.db import open_database
    from trainer.store.migrate import current_revision
    from trainer.store.models import Attempt, Learner

    with open_database(ctx.paths, ctx.database_url, upgrade=False, backup=False) as db:
        with db.engine.connect() as conn:
            revision = current_revision(conn)
        print(f"Database:  {db.url}")
        print(_schema_line(revision, db.url))
        if revision is not None:
            with db.reader() as session:
                learners = session.scalar(select(func.count()).select_from(Learner))
                attempts = session.scalar(select(func.count()).select_from(Attempt))
            print(f"Records:   {learners} learners, {attempts} attempts")
        _check_audit(db.engine, revision)
        _review_line(db.engine, revision)
    return 0


def _engine_over(conn: sqlite3.Connection) -> Any:
    """An engine over one read-only connection (``db check`` never changes a database)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    return create_engine("sqlite://", poolclass=StaticPool, creator=lambda: conn)


def _check_audit(engine: Any, revision: str | None) -> None:
    """The audit log's hash chain and append-only triggers; AuditTampered when either fails."""
    from trainer.store.audit_chain import require_intact, verify
    from trainer.store.migrate import HEAD

    if revision != HEAD:
        print("Audit log: chained when the schema is upgraded")
        return
    with engine.connect() as conn:
        report = verify(conn)
    for line in report.lines():
        print(line)
    require_intact(report)


def _review_line(engine: Any, revision: str | None) -> None:
    """Spaced-review items, those retired because their exercise left its course, answers."""
    from sqlalchemy.orm import Session

    from trainer.store.migrate import HEAD
    from trainer.store.review import counts

    if revision != HEAD:
        return
    with Session(engine) as session:
        items, retired, answers = counts(session)
    print(f"Review:    {items} items ({retired} retired: their exercise left its course), "
          f"{answers} review answers")


def run_summaries(args: argparse.Namespace, ctx: Any) -> int:
    """HR's figures read summaries kept beside the answers; this checks (or rebuilds) them."""
    from trainer.analytics import summaries
    from trainer.config import bundled_courses_dir
    from trainer.content.library import Library
    from trainer.store import summary

    db = ctx.database()
    packs = Library(ctx.paths.packs_dir, bundled_courses_dir(),
                    cache_dir=ctx.paths.cache_dir).packs()
    if args.rebuild:
        summaries.ensure(db, packs)  # the library's current weights first
        with db.session() as session:
            summary.refresh(session)
        print(f"Summaries rebuilt from the answers ({len(packs)} course pack(s) registered).")
        return 0
    with db.reader() as session:
        differing = summary.out_of_step(session)
    if not any(differing.values()):
        print("Summaries: in step with the answers.")
        return 0
    shown = ", ".join(f"{part} {count}" for part, count in differing.items() if count)
    print(f"Summaries: out of step with the answers ({shown} row(s)); HR's figures may be wrong.\n"
          "Rebuild them with: trainer db summaries --rebuild")
    return 1


def _require_file(ctx: Any, what: str) -> Path:
    file = _sqlite_file(ctx)
    if file is None:
        raise UsageError(f"trainer db {what} works on the SQLite database only.",
                         hint="For PostgreSQL use the server's tools (pg_dump, pg_restore).")
    return file


def run_backup(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.store import backup, health
    from trainer.store.errors import NotFound

    if args.list:
        for item in backup.list_backups(ctx.paths.backups_dir):
            stamp = datetime.fromtimestamp(item.stat().st_mtime, UTC).astimezone()
            print(f"{stamp:%Y-%m-%d %H:%M}  {item.stat().st_size / 1e6:8.1f} MB  {item}")
        return 0
    file = _require_file(ctx, "backup")
    if not file.exists():
        raise NotFound(f"There is no database at {file} yet; nothing to back up.")
    from trainer.store import stamp

    verdict = health.preflight(file, ctx.paths.backups_dir,
                               trusted=stamp.unchanged(file, ctx.paths.cache_dir))
    if verdict.damage is None:
        print(f"Backed up to {backup.backup_sqlite(file, ctx.paths.backups_dir)}")
        return 0
    # a copy of a damaged file: kept apart, never pruned, never offered as "the latest backup"
    copy = backup.backup_sqlite(file, ctx.paths.backups_dir, reason=backup.DAMAGED)
    print(f"The database is damaged ({verdict.damage}); copied it as it is to {copy}")
    return 0


def run_upgrade(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.store import backup, health
    from trainer.store.migrate import HEAD

    file = _sqlite_file(ctx)
    before = (health.preflight(file, ctx.paths.backups_dir).revision
              if file and file.exists() else None)
    db = ctx.database()
    if db.read_only:
        raise db.refuse_writes()
    if before == HEAD:
        print(f"The database is already at the newest schema ({HEAD}).")
    else:
        print(f"Upgraded the database from {before or 'empty'} to {HEAD}.")
        if before is not None:
            print(f"Backup made first: {backup.latest_backup(ctx.paths.backups_dir)}")
    return 0


def run_restore(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.store.restore import restore

    file = _require_file(ctx, "restore")
    chosen = Path(args.backup).expanduser()
    if not chosen.exists() and (ctx.paths.backups_dir / args.backup).exists():
        chosen = ctx.paths.backups_dir / args.backup
    done = restore(file, chosen.resolve(), ctx.paths.backups_dir, ctx.paths.ensure().data_dir,
                   force=args.force)
    if done.stale_lock is not None:
        print(f"Ignored {done.stale_lock.file}: left by {done.stale_lock.describe()}, which has "
              "ended.")
    print(f"Restored {file} from {chosen}.")
    if done.kept is not None:
        dropped = (f" It held {done.loss.summary()} that the backup lacks."
                   if not done.loss.nothing and not done.loss.unreadable else "")
        print(f"The database it replaced was kept as {done.kept}.{dropped}")
    return 0


def run_salvage(args: argparse.Namespace, ctx: Any) -> int:
    """Reads the damaged file through SQLite only, read-only; writes nothing but NEWFILE."""
    from trainer.store.errors import NotFound
    from trainer.store.salvage import salvage

    file = _require_file(ctx, "salvage")
    if not file.exists():
        raise NotFound(f"There is no database at {file}; nothing to salvage.")
    target = Path(args.output).expanduser().absolute()
    done = salvage(file, target)
    for limit in done.limits:
        print(f"trainer: not read: {limit}.", file=sys.stderr)
    for table in done.tables:
        print(table.line())
    print("Summaries: rebuilt from the salvaged answers")
    print(done.chain.line())
    print(f"Salvaged {file} into {target}"
          + (f" ({done.lost:,} row(s) could not be kept)." if done.lost else " (nothing lost)."))
    same = "".join(f" {flag} {shlex.quote(str(value))}" for flag, value in (
        ("--data-dir", args.data_dir and ctx.paths.data_dir),
        ("--database-url", args.database_url and f"sqlite:///{file}")) if value)
    print("The damaged file was left as it is. Check the copy with: trainer --database-url "
          f"{shlex.quote(f'sqlite:///{target}')} db check\nthen put it in place with: "
          f"trainer{same} db restore {shlex.quote(str(target))} --force")
    return 0
