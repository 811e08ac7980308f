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
from collections import defaultdict
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from trainer.store import audit, health, migrate, summary
from trainer.store.engine import make_engine, translate_sqlite
from trainer.store.errors import DatabaseCorrupt, DatabaseUnavailable, Duplicate, StoreError
from trainer.store.permissions import COMMAND_LINE
from trainer.store.salvage_audit import ChainOutcome, reseal
from trainer.store.salvage_read import Row, columns, read_table

log = logging.getLogger(__name__)

DERIVED = ("summary_competencies", "summary_activity", "summary_sittings")  # rebuilt instead
SKIPPED = ("alembic_version", *DERIVED)
SALVAGE = "db.salvage"


@dataclass
class TableCopy:
    """One table: rows copied, rows SQLite could not read, rows dropped with a lost parent."""

    table: str
    copied: int = 0
    lost: int = 0
    exact: bool = True  # ``lost`` counted from an index (else: unreadable positions, at most)
    dropped: int = 0
    cleared: int = 0  # references to a lost row set to NULL (ON DELETE SET NULL)
    refused: int = 0  # read, but refused by the schema (values garbled on a damaged page)
    unreadable: str | None = None
    lost_ids: list[int] = field(default_factory=list)

    def line(self) -> str:
        lost = f"{self.lost:,}" if self.exact else f"at most {self.lost:,}"
        text = f"{self.table}: {self.copied:,} copied, {lost} lost"
        if self.dropped:
            text += f", {self.dropped:,} dropped (their parent row was lost)"
        if self.refused:
            text += f", {self.refused:,} refused (garbled values the schema does not allow)"
        if self.cleared:
            text += f", {self.cleared:,} kept with a lost reference cleared"
        if self.unreadable:
            text += f" ({self.unreadable})"
        return text


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
            copies = _copy_all(conn, partial)
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


def _engine(partial: Path) -> Any:
    return make_engine(URL.create("sqlite", database=str(partial)))


def _create(partial: Path, where: str, revision: str) -> None:
    """An empty database at the damaged file's revision, through the store's migrations."""
    engine = _engine(partial)
    try:
        migrate.upgrade(engine, where, target=revision)
    finally:
        engine.dispose()


def _order(dest: sqlite3.Connection) -> tuple[list[str], dict[str, list[tuple[Any, ...]]]]:
    """Tables parents first, and each table's foreign keys (from, parent, parent column,
    set null)."""
    names = [n for (n,) in dest.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name") if n not in SKIPPED]
    keys: dict[str, list[tuple[Any, ...]]] = {}
    for name in names:
        found = []
        for row in dest.execute(f'PRAGMA foreign_key_list("{name}")'):
            parent, column, to, on_delete = row[2], row[3], row[4], row[6]
            if to is None:
                to = next(r[1] for r in dest.execute(f'PRAGMA table_info("{parent}")') if r[5])
            found.append((column, parent, to, on_delete.upper() == "SET NULL"))
        keys[name] = found
    ordered: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in ordered or name in path:
            return
        for _column, parent, _to, _null in keys.get(name, []):
            if parent != name:
                visit(parent, (*path, name))
        ordered.append(name)

    for name in names:
        visit(name, ())
    return ordered, keys


def _copy_all(conn: sqlite3.Connection, partial: Path) -> list[TableCopy]:
    dest = sqlite3.connect(partial, isolation_level=None)
    conn.execute("BEGIN")  # one snapshot of the damaged file
    try:
        dest.execute("PRAGMA foreign_keys=OFF")  # checked here, row by row, and at the end
        dest.execute("BEGIN")
        ordered, fks = _order(dest)
        wanted = {(parent, to) for links in fks.values() for _c, parent, to, _n in links}
        seen: dict[tuple[str, str], set[Any]] = defaultdict(set)
        copies = [_copy(conn, dest, name, fks[name], wanted, seen) for name in ordered]
        dest.execute("COMMIT")
    finally:
        dest.close()
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    return copies


def _copy(conn: sqlite3.Connection, dest: sqlite3.Connection, table: str,
          links: list[tuple[Any, ...]], wanted: set[tuple[str, str]],
          seen: dict[tuple[str, str], set[Any]]) -> TableCopy:
    """Copy one table's readable rows whose parents were copied; remember the keys children
    will look for."""
    present = set(columns(dest, table))
    cols = [c for c in columns(conn, table) if c in present]
    read, batches = read_table(conn, table, cols)
    copy = TableCopy(table, unreadable=read.unreadable)
    checks = [(cols.index(c), seen[(p, t)], null) for c, p, t, null in links if c in cols]
    remember = [(cols.index(t), seen[(table, t)]) for (p, t) in wanted if p == table]
    insert = (f'INSERT INTO "{table}" ({", ".join(f"{chr(34)}{c}{chr(34)}" for c in cols)}) '
              f"VALUES ({', '.join('?' * len(cols))})")
    for batch in batches:
        rows = _kept(batch, checks, copy)
        refused = _insert(dest, insert, rows)
        copy.copied += len(rows) - len(refused)
        copy.refused += len(refused)
        for number, values in enumerate(rows):  # the keys children will look for
            if number not in refused:
                for index, keys in remember:
                    keys.add(values[index])
    copy.lost, copy.exact = len(read.lost), read.exact
    copy.lost_ids = read.lost + copy.lost_ids  # unreadable, then dropped with their parent
    return copy


def _insert(dest: sqlite3.Connection, insert: str, rows: list[list[Any]]) -> set[int]:
    """All rows at once; when the schema refuses one (a damaged page can also yield wrong
    values without an error: a duplicate key, a score out of range), one by one. Returns the
    positions of the rows refused."""
    dest.execute("SAVEPOINT batch")
    refused: set[int] = set()
    try:
        dest.executemany(insert, rows)
    except sqlite3.IntegrityError:
        dest.execute("ROLLBACK TO batch")
        for number, row in enumerate(rows):
            try:
                dest.execute(insert, row)
            except sqlite3.IntegrityError:
                refused.add(number)
    dest.execute("RELEASE batch")
    return refused


def _kept(batch: list[Row], checks: list[tuple[int, set[Any], bool]], copy: TableCopy
          ) -> list[list[Any]]:
    """The rows whose parents were copied (references to a lost row cleared where allowed)."""
    kept = []
    for row in batch:
        values = list(row[1:])
        orphan = False
        for index, parents, set_null in checks:
            if values[index] is None or values[index] in parents:
                continue
            if not set_null:
                orphan = True
                break
            values[index] = None
            copy.cleared += 1
        if orphan:
            copy.dropped += 1
            copy.lost_ids.append(row[0])
        else:
            kept.append(values)
    return kept


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
