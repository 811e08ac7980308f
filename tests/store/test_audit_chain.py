"""The audit log's hash chain: an entry edited or deleted behind Trainer's back, or the log's
append-only triggers removed, is found; appenders in several processes never fork the chain."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from store_builders import admin

from trainer.config import Paths
from trainer.store import audit
from trainer.store.audit_chain import GENESIS, ChainReport, entry_hash, verify
from trainer.store.db import Database
from trainer.store.migrate import downgrade, upgrade
from trainer.store.models import AuditEntry
from trainer.store.permissions import COMMAND_LINE


def chain(db: Database) -> ChainReport:
    with db.engine.connect() as conn:
        return verify(conn)


def fill(db: Database, count: int) -> None:
    for n in range(count):
        audit.record(db, COMMAND_LINE, audit.REPORT_EXPORT, {"file": f"报表{n}.csv", "rows": n})


def drop_triggers(db: Database) -> None:
    """What someone with an SQL tool does first, since the triggers refuse the edit."""
    with db.engine.begin() as conn:
        if db.is_sqlite:
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        else:
            conn.exec_driver_sql("DROP TRIGGER audit_log_append_only ON audit_log")


def behind_the_back(db: Database, sql: str) -> None:
    drop_triggers(db)
    with db.engine.begin() as conn:
        conn.execute(text(sql))


def test_each_entry_follows_the_one_before(store: Database) -> None:
    fill(store, 3)
    with store.session() as session:  # entries of one transaction chain in order too
        audit.record(session, COMMAND_LINE, audit.PIN_RESET, {"learner_id": 1})
        audit.record(session, COMMAND_LINE, audit.ROLE_CHANGE, {"learner_id": 1})
    with store.reader() as session:
        rows = session.execute(text("SELECT prev_hash, hash FROM audit_log ORDER BY id")).all()
    assert [r.prev_hash for r in rows] == [GENESIS] + [r.hash for r in rows[:-1]]
    report = chain(store)
    assert report.intact and report.entries == 5 and report.head == rows[-1].hash
    assert report.lines() == [f"Audit log: 5 entries, chain intact (newest hash "
                              f"{rows[-1].hash[:16]})"]


def test_details_hash_the_same_after_the_round_trip_through_the_database(
        store: Database) -> None:
    """PostgreSQL's jsonb rewrites numbers and key order; SQLite keeps the text: either way the
    entry read back must hash as it was written."""
    detail = {"z": 1, "a": [1.0, 0.1, 1e20, 1e308, 2**60, -3, True, None], "人员": "王小明",
              "nested": {"b": (1, 2), "a": {"x": 2.5e-7}}, "empty": {}, "quote": "\"\\\n"}
    audit.record(store, COMMAND_LINE, audit.PROGRESS_MERGE, detail)
    assert chain(store).intact


@pytest.mark.parametrize(("written", "read_back"), [
    ({"b": 1, "a": 2}, {"a": 2, "b": 1}),  # jsonb orders keys its own way
    ({"n": 1e20}, {"n": 10**20}),  # jsonb returns an integral float as an integer
    ({"n": 2.0}, {"n": 2}),
    ({"n": 1e308}, {"n": 10**308}),
    ({"t": (1, "二")}, {"t": [1, "二"]}),
])
def test_one_spelling_per_value_whatever_the_backend_returns(written: object,
                                                             read_back: object) -> None:
    at = datetime(2026, 3, 1, 9, 0, 0, 5, tzinfo=UTC)
    assert entry_hash(GENESIS, at, 1, "王", "x", written) == entry_hash(
        GENESIS, at.astimezone(timezone(timedelta(hours=8))), 1, "王", "x", read_back)


@pytest.mark.parametrize("changed", [{"n": 3}, {"n": 2.5}, {"n": "2"}, {"n": True}, {"m": 2},
                                     {"n": [2]}, {"n": None}])
def test_any_change_to_a_value_changes_the_hash(changed: object) -> None:
    at = datetime(2026, 3, 1, 9, tzinfo=UTC)
    assert entry_hash(GENESIS, at, 1, "王", "x", {"n": 2}) != entry_hash(
        GENESIS, at, 1, "王", "x", changed)
    assert entry_hash(GENESIS, at, 1, "王", "x", {"n": 2}) != entry_hash(
        GENESIS, at + timedelta(microseconds=1), 1, "王", "x", {"n": 2})


def test_an_edited_entry_is_found(store: Database) -> None:
    fill(store, 4)
    behind_the_back(store, "UPDATE audit_log SET actor_name = '别人' WHERE id = 2")
    report = chain(store)
    assert (report.broken_at, report.problem) == (2, "it was changed after it was written")
    assert not report.intact and report.missing_triggers


def test_an_edited_detail_is_found(store: Database) -> None:
    fill(store, 2)
    behind_the_back(store, "UPDATE audit_log SET detail = "
                           + ("'{\"file\": \"x.csv\", \"rows\": 0}'" if store.is_sqlite else
                              "'{\"file\": \"x.csv\", \"rows\": 0}'::jsonb") + " WHERE id = 1")
    assert chain(store).broken_at == 1


@pytest.mark.parametrize(("gone", "broken_at", "problem"), [
    (2, 3, "the entry before it was deleted or its hash was changed"),
    (1, 2, "the entries before it were deleted"),
])
def test_a_deleted_entry_is_found(store: Database, gone: int, broken_at: int,
                                  problem: str) -> None:
    fill(store, 4)
    behind_the_back(store, f"DELETE FROM audit_log WHERE id = {gone}")
    report = chain(store)
    assert (report.broken_at, report.problem, report.entries) == (broken_at, problem, 3)


def test_a_rehashed_entry_breaks_the_link_to_the_next(store: Database) -> None:
    """Editing an entry and writing a matching hash still shows at the entry after it."""
    fill(store, 3)
    behind_the_back(store, "UPDATE audit_log SET hash = '" + "f" * 64 + "' WHERE id = 2")
    report = chain(store)
    assert report.broken_at == 2 and report.breaks == 2  # its own hash, and the next link


def test_missing_or_disabled_triggers_are_reported(store: Database) -> None:
    fill(store, 1)
    assert chain(store).missing_triggers == ()
    with store.engine.begin() as conn:
        if store.is_sqlite:
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        else:
            conn.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate")
    report = chain(store)
    gone = "audit_log_no_delete" if store.is_sqlite else "audit_log_no_truncate"
    assert report.broken_at is None and report.missing_triggers == (gone,)
    assert not report.intact and gone in report.lines()[1]


def test_a_trigger_made_harmless_is_reported(store: Database) -> None:
    with store.engine.begin() as conn:
        if store.is_sqlite:
            conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            conn.exec_driver_sql("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                                 "BEGIN SELECT 'the audit log is append-only'; END")
        else:
            conn.exec_driver_sql(
                "CREATE OR REPLACE FUNCTION trainer_audit_append_only() RETURNS trigger "
                "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$")
    missing = chain(store).missing_triggers
    assert missing == (("audit_log_no_update",) if store.is_sqlite else
                       ("audit_log_append_only", "audit_log_no_truncate"))


def test_a_rolled_back_action_leaves_no_entry_and_no_gap(store: Database) -> None:
    fill(store, 1)
    with pytest.raises(RuntimeError), store.session() as session:
        audit.record(session, COMMAND_LINE, audit.PROGRESS_MERGE, {"file": "b.zip"})
        raise RuntimeError("the merge failed")
    fill(store, 1)
    report = chain(store)
    assert report.intact and report.entries == 2


def test_chain_status_is_for_administrators(store: Database) -> None:
    from trainer.store.errors import PermissionDenied
    from trainer.store.learners import create_learner

    boss = admin(store)
    assert audit.chain_status(store, boss).intact
    person = create_learner(store, "E1", "王", pin=None)
    with pytest.raises(PermissionDenied):
        audit.chain_status(store, person)


CHILD = """
import sys
from pathlib import Path
from trainer.config import Paths
from trainer.store import audit
from trainer.store.db import open_database
from trainer.store.permissions import COMMAND_LINE

with open_database(Paths(Path(sys.argv[1])), sys.argv[2] or None, backup=False) as db:
    for n in range(int(sys.argv[3])):
        with db.session() as session:
            audit.record(session, COMMAND_LINE, "test.append", {"writer": sys.argv[4], "n": n})
"""


def test_writers_in_several_processes_never_fork_the_chain(
        store: Database, paths: Paths, store_url: str | None) -> None:
    writers, each = 3, 40
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    children = [subprocess.Popen([sys.executable, "-c", CHILD, str(paths.data_dir),
                                  store_url or "", str(each), f"w{w}"], env=env,
                                 stderr=subprocess.PIPE, text=True) for w in range(writers)]
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    report = chain(store)
    assert report.intact and report.entries == writers * each
    with store.reader() as session:
        links = session.execute(text("SELECT count(DISTINCT prev_hash) FROM audit_log")).scalar()
    assert links == writers * each, "two entries chained onto the same one"


def test_the_upgrade_chains_existing_entries_and_keeps_the_log_append_only(
        store: Database) -> None:
    downgrade(store.engine, "0005")
    with store.engine.begin() as conn:
        for n, detail in enumerate(['{"role": "admin"}', '{"rows": 2.0, "人": "王"}',
                                    '{"a": [1e20, 0.5]}'], start=1):
            cast = "" if store.is_sqlite else "::jsonb"
            conn.execute(text(f"INSERT INTO audit_log (at, actor_id, actor_name, action, "
                              f"detail) VALUES ('2026-01-0{n} 08:00:00', NULL, "
                              f"'command line', 'role.grant', '{detail}'{cast})"))
    upgrade(store.engine, store.where)
    report = chain(store)
    assert report.intact and report.entries == 3
    fill(store, 1)  # new entries follow the migrated ones
    assert chain(store).intact and chain(store).entries == 4
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log"))
    with store.reader() as session:
        assert session.query(AuditEntry).count() == 4


def test_downgrade_keeps_the_log_append_only(store: Database) -> None:
    fill(store, 1)
    downgrade(store.engine, "0005")
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET action = 'x'"))
    upgrade(store.engine, store.where)
