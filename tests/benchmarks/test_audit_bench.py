"""The audit log's hash chain: what it costs an audited action, and how long ``trainer db check``
takes to verify 100,000 entries (and migration 0006 to chain them).

The baseline is the same action's entry written without the chain (as before revision 0006),
measured in the same run. SQLite always; PostgreSQL too when TRAINER_TEST_DATABASE_URL is set.

Run: pytest tests/benchmarks/test_audit_bench.py -p no:cacheprovider -s
(TRAINER_BENCH_AUDIT_ENTRIES=20000 for a quicker run)
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

from tests.store.conftest import BACKENDS, pg_schema_url, postgres_url  # noqa: F401 - fixtures
from trainer.config import Paths
from trainer.store import audit
from trainer.store.audit_chain import GENESIS, entry_hash, verify
from trainer.store.db import Database, open_database
from trainer.store.migrate import downgrade, upgrade
from trainer.store.models import AuditEntry
from trainer.store.permissions import COMMAND_LINE

ACTIONS = 500
ENTRIES = int(os.environ.get("TRAINER_BENCH_AUDIT_ENTRIES", "100000"))
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
DETAIL = {"format": "xlsx", "file": "临江市-报表.xlsx", "rows": 10_000,
          "filters": {"department": "数据资源局", "since": None}}


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    url = None if request.param == "sqlite" else request.getfixturevalue("pg_schema_url")
    database = open_database(Paths(tmp_path / "data").ensure(), url)
    yield database
    database.close()


def _ms(samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=100)
    return f"median {statistics.median(samples) * 1000:.2f} ms, p95 {cuts[94] * 1000:.2f} ms"


def _unchained(db: Database) -> None:
    """Baseline: the entry as revision 0005 wrote it (no head look-up, lock or hash)."""
    with db.session() as session:
        session.add(AuditEntry(actor_id=None, actor_name="command line",
                               action=audit.REPORT_EXPORT, detail=DETAIL, prev_hash="-",
                               hash="-"))


def test_cost_of_an_audited_action(db: Database) -> None:
    chained, bare = [], []
    for _ in range(ACTIONS):
        start = time.perf_counter()
        audit.record(db, COMMAND_LINE, audit.REPORT_EXPORT, DETAIL)
        chained.append(time.perf_counter() - start)
        start = time.perf_counter()
        _unchained(db)
        bare.append(time.perf_counter() - start)
    backend = "SQLite" if db.is_sqlite else "PostgreSQL"
    print(f"\n{backend}: audited action {_ms(chained)}; without the chain {_ms(bare)}; "
          f"load {os.getloadavg()[0]:.1f}")


def _fill(db: Database, count: int) -> None:
    """``count`` chained entries, written in bulk (as ``seal`` would chain them)."""
    prev, rows = GENESIS, []
    for n in range(count):
        at = T0 + timedelta(seconds=n)
        detail = {**DETAIL, "rows": n}
        digest = entry_hash(prev, at, None, "command line", audit.REPORT_EXPORT, detail)
        rows.append({"at": at, "actor_id": None, "actor_name": "command line",
                     "action": audit.REPORT_EXPORT, "detail": detail, "prev_hash": prev,
                     "hash": digest})
        prev = digest
        if len(rows) == 5000:
            with db.session() as session:
                session.execute(insert(AuditEntry), rows)
            rows = []
    if rows:
        with db.session() as session:
            session.execute(insert(AuditEntry), rows)


def test_check_and_migration_time(db: Database) -> None:
    _fill(db, ENTRIES)
    start, cpu = time.perf_counter(), time.process_time()
    with db.engine.connect() as conn:
        report = verify(conn)
    checked, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert report.intact and report.entries == ENTRIES
    downgrade(db.engine, "0005")
    start = time.perf_counter()
    upgrade(db.engine, db.where)
    migrated = time.perf_counter() - start
    with db.engine.connect() as conn:
        assert verify(conn).intact
    backend = "SQLite" if db.is_sqlite else "PostgreSQL"
    print(f"\n{backend}: verifying {ENTRIES:,} entries {checked:.2f} s "
          f"({checked / ENTRIES * 1e6:.1f} µs each; this process's CPU {cpu:.2f} s); "
          f"upgrade 0005→0006 chaining them {migrated:.2f} s; load {os.getloadavg()[0]:.1f}")
