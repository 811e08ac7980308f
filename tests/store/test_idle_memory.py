"""An idle SQLite connection keeps none of what the last read scanned: the memory of a large
list of people must not stay with the app (issue 14, memory with 10,000 learners)."""

from __future__ import annotations

import ctypes
import ctypes.util
import sqlite3

import pytest
from sqlalchemy import text

from trainer.config import Paths
from trainer.store.db import open_database


def _sqlite_memory() -> ctypes._CFuncPtr:
    """``sqlite3_memory_used`` of the SQLite library Python's sqlite3 module runs on."""
    name = ctypes.util.find_library("sqlite3")
    if name is None:
        pytest.skip("no shared SQLite library to ask (sqlite3 is built into Python here)")
    library = ctypes.CDLL(name)
    library.sqlite3_libversion.restype = ctypes.c_char_p
    if library.sqlite3_libversion().decode() != sqlite3.sqlite_version:
        pytest.skip("Python's sqlite3 module uses another SQLite library")
    used = library.sqlite3_memory_used
    used.restype = ctypes.c_int64
    return used


def test_a_large_read_leaves_no_pages_behind(paths: Paths) -> None:
    used = _sqlite_memory()
    with open_database(paths, backup=False) as db:
        with db.session() as session:  # 4,000 people, about 1 MB of pages
            session.execute(text("INSERT INTO departments (id, name, created_at) "
                                 "VALUES (1, 'Office', '2025-01-01')"))
            session.execute(
                text("INSERT INTO learners (employee_no, name, department_id, role, active,"
                     " failed_tries, created_at, updated_at) VALUES (:no, :name, 1, 'learner',"
                     " 1, 0, '2025-01-01', '2025-01-01')"),
                [{"no": f"E{i:05d}", "name": f"学员{i}" * 40} for i in range(4000)])
        before = used()
        with db.reader() as session:
            names = session.execute(text("SELECT name FROM learners ORDER BY name")).scalars()
            assert len(names.all()) == 4000
            during = used()
        after = used()
    assert during - before > 512 * 1024  # the read filled the connection's cache
    assert after - before < (during - before) / 4  # and the idle connection let it go
