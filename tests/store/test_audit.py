"""The audit log: who did what and when, for administrators only, and append-only in the database."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError
from store_builders import admin, learner

from trainer.store import audit
from trainer.store.db import Database
from trainer.store.errors import PermissionDenied
from trainer.store.models import AuditEntry


def test_entries_say_who_what_and_when(store: Database) -> None:
    boss = admin(store)
    audit.record(store, boss, audit.REPORT_EXPORT, {"format": "xlsx", "file": "/tmp/报表.xlsx"})
    audit.record(store, boss, audit.PACK_INSTALL, {"pack": "digital-government", "version": "1.0"})
    newest = audit.entries(store, boss, limit=2)
    assert [e.action for e in newest] == [audit.PACK_INSTALL, audit.REPORT_EXPORT]
    assert newest[1].detail["file"] == "/tmp/报表.xlsx"
    assert newest[0].actor_name == "管理员 (A0001)" and newest[0].at.tzinfo is not None
    assert [e.action for e in audit.entries(store, boss, action=audit.REPORT_EXPORT)] == [
        audit.REPORT_EXPORT]


def test_an_entry_joins_the_actions_transaction(store: Database) -> None:
    boss = admin(store)
    with pytest.raises(RuntimeError), store.session() as session:
        audit.record(session, boss, audit.PROGRESS_MERGE, {"file": "bundle.zip"})
        raise RuntimeError("the merge failed")
    assert audit.entries(store, boss, action=audit.PROGRESS_MERGE) == []


def test_only_admins_read_the_log(store: Database) -> None:
    person = learner(store)
    with pytest.raises(PermissionDenied):
        audit.entries(store, person)
    with pytest.raises(PermissionDenied):
        audit.entries(store, None)


@pytest.mark.parametrize("change", [
    update(AuditEntry).values(action="nothing"),
    delete(AuditEntry),
])
def test_the_database_refuses_to_rewrite_history(store: Database, change: object) -> None:
    boss = admin(store)
    with pytest.raises(DBAPIError, match="append-only"), store.session() as session:
        session.execute(change)  # type: ignore[call-overload]
    assert len(audit.entries(store, boss)) == 1
    with store.session() as session:
        assert session.execute(text("SELECT count(*) FROM audit_log")).scalar() == 1
