"""What the store keeps in memory (issue 14, memory with 10,000 learners): an idle SQLite
connection keeps none of what the last read scanned, and a SQLite process loads no PostgreSQL
dialect."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from trainer.config import Paths
from trainer.store.db import open_database
from trainer.store.models import CreditAward


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


def test_a_sqlite_database_loads_no_postgresql_dialect(paths: Paths) -> None:
    open_database(paths, backup=False).close()  # created here: Alembic knows every dialect
    code = ("import sys; from pathlib import Path; from trainer.config import Paths;"
            "from trainer.store.db import open_database;"
            "open_database(Paths(Path(sys.argv[1])).ensure(), backup=False).close();"
            "print(sorted(m for m in sys.modules if 'postgresql' in m))")  # as each start does
    root = str(Path(__file__).resolve().parents[2])
    done = subprocess.run([sys.executable, "-c", code, str(paths.data_dir)], check=True,
                          capture_output=True, text=True, timeout=120,  # opened again
                          env={**os.environ, "PYTHONPATH": root})
    assert done.stdout.strip() == "[]"


@pytest.mark.postgres
def test_postgresql_keeps_the_partial_index(paths: Paths, pg_schema_url: str) -> None:
    pg_store = open_database(paths, pg_schema_url)
    index = next(i for i in CreditAward.__table__.indexes
                 if i.name == "uq_credit_awards_assessment")
    assert str(index.dialect_kwargs["postgresql_where"]) == "module_id IS NULL"
    with pg_store.engine.connect() as conn:
        made = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = "
                                 "'uq_credit_awards_assessment' AND schemaname = current_schema()")).scalar_one()
    pg_store.close()
    assert "WHERE (module_id IS NULL)" in made
