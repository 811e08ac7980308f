"""``trainer db check`` and ``trainer admin audit`` report a tampered audit log (exit status 1,
one message on stderr), on SQLite and PostgreSQL, without changing the database."""

from __future__ import annotations

import io
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from trainer.cli import main
from trainer.config import Paths
from trainer.store.engine import make_engine, parse_url
from trainer.store.migrate import upgrade


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, data_dir: Path,
            monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "postgresql":
        monkeypatch.setenv("TRAINER_DATABASE_URL", request.getfixturevalue("pg_schema_url"))
    return request.param


def three_entries(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("管理员密码123\n管理员密码456\n"))
    assert run(capsys, "admin", "create", "--employee-no", "A1", "--name", "王管理",
               "--password-stdin")[0] == 0
    assert run(capsys, "admin", "reset-pin", "A1", "--password-stdin")[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("管理员密码789\n"))
    assert run(capsys, "admin", "create", "--employee-no", "A2", "--name", "李管理",
               "--password-stdin")[0] == 0


def tamper(data_dir: Path, backend: str, *statements: str) -> None:
    """Change the database with an SQL tool, as someone covering their tracks would."""
    if backend == "sqlite":
        conn = sqlite3.connect(Paths(data_dir).database_file)
        try:
            for statement in statements:
                conn.execute(statement)
            conn.commit()
        finally:
            conn.close()
        return
    engine = create_engine(os.environ["TRAINER_DATABASE_URL"])
    with engine.begin() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)
    engine.dispose()


def triggers(backend: str) -> tuple[str, str]:
    if backend == "sqlite":
        return "DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"
    return ("DROP TRIGGER audit_log_append_only ON audit_log",
            "DROP TRIGGER audit_log_no_truncate ON audit_log")


def test_an_intact_log_is_reported_as_such(backend: str, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    three_entries(capsys, monkeypatch)
    status, out, err = run(capsys, "db", "check")
    assert (status, err) == (0, "") and "Audit log: 3 entries, chain intact" in out
    status, out, err = run(capsys, "admin", "audit")
    assert (status, err) == (0, "") and "#3" in out and "chain intact" in out


@pytest.mark.parametrize(("change", "found"), [
    ("UPDATE audit_log SET actor_name = '别人' WHERE id = 2",
     "chain broken at entry 2: it was changed after it was written"),
    ("DELETE FROM audit_log WHERE id = 2",
     "chain broken at entry 3: the entry before it was deleted"),
])
def test_an_edited_or_deleted_entry_fails_the_check(
        backend: str, data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, change: str, found: str) -> None:
    three_entries(capsys, monkeypatch)
    tamper(data_dir, backend, *triggers(backend), change)
    status, out, err = run(capsys, "db", "check")
    assert status == 1 and found in out
    assert err.startswith("trainer: The audit log was changed outside Trainer: ")
    assert found in err and "not append-only any more" in err and "Traceback" not in err
    status, out, err = run(capsys, "admin", "audit")
    assert status == 1 and found in out and found in err


def test_removed_triggers_alone_fail_the_check(backend: str, data_dir: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    three_entries(capsys, monkeypatch)
    tamper(data_dir, backend, triggers(backend)[0])
    status, out, err = run(capsys, "db", "check")
    name = triggers(backend)[0].split()[2]
    assert status == 1 and "chain intact" in out
    assert f"missing or disabled trigger(s): {name}" in err


def test_an_older_schema_is_checked_without_being_upgraded(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = Paths(data_dir).ensure()
    engine = make_engine(parse_url(paths.database_url))
    upgrade(engine, "test", "0005")
    engine.dispose()
    status, out, err = run(capsys, "db", "check")
    assert (status, err) == (0, "") and "chained when the schema is upgraded" in out
    conn = sqlite3.connect(paths.database_file)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0005",)
    finally:
        conn.close()


def test_pack_import_is_audited_as_the_command_line(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    minimal = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "minimal"
    assert run(capsys, "pack", "import", str(minimal))[0] == 0
    status, out, _ = run(capsys, "admin", "audit", "--action", "pack.install")
    assert status == 0 and "command line  pack.install" in out and '"version": "1.0.0"' in out
