"""Alembic revisions: one straight line, head equal to the models, and upgrades keep every row."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from store_builders import attempt, learner

from trainer.config import Paths
from trainer.store import backup
from trainer.store.db import Database, open_database
from trainer.store.engine import make_engine, parse_url
from trainer.store.migrate import alembic_config, current_revision, downgrade, upgrade
from trainer.store.migrations import HEAD, REVISIONS
from trainer.store.models import Base
from trainer.store.progress import attempts, lesson_states

TABLES = ("departments", "learners", "devices", "enrollments", "lesson_progress", "attempts",
          "audit_log")


def test_the_revision_chain_is_linear_and_listed() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_heads() == [HEAD] and scripts.get_bases() == [REVISIONS[0]]
    chain = [rev.revision for rev in scripts.walk_revisions("base", "heads")][::-1]
    assert chain == list(REVISIONS)
    for rev in scripts.walk_revisions():
        assert not isinstance(rev.down_revision, tuple | list), f"{rev.revision} merges branches"


def test_head_matches_the_models(store: Database) -> None:
    with store.engine.connect() as conn:
        assert current_revision(conn) == HEAD
        differences = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert differences == []


def test_downgrade_to_nothing_and_back(store: Database) -> None:
    downgrade(store.engine, "base")
    with store.engine.connect() as conn:
        assert current_revision(conn) is None
    upgrade(store.engine, store.where)
    with store.engine.connect() as conn:
        assert current_revision(conn) == HEAD


def test_a_table_rebuild_keeps_the_rows_pointing_at_it(store: Database) -> None:
    person = learner(store)
    attempt(store, person)
    downgrade(store.engine, REVISIONS[0])  # SQLite rebuilds the learners table here
    upgrade(store.engine, store.where)
    assert len(attempts(store, person.id)) == 1


# Rows as revision 0001 stored them, written with plain SQL so this test keeps its meaning
# whatever the models look like later.
REVISION_1_ROWS = [
    "INSERT INTO departments VALUES (1, '临江市数据资源局', '2026-01-05 08:00:00')",
    "INSERT INTO devices VALUES ('0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'office-pc', 1,"
    " '2026-01-05 08:00:00')",
    "INSERT INTO learners VALUES (1, 'A1', '管理员', NULL, 'admin', NULL, 'scrypt$16384$8$1$c2FsdA==$"
    "aGFzaA==', 1, 0, NULL, '2026-01-05 08:00:00', '2026-01-05 08:00:00')",
    "INSERT INTO learners VALUES (2, 'E1001', '王小明', 1, 'learner', 'wang@example.gov.cn', NULL, 1,"
    " 2, NULL, '2026-01-05 08:00:00', '2026-01-06 09:00:00')",
    "INSERT INTO enrollments VALUES (1, 2, 'digital-government', '2026-01-06 09:00:00')",
    "INSERT INTO lesson_progress VALUES (1, 2, 'digital-government', '01-why', 'completed', 620,"
    " '{\"y\": 0.5}', '2026-01-06 09:10:00')",
    "INSERT INTO attempts VALUES ('00000000000040008000000000000001', 2, 'digital-government',"
    " '1.0.0', 'ex-1', '{\"choice\": 2}', 1.0, '{\"data-literacy\": 1.0}',"
    " '2026-01-06 09:05:00', '2026-01-06 09:05:30', '0f1e2d3c4b5a69788796a5b4c3d2e1f0',"
    " '2026-01-06 09:05:30')",
    "INSERT INTO attempts VALUES ('00000000000040008000000000000002', 2, 'digital-government',"
    " '1.0.0', 'ex-open', '{\"text\": \"数据共享\"}', NULL, '{}', '2026-01-06 09:06:00',"
    " NULL, NULL, '2026-01-06 09:06:30')",
    "INSERT INTO audit_log VALUES (1, '2026-01-05 08:00:00', 1, '管理员 (A1)', 'role.grant',"
    " '{\"role\": \"admin\"}')",
]


def _first_revision_file(paths: Paths) -> None:
    engine = make_engine(parse_url(paths.database_url))
    upgrade(engine, "test", REVISIONS[0])
    with engine.begin() as conn:
        for statement in REVISION_1_ROWS:
            conn.exec_driver_sql(statement)
    engine.dispose()


def _dump(file: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the revision-1 columns of every table."""
    conn = sqlite3.connect(file)
    try:
        dump = {}
        for table in TABLES:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            wanted = [c for c in columns if c in REVISION_1_COLUMNS[table]]
            dump[table] = conn.execute(f"SELECT {', '.join(wanted)} FROM {table} "
                                       "ORDER BY 1").fetchall()
        return dump
    finally:
        conn.close()


REVISION_1_COLUMNS = {
    "departments": {"id", "name", "created_at"},
    "devices": {"id", "name", "is_local", "created_at"},
    "learners": {"id", "employee_no", "name", "department_id", "role", "email", "pin_hash",
                 "active", "failed_tries", "locked_until", "created_at", "updated_at"},
    "enrollments": {"id", "learner_id", "pack_id", "enrolled_at"},
    "lesson_progress": {"id", "learner_id", "pack_id", "module_id", "status", "seconds",
                        "position", "updated_at"},
    "attempts": {"id", "learner_id", "pack_id", "pack_version", "exercise_id", "response",
                 "score", "weights", "started_at", "finished_at", "device_id", "recorded_at"},
    "audit_log": {"id", "at", "actor_id", "actor_name", "action", "detail"},
}


def test_a_first_revision_database_upgrades_without_losing_a_row(paths: Paths) -> None:
    _first_revision_file(paths)
    before = _dump(paths.database_file)
    assert len(before["attempts"]) == 2 and len(before["learners"]) == 2
    with open_database(paths) as db:
        with db.engine.connect() as conn:
            assert current_revision(conn) == HEAD
        history = attempts(db, 2)
        assert [a.response for a in history] == [{"choice": 2}, {"text": "数据共享"}]
        assert lesson_states(db, 2, "digital-government")["01-why"].seconds == 620
        assert db.device_id == uuid.UUID("0f1e2d3c4b5a69788796a5b4c3d2e1f0")
    assert _dump(paths.database_file) == before
    kept = backup.latest_backup(paths.backups_dir)
    assert kept is not None and "before-upgrade" in kept.name
    assert _dump(kept) == before  # the backup holds the data as it was
