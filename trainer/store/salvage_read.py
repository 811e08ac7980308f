"""Read every row SQLite can still read from one table of a damaged file.

A table is read in ranges of rowids. A range that touches a damaged page raises
``sqlite3.DatabaseError``; it is split in two and each half tried again, down to single rows,
so a bad page loses only the rows stored on it. The rowids come from one of the table's indexes
(separate b-trees, usually intact when a table page is damaged), so the rows lost are counted
exactly; a table with no readable index is walked over its rowid span instead, and every
unreadable position counts as a row that may have been lost (``exact`` is then False).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

CHUNK = 2_000  # rows a query reads when nothing is damaged
Row = tuple[Any, ...]


@dataclass
class TableRead:
    """What reading a table found: rowids that could not be read, and whether they are exact."""

    table: str
    columns: list[str]
    lost: list[int] = field(default_factory=list)  # rowids of rows SQLite could not read
    exact: bool = True  # rowids listed by an index (else: every unreadable position)
    unreadable: str | None = None  # why nothing at all could be read


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def _index_rowids(conn: sqlite3.Connection, table: str) -> list[int] | None:
    """Every rowid as one of the table's indexes lists it (None: no readable index)."""
    for row in conn.execute(f'PRAGMA index_list("{table}")').fetchall():
        if row[4]:  # partial index: lists only some rows
            continue
        try:
            found = [r for (r,) in conn.execute(
                f'SELECT rowid FROM "{table}" INDEXED BY "{row[1]}"')]
        except sqlite3.DatabaseError:
            continue
        return sorted(found)
    return None


def _span(conn: sqlite3.Connection, table: str) -> range | None:
    """The rowid span read from the table's own b-tree (None when its last row cannot be
    found). Two queries: SQLite finds a lone min() or max() by one descent, both at once by a
    full scan, which a damaged page stops."""
    def end(order: str) -> int | None:
        row = conn.execute(f'SELECT rowid FROM "{table}" ORDER BY rowid {order} LIMIT 1')
        found = row.fetchone()
        return None if found is None else int(found[0])

    try:
        high = end("DESC")
    except sqlite3.DatabaseError:
        return None
    try:
        low = end("ASC")
    except sqlite3.DatabaseError:
        low = 1  # the first rows are damaged: rowids start at 1 unless chosen by hand
    return range(0) if high is None or low is None else range(min(low, high), high + 1)


def read_table(conn: sqlite3.Connection, table: str, wanted: Sequence[str]
               ) -> tuple[TableRead, Iterator[list[Row]]]:
    """The read's findings (filled in as the rows are consumed) and the rows, in batches, each
    row ``(rowid, *wanted)``."""
    found = TableRead(table, list(wanted))
    keys: Sequence[int] | None = _index_rowids(conn, table)
    if keys is None:
        found.exact = False
        keys = _span(conn, table)
    if keys is None:
        found.unreadable = "neither the table nor any of its indexes can be read"
        return found, iter(())
    return found, _batches(conn, found, keys)


def _batches(conn: sqlite3.Connection, found: TableRead, keys: Sequence[int]
             ) -> Iterator[list[Row]]:
    select = ", ".join(f'"{c}"' for c in found.columns)
    sql = f'SELECT rowid, {select} FROM "{found.table}" WHERE rowid >= ? AND rowid < ? ' \
          "ORDER BY rowid"
    pieces = [keys[start:start + CHUNK] for start in range(0, len(keys), CHUNK)]
    for number, piece in enumerate(pieces):
        lower = -(2**63) if number == 0 else piece[0]  # rows the index missed are read too
        upper = pieces[number + 1][0] if number + 1 < len(pieces) else 2**63 - 1
        yield from _read(conn, sql, found, piece, lower, upper)
    if not pieces:  # an index says the table is empty: look anyway
        yield from _read(conn, sql, found, (), -(2**63), 2**63 - 1)


def _read(conn: sqlite3.Connection, sql: str, found: TableRead, keys: Sequence[int],
          lower: int, upper: int) -> Iterator[list[Row]]:
    """Rows with lower <= rowid < upper; on damage, each half of ``keys`` on its own."""
    try:
        rows = conn.execute(sql, (lower, upper)).fetchall()
    except sqlite3.DatabaseError:
        if len(keys) > 1:
            half = len(keys) // 2
            yield from _read(conn, sql, found, keys[:half], lower, keys[half])
            yield from _read(conn, sql, found, keys[half:], keys[half], upper)
        elif len(keys) == 1:
            yield from _single(conn, sql, found, keys[0])
        return
    if rows:
        yield rows


def _single(conn: sqlite3.Connection, sql: str, found: TableRead, key: int
            ) -> Iterator[list[Row]]:
    """One row on its own, looked up by its rowid: a range would step on to the next row,
    which may be on the damaged page."""
    one = sql.replace("rowid >= ? AND rowid < ?", "rowid = ?")
    try:
        rows = conn.execute(one, (key,)).fetchall()
    except sqlite3.DatabaseError:
        found.lost.append(key)
        return
    if rows:
        yield rows
    elif found.exact:  # the index lists a row the table does not hold
        found.lost.append(key)
