"""Copying a damaged database's tables into a new one, parents first.

Each table is read by ``salvage_read`` (whatever SQLite can still read). A row whose parent was
lost is dropped, or keeps the row with the reference cleared where the schema says ``ON DELETE
SET NULL``; a row the new schema refuses (a damaged page can yield garbled values without an
error) is counted and left out. Foreign keys are off while copying (they are checked here, row
by row, and once more over the whole file at the end).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trainer.store.salvage_read import Row, columns, read_table

DERIVED = ("summary_competencies", "summary_activity", "summary_sittings",  # rebuilt instead
           "summary_days", "summary_standing", "summary_answers_to_date")
SKIPPED = ("alembic_version", *DERIVED)


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
        if self.unreadable:
            lost = "an unknown number"
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


def copy_all(conn: sqlite3.Connection, partial: Path) -> list[TableCopy]:
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
        rowids, rows = _kept(batch, checks, copy)
        refused = _insert(dest, insert, rows)
        copy.copied += len(rows) - len(refused)
        copy.refused += len(refused)
        copy.lost_ids.extend(rowids[number] for number in refused)
        for number, values in enumerate(rows):  # the keys children will look for
            if number not in refused:
                for index, keys in remember:
                    keys.add(values[index])
    copy.lost, copy.exact = len(read.lost), read.exact
    copy.lost_ids = read.lost + copy.lost_ids  # unreadable, then dropped or refused
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
          ) -> tuple[list[int], list[list[Any]]]:
    """The rows whose parents were copied (references to a lost row cleared where allowed),
    and their rowids."""
    rowids, kept = [], []
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
            rowids.append(row[0])
            kept.append(values)
    return rowids, kept
