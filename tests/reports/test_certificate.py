"""Certificates: issued only after a pass, once per course; codes verify, forgeries do not."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta

import pytest

from tests.analytics.builders import T0, add_attempt, mini_pack
from trainer.analytics.certificates import (
    ACTION,
    certificate_code,
    issue_certificate,
    load_secret,
    normalise_code,
    verify_certificate,
)
from trainer.analytics.errors import CertificateError
from trainer.cli import main
from trainer.store.db import open_database
from trainer.store.learners import create_learner
from trainer.store.permissions import COMMAND_LINE


@pytest.fixture
def db(paths):
    database = open_database(paths)
    yield database
    database.close()


def passed(db, pack, employee_no="E7", name="张三"):
    learner = create_learner(db, employee_no, name, "民政局").id
    add_attempt(db, learner, pack, "f1", 1.0, T0)
    add_attempt(db, learner, pack, "f2", 0.5, T0)  # 75 %
    return learner


def test_secret_is_private_and_stable(paths) -> None:
    first = load_secret(paths)
    assert len(first) == 32 and load_secret(paths) == first
    assert stat.S_IMODE(os.stat(paths.secret_file).st_mode) == 0o600


def test_a_key_cut_short_while_being_made_is_never_left_behind(paths, monkeypatch) -> None:
    """Killed between creating the key file and writing it, the old code left an empty key
    that refused every later certificate; now the key appears only once written in full."""
    def cut_short(_: int) -> bytes:
        raise KeyboardInterrupt  # the process dies here

    monkeypatch.setattr("secrets.token_bytes", cut_short)
    with pytest.raises(KeyboardInterrupt):
        load_secret(paths)
    monkeypatch.undo()
    assert not paths.secret_file.exists()
    assert len(load_secret(paths)) == 32
    assert [p.name for p in paths.data_dir.glob("*.partial")] == []


def test_code_depends_on_every_field_and_the_secret() -> None:
    fields = dict(employee_no="E7", name="张三", pack_id="mini", passed_on=date(2025, 3, 3),
                  score=75)
    code = certificate_code(b"k" * 32, **fields)
    assert len(code) == 19 and code.count("-") == 3
    assert certificate_code(b"k" * 32, **fields) == code
    assert certificate_code(b"x" * 32, **fields) != code
    for key, other in [("name", "张四"), ("score", 76), ("passed_on", date(2025, 3, 4)),
                       ("employee_no", "E8"), ("pack_id", "maxi")]:
        assert certificate_code(b"k" * 32, **{**fields, key: other}) != code


def test_typed_codes_are_normalised() -> None:
    assert normalise_code(" abcd efgh-ijkl mn0p ") == "ABCD-EFGH-IJKL-MNOP"
    with pytest.raises(CertificateError, match="not a certificate code"):
        normalise_code("ABCD-1234")


def test_issue_once_after_passing_and_verify(db, paths) -> None:
    pack = mini_pack()
    learner = passed(db, pack)
    cert = issue_certificate(db, paths, learner, pack, actor=COMMAND_LINE)
    assert (cert.name, cert.employee_no, cert.score) == ("张三", "E7", 75)
    assert cert.passed_on == (T0 + timedelta(seconds=30)).astimezone().date()
    again = issue_certificate(db, paths, learner, pack, actor=COMMAND_LINE)
    assert again == cert  # the same, not a second one
    result = verify_certificate(db, paths, cert.code.lower())
    assert result.status == "valid" and result.certificate == cert
    unknown = "AAAA-BBBB-CCCC-DDDD" if cert.code != "AAAA-BBBB-CCCC-DDDD" else "BBBB-BBBB-CCCC-DDDD"
    assert verify_certificate(db, paths, unknown).status == "unknown"


def test_learners_issue_their_own_only_and_the_issuer_is_recorded(db, paths) -> None:
    from trainer.store import audit
    from trainer.store.errors import PermissionDenied
    from trainer.store.learners import get_learner

    pack = mini_pack()
    owner = get_learner(db, passed(db, pack))
    other = get_learner(db, passed(db, pack, "E8", "李四"))
    with pytest.raises(PermissionDenied):
        issue_certificate(db, paths, owner.id, pack, actor=other)
    issue_certificate(db, paths, owner.id, pack, actor=owner)
    [entry] = audit.entries(db, COMMAND_LINE, action=ACTION)
    assert entry.actor_id == owner.id and entry.detail["employee_no"] == "E7"


def test_other_secret_does_not_verify(db, paths) -> None:
    pack = mini_pack()
    cert = issue_certificate(db, paths, passed(db, pack), pack, actor=COMMAND_LINE)
    paths.secret_file.write_bytes(b"another machine's key, 32 bytes!")
    assert verify_certificate(db, paths, cert.code).status == "altered"


def test_no_certificate_without_a_pass(db, paths) -> None:
    pack = mini_pack(pass_mark=80)
    learner = passed(db, pack)  # 75 % < 80 %
    with pytest.raises(CertificateError, match="has not passed.*best score 75; pass mark 80"):
        issue_certificate(db, paths, learner, pack, actor=COMMAND_LINE)


def test_pdf_has_the_fields_in_chinese(db, paths, tmp_path, qapp) -> None:
    from pypdf import PdfReader

    from trainer.reports.certificate import write_certificate_pdf

    pack = mini_pack()
    cert = issue_certificate(db, paths, passed(db, pack), pack, actor=COMMAND_LINE)
    out = write_certificate_pdf(cert, tmp_path / "cert")
    assert out.suffix == ".pdf"
    text = PdfReader(out).pages[0].extract_text()
    for expected in ("结", "张三", "E7", "迷你课程", "75", cert.code):
        assert expected in text


def test_cli_verify_exit_status(db, paths, capsys) -> None:
    pack = mini_pack()
    cert = issue_certificate(db, paths, passed(db, pack), pack, actor=COMMAND_LINE)
    assert main(["--data-dir", str(paths.data_dir), "certificate", "verify", cert.code]) == 0
    assert "Genuine" in capsys.readouterr().out
    assert main(["--data-dir", str(paths.data_dir), "certificate", "verify",
                 "2222-3333-4444-5555"]) == 1
    assert "NOT found" in capsys.readouterr().out
    assert main(["--data-dir", str(paths.data_dir), "certificate", "verify", "nonsense"]) == 1
    assert "not a certificate code" in capsys.readouterr().err
