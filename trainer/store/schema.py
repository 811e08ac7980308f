"""A SQLite file without a Trainer schema: a first start cut short, or something else?

A first start killed before its schema commit leaves an empty file, a file with no tables, or
(were DDL ever committed piecemeal) tables without ``alembic_version``. None of that is damage:
the file holds no records, so it is upgraded like a new one. Two cases are refused instead,
because upgrading would hide records: tables that hold rows (not Trainer's, or not ours to
drop), and an empty file where the latest backup holds learners (the file was emptied; the
backup is the data).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from trainer.store import health
from trainer.store.backup import latest_backup
from trainer.store.errors import DatabaseCorrupt, DatabaseUnavailable

log = logging.getLogger(__name__)


def _backup_learners(backup: Path) -> int:
    """Learners in a backup file, 0 when it has no Trainer schema or cannot be read."""
    try:
        with health.read_only(backup) as (conn, _limits):
            tables, revision = health.catalogue(conn)
            if revision is None or "learners" not in tables:
                return 0
            return int(conn.execute("SELECT count(*) FROM learners").fetchone()[0])
    except sqlite3.Error:
        return 0


def refuse_if_records_elsewhere(file: Path, tables: frozenset[str], backups_dir: Path) -> None:
    """DatabaseCorrupt when ``file`` has no Trainer schema but the latest backup has records."""
    latest = latest_backup(backups_dir)
    if latest is None:
        return
    learners = _backup_learners(latest)
    if learners:
        what = "is empty" if not tables else "has no Trainer schema"
        raise DatabaseCorrupt(
            f"The database {file} {what}, but the latest backup {latest} holds {learners} "
            "learner(s): the file was emptied or replaced, so Trainer did not start a new one.",
            hint=health.restore_hint(backups_dir))


def refuse_foreign(file: Path, tables: frozenset[str]) -> None:
    """DatabaseUnavailable, before anything is written, when tables without a Trainer schema
    hold rows: not a first start cut short, and not ours to change."""
    with health.read_only(file) as (conn, _limits):
        full = sorted(name for name in tables if not name.startswith("sqlite_") and
                      conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{name}")').fetchone()[0])
    if full:
        raise _foreign(file, full)


def _foreign(file: Path, full: list[str]) -> DatabaseUnavailable:
    return DatabaseUnavailable(
        f"The database {file} has no Trainer schema but holds records in {', '.join(full)}: "
        "it is not a Trainer database, or not one this version made. Trainer left it as it is.",
        hint="Choose another data folder with --data-dir, or move the file away.")


def clear_unfinished(engine: Engine, file: Path) -> None:
    """Drop the empty tables a first start left without ``alembic_version`` (one transaction;
    checked again inside it, in case another process wrote meanwhile)."""
    with engine.connect() as conn, conn.begin():
        found = conn.exec_driver_sql(
            "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite_%'").fetchall()
        if ("table", "alembic_version") in found:
            return  # another first start finished the schema meanwhile
        full = sorted(name for kind, name in found if kind == "table" and conn.exec_driver_sql(
            f'SELECT EXISTS (SELECT 1 FROM "{name}")').scalar())
        if full:
            raise _foreign(file, full)
        for kind, name in found:
            conn.exec_driver_sql(f'DROP {kind.upper()} IF EXISTS "{name}"')
        log.warning("Dropped %d empty table(s) left by a first start cut short in %s",
                    len(found), file)
