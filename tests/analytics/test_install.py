"""Installing a course pack: trainers and administrators only, audited for every caller, and an
install that cannot be audited is undone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from trainer.analytics.install import install_pack, may_install
from trainer.content.library import Library
from trainer.store import audit
from trainer.store.db import Database
from trainer.store.errors import PermissionDenied
from trainer.store.info import AuditInfo
from trainer.store.learners import create_learner, update_learner
from trainer.store.permissions import COMMAND_LINE

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "minimal"


def version(tmp_path: Path, number: str) -> Path:
    folder = tmp_path / f"minimal-{number}"
    shutil.copytree(MINIMAL, folder)
    manifest = folder / "course.yaml"
    text_ = manifest.read_text(encoding="utf-8")
    manifest.write_text(text_.replace("version: 1.0.0", f"version: {number}"), encoding="utf-8")
    return folder


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "packs")


def installs(db: Database) -> list[AuditInfo]:
    return audit.entries(db, COMMAND_LINE, action=audit.PACK_INSTALL)


@pytest.mark.parametrize("role", ["learner", "hr"])
def test_only_trainers_and_administrators_install(db: Database, library: Library,
                                                  role: str) -> None:
    person = create_learner(db, "E1", "王小明", role=role, pin=None if role == "learner"
                            else "pass-1234", actor=COMMAND_LINE)
    assert not may_install(person) and not may_install(None)
    with pytest.raises(PermissionDenied, match="trainer"):
        install_pack(db, library, MINIMAL, actor=person)
    with pytest.raises(PermissionDenied, match="sign in"):
        install_pack(db, library, MINIMAL, actor=None)
    assert library.packs() == [] and installs(db) == []


def test_a_trainer_installs_and_replacing_names_the_old_version(
        db: Database, library: Library, tmp_path: Path) -> None:
    trainer = create_learner(db, "T1", "李老师", role="trainer", pin="pass-1234",
                             actor=COMMAND_LINE)
    assert may_install(trainer) and may_install(COMMAND_LINE)
    install_pack(db, library, MINIMAL, actor=trainer)
    install_pack(db, library, MINIMAL, actor=trainer)  # unchanged: nothing to audit
    install_pack(db, library, version(tmp_path, "1.1.0"), actor=COMMAND_LINE)
    newest, first = installs(db)
    assert (first.actor_id, first.detail["version"], first.detail["replaced"]) == (
        trainer.id, "1.0.0", None)
    assert (newest.actor_name, newest.detail["version"], newest.detail["replaced"]) == (
        "command line", "1.1.0", "1.0.0")
    assert newest.detail["pack_id"] == "broken-example" and newest.detail["source"] == "minimal-1.1.0"


def test_a_role_taken_away_after_sign_in_counts_at_once(db: Database, library: Library) -> None:
    trainer = create_learner(db, "T1", "李老师", role="trainer", pin="pass-1234",
                             actor=COMMAND_LINE)
    update_learner(db, trainer.id, actor=COMMAND_LINE, active=False)
    with pytest.raises(PermissionDenied):
        install_pack(db, library, MINIMAL, actor=trainer)  # the stale LearnerInfo grants nothing
    assert library.packs() == []


def test_an_install_that_cannot_be_audited_is_undone(db: Database, library: Library) -> None:
    with db.engine.begin() as conn:  # the log refuses every new entry, as a full disk would
        if db.is_sqlite:
            conn.exec_driver_sql("CREATE TRIGGER refuse BEFORE INSERT ON audit_log "
                                 "BEGIN SELECT RAISE(ABORT, 'no room'); END")
        else:
            conn.exec_driver_sql("ALTER TABLE audit_log ADD CONSTRAINT refuse CHECK (false) "
                                 "NOT VALID")
    with pytest.raises(DBAPIError, match="refuse|no room"):
        install_pack(db, library, MINIMAL, actor=COMMAND_LINE)
    assert library.packs() == [] and not any(library.packs_dir.iterdir())
    with db.reader() as session:
        assert session.execute(text("SELECT count(*) FROM audit_log")).scalar() == 0
