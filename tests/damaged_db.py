"""Damage a real SQLite file the way a failing disk does, for tests that need a database whose
pages fail SQLite's quick_check (the store then opens it read-only)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def break_a_page_of(file: Path, table: str) -> None:
    """Overwrite the inside of one of ``table``'s b-tree leaves (the third), keeping the page
    header, as tests/store/test_health.py does. No connection to ``file`` may be open. The
    table needs enough rows for three leaves (a few hundred answers)."""
    with closing(sqlite3.connect(file)) as conn:
        page = conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                            "ORDER BY pageno LIMIT 1 OFFSET 2", (table,)).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(file.read_bytes())
    data[(page - 1) * size + 8: page * size - 64] = b"\x5a" * (size - 72)
    file.write_bytes(bytes(data))
