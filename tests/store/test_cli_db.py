"""``trainer db …`` and ``trainer admin …`` as a user runs them: output, exit status, files."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.config import Paths
from trainer.store.db import open_database
from trainer.store.learners import find_by_employee_no, sign_in


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_check_on_a_fresh_data_folder(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "db", "check")
    assert (status, err) == (0, "")
    assert "Integrity: ok" in out and "(current)" in out and "0 learners" in out


def test_check_reports_garbage_and_leaves_it(data_dir: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "db", "check")
    run(capsys, "db", "backup")
    file = Paths(data_dir).database_file
    file.write_bytes(b"\x00garbage" * 1000)
    digest = hashlib.sha256(file.read_bytes()).hexdigest()
    status, out, err = run(capsys, "db", "check")
    assert status == 1 and out == ""
    assert f"The database {file} is damaged" in err and "trainer db restore" in err
    assert "Traceback" not in err
    status, _, err = run(capsys, "admin", "audit")  # any other command refuses the same way
    assert status == 1 and "damaged" in err
    assert hashlib.sha256(file.read_bytes()).hexdigest() == digest


def test_backup_list_and_restore(data_dir: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("first-pass\n"))
    run(capsys, "admin", "create", "--employee-no", "A1", "--name", "王管理", "--password-stdin")
    status, out, _ = run(capsys, "db", "backup")
    saved = Path(out.strip().removeprefix("Backed up to "))
    assert status == 0 and saved.is_file()
    monkeypatch.setattr("sys.stdin", io.StringIO("second-pass\n"))
    run(capsys, "admin", "create", "--employee-no", "A2", "--name", "李管理", "--password-stdin")
    status, out, _ = run(capsys, "db", "backup", "--list")
    assert saved.name in out
    status, out, err = run(capsys, "db", "restore", saved.name)
    assert (status, out) == (1, "")  # 李管理 came after the backup
    assert "would drop 1 learner and 1 audit entry" in err and "--force" in err
    assert "Traceback" not in err
    status, out, err = run(capsys, "db", "restore", saved.name, "--force")
    assert status == 0, err
    assert "was kept as" in out and "It held 1 learner and 1 audit entry" in out
    with open_database(Paths(data_dir)) as db:
        assert find_by_employee_no(db, "A1") is not None
        assert find_by_employee_no(db, "A2") is None


def test_admin_create_set_role_reset_pin_and_audit(data_dir: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("管理员密码123\n"))
    status, out, err = run(capsys, "admin", "create", "--employee-no", "A1", "--name", "王管理",
                           "--department", "临江市数据资源局", "--password-stdin")
    assert (status, err) == (0, "") and "王管理 (A1) created" in out
    with open_database(Paths(data_dir)) as db:
        admin = find_by_employee_no(db, "A1")
        assert admin is not None and admin.role == "admin"
        assert sign_in(db, admin.id, "管理员密码123").id == admin.id
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert run(capsys, "admin", "reset-pin", "A1", "--password-stdin")[0] == 0
    status, out, err = run(capsys, "admin", "set-role", "A1", "learner")
    assert status == 1 and "only administrator" in err
    status, out, _ = run(capsys, "admin", "audit")
    assert "role.grant" in out and "pin.reset" in out and "command line" in out


def test_admin_create_needs_a_password(data_dir: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("abc\n"))
    status, _, err = run(capsys, "admin", "create", "--employee-no", "A1", "--name", "王",
                         "--password-stdin")
    assert status == 1 and "at least 4 characters" in err
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    status, _, err = run(capsys, "admin", "create", "--employee-no", "A1", "--name", "王")
    assert status == 2 and "--password-stdin" in err


def test_upgrade_when_current(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "db", "upgrade")
    assert status == 0 and "from empty" in out
    status, out, _ = run(capsys, "db", "upgrade")
    assert status == 0 and "already at the newest schema" in out


def test_file_commands_refuse_a_server(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://u:p@127.0.0.1:1/x"
    status, _, err = run(capsys, "--database-url", url, "db", "backup")
    assert status == 2 and "pg_dump" in err


def test_an_unreachable_server_is_named_without_its_password(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://trainer:secret-pw@127.0.0.1:1/trainer"
    status, out, err = run(capsys, "--database-url", url, "db", "check")
    assert status == 1 and "Cannot reach the database server" in err
    assert "secret-pw" not in err and "***" in err


def test_a_url_that_is_not_a_database(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "--database-url", "mysql://x/y", "db", "check")
    assert status == 1 and "Trainer works with SQLite or PostgreSQL" in err


def test_summaries_check_finds_a_tampered_row_and_rebuild_repairs_it(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import update

    from trainer.store.learners import create_learner
    from trainer.store.models import SummaryCompetency, SummaryStanding
    from trainer.store.progress import record_attempt

    with open_database(Paths(data_dir).ensure()) as db:
        person = create_learner(db, "E1", "王小明", "市数据局")
        record_attempt(db, person.id, "digital-government", "1.0.0", "m1-q1", {}, 0.5,
                       {}, datetime(2026, 3, 2, tzinfo=UTC))
    status, out, _ = run(capsys, "db", "summaries", "--rebuild")
    assert status == 0 and "rebuilt" in out
    assert run(capsys, "db", "summaries")[:2] == (0, "Summaries: in step with the answers.\n")
    with open_database(Paths(data_dir)) as db, db.session() as session:
        changed = session.execute(update(SummaryCompetency).values(weighted=0.9)).rowcount
    assert changed >= 1
    status, out, _ = run(capsys, "db", "summaries")
    assert status == 1 and f"competencies {changed} row(s)" in out and "--rebuild" in out
    assert run(capsys, "db", "summaries", "--rebuild")[0] == 0
    assert run(capsys, "db", "summaries")[0] == 0
    with open_database(Paths(data_dir)) as db, db.session() as session:  # dated figures' rows
        changed = session.execute(update(SummaryStanding).values(weighted=0.1)).rowcount
    status, out, _ = run(capsys, "db", "summaries")
    assert changed >= 1 and status == 1 and f"standing {changed} row(s)" in out
    assert run(capsys, "db", "summaries", "--rebuild")[0] == 0
    assert run(capsys, "db", "summaries")[0] == 0
