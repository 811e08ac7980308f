"""``trainer db salvage``: copy every row SQLite can still read from a damaged database into a
new file, so that less is lost than by restoring the latest backup.

The damaged file is only read, through ``health.read_only`` (never Python's ``open()``, DESIGN
§7), in one read transaction (one consistent snapshot). The new file is built under a temporary
name with the store's own migrations, at the damaged file's schema revision, so the rows fit as
they are; tables are copied parents first, and a row whose parent was lost is dropped (or its
reference cleared, where the schema says ``ON DELETE SET NULL``). Then the file is upgraded to
the newest schema, HR's summaries are rebuilt from the salvaged answers, the audit chain is
resealed after any gap (``salvage_audit``), and the file is linked into place: an existing file
is never overwritten, and a salvage cut short leaves only the temporary file.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from trainer.store import audit, health, migrate, summary
from trainer.store.engine import make_engine, translate_sqlite
from trainer.store.errors import DatabaseCorrupt, DatabaseUnavailable, Duplicate, StoreError
from trainer.store.permissions import COMMAND_LINE
from trainer.store.salvage_audit import ChainOutcome, reseal
from trainer.store.salvage_copy import TableCopy, copy_all

log = logging.getLogger(__name__)

SALVAGE = "db.salvage"


@dataclass(frozen=True)
class Salvaged:
    target: Path
    tables: list[TableCopy]
    chain: ChainOutcome
    limits: tuple[str, ...]  # what the read of the damaged file could not cover

    @property
    def lost(self) -> int:
        return sum(t.lost + t.dropped + t.refused for t in self.tables)


def salvage(source: Path, target: Path) -> Salvaged:
    """Copy what SQLite can read from ``source`` into the new file ``target``."""
    if target.exists() or target.is_symlink():
        raise Duplicate(f"{target} already exists; salvage never overwrites a file.",
                        hint="Choose a new file name, or move that file away first.")
    partial = target.with_name(f".{target.name}.salvaging")
    _remove(partial)
    revision = _revision(source)
    try:
        with health.read_only(source) as (conn, limits):
            _create(partial, str(target), revision)
            copies = copy_all(conn, partial)
        chain = _finish(partial, str(target), copies)
        _publish(partial, target)
    except (sqlite3.Error, DBAPIError) as exc:
        _remove(partial)
        raise DatabaseUnavailable(f"Could not salvage {source} into {target}: {exc}",
                                  hint="Nothing was written; check the disk space and the "
                                       "folder's permissions, then try again.") from exc
    except BaseException:
        _remove(partial)
        raise
    log.warning("Salvaged %s into %s", source, target)
    return Salvaged(target, copies, chain, limits)


def _revision(source: Path) -> str:
    """The damaged file's schema revision; DatabaseCorrupt when SQLite cannot read even its
    list of tables (then there is nothing to walk: only a backup can help)."""
    try:
        with health.read_only(source) as (conn, _limits):
            _tables, revision = health.catalogue(conn)
    except sqlite3.Error as exc:
        known = translate_sqlite(exc, str(source), "")
        if isinstance(known, DatabaseCorrupt):
            raise DatabaseCorrupt(
                f"SQLite cannot read even the list of tables of {source} ({exc}), so nothing "
                "can be salvaged from it.",
                hint="Restore a backup instead (trainer db backup --list).") from exc
        raise (known or StoreError(str(exc))) from exc
    if revision is None:
        raise StoreError(f"{source} holds no Trainer schema; there is nothing to salvage.")
    migrate.needs_upgrade(revision, str(source))  # SchemaTooNew: a newer Trainer's file
    return revision


def _remove(partial: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)


def _engine(partial: Path) -> Engine:
    return make_engine(URL.create("sqlite", database=str(partial)))


def _create(partial: Path, where: str, revision: str) -> None:
    """An empty database at the damaged file's revision, through the store's migrations."""
    engine = _engine(partial)
    try:
        migrate.upgrade(engine, where, target=revision)
    finally:
        engine.dispose()


def _finish(partial: Path, where: str, copies: list[TableCopy]) -> ChainOutcome:
    """Newest schema, summaries from the answers, the audit chain, one self-contained file."""
    engine = _engine(partial)
    try:
        migrate.upgrade(engine, where)
        with Session(engine) as session, session.begin():
            gaps = sorted(next((c.lost_ids for c in copies if c.table == "audit_log"), []))
            chain = reseal(session, gaps)
            summary.refresh(session)
            audit.record(session, COMMAND_LINE, SALVAGE, {
                "lost": {c.table: n for c in copies if (n := c.lost + c.dropped + c.refused)},
                "audit_resealed_from": chain.resealed_from, "old_audit_head": chain.old_head})
    finally:
        engine.dispose()
    with closing(sqlite3.connect(partial, isolation_level=None)) as conn:
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise StoreError(f"The salvaged copy still has {len(broken)} broken references.")
        conn.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
    return chain


def _publish(partial: Path, target: Path) -> None:
    """Link the finished file under its name: fails, rather than overwrite, if one appeared."""
    try:
        os.link(partial, target)
    except FileExistsError as exc:
        raise Duplicate(f"{target} appeared while salvaging; it was left as it is.",
                        hint="Choose a new file name.") from exc
    partial.unlink()
