"""学时证明 (learning records): what they print, who may issue them, that their codes verify
(and forgeries do not), and the ``trainer credits`` commands around them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from tests.analytics.builders import T0, add_attempt, mini_pack
from trainer.analytics import summaries
from trainer.analytics.certificates import verify_certificate
from trainer.analytics.credit_records import ACTION, issue_record
from trainer.analytics.credits import CREDITS_REBUILD, CREDITS_RULE, rebuild, set_rule
from trainer.cli import main
from trainer.store.audit import entries
from trainer.store.credit_rule import DEFAULT_RULE
from trainer.store.db import open_database
from trainer.store.errors import PermissionDenied
from trainer.store.learners import create_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_lesson_progress


@pytest.fixture
def db(paths):
    database = open_database(paths)
    summaries.ensure(database, [mini_pack()])
    yield database
    database.close()


def studied(db, number="E7", name="张三", department="民政局"):
    pack = mini_pack()
    learner = create_learner(db, number, name, department)
    for module in ("m1", "m2"):
        record_lesson_progress(db, learner.id, pack.id, module, status="completed")
    add_attempt(db, learner.id, pack, "f1", 1.0, T0)
    add_attempt(db, learner.id, pack, "f2", 0.5, T0)  # one sitting, 75 %: passed
    return learner


def test_a_record_lists_the_courses_and_verifies(db, paths) -> None:
    learner = studied(db)
    record = issue_record(db, paths, learner.id, None, [mini_pack()], actor=COMMAND_LINE)
    # m1, m2 and the final's module (10 minutes: 0.25 each) + 0.5 for passing the final
    assert record.hours == Decimal("1.25")
    [course] = record.courses
    assert (course.title, course.modules, course.hours) == ("迷你课程", 3, Decimal("1.25"))
    assert course.result is not None and course.result.passed and round(course.result.score) == 75
    again = issue_record(db, paths, learner.id, None, [mini_pack()], actor=COMMAND_LINE)
    assert again.code == record.code  # the same figures on the same day: one record
    assert len(entries(db, COMMAND_LINE, action=ACTION)) == 1
    found = verify_certificate(db, paths, record.code.lower().replace("-", " "))
    assert found.status == "valid" and found.record.hours == Decimal("1.25")
    assert found.record.name == "张三" and found.certificate is None
    paths.secret_file.write_bytes(b"another machine's key, 32 bytes!")
    assert verify_certificate(db, paths, record.code).status == "altered"


def test_learners_print_only_their_own_record_and_hr_any(db, paths) -> None:
    learner = studied(db)
    other = create_learner(db, "E8", "李四", "民政局")
    hr = create_learner(db, "H1", "人事", role="hr", pin="hr-pass-1", actor=COMMAND_LINE)
    issue_record(db, paths, learner.id, 2026, [], actor=learner)
    with pytest.raises(PermissionDenied):
        issue_record(db, paths, learner.id, 2026, [], actor=other)
    issue_record(db, paths, other.id, 2026, [], actor=hr)
    for denied in (lambda: rebuild(db, actor=learner),
                   lambda: set_rule(db, DEFAULT_RULE, actor=learner)):
        with pytest.raises(PermissionDenied):
            denied()
    rebuild(db, actor=hr)
    set_rule(db, DEFAULT_RULE, actor=hr)
    for action in (CREDITS_REBUILD, CREDITS_RULE):
        [entry] = entries(db, COMMAND_LINE, action=action)
        assert entry.actor_id == hr.id


def test_the_pdf_of_a_unit_holds_each_person(db, paths, tmp_path, qapp) -> None:
    from pypdf import PdfReader

    from trainer.reports.credit_record import write_record_pdf

    people = [studied(db), studied(db, "E9", "王五")]
    records = [issue_record(db, paths, p.id, None, [mini_pack()], actor=COMMAND_LINE)
               for p in people]
    out = tmp_path / "unit.pdf"
    assert write_record_pdf(records, out) == 2
    pages = ["".join(page.extract_text().split()) for page in PdfReader(out).pages]
    for page, record in zip(pages, records, strict=True):
        for expected in ("学时证明", record.name, record.employee_no, "迷你课程", "通过75",
                         "合计Total：1.25学时", record.code):
            assert expected in page


def _cli(paths, *args: str) -> int:
    return main(["--data-dir", str(paths.data_dir), "credits", *args])


def test_cli_show_certificate_verify_and_bad_input(paths, tmp_path, capsys, qapp) -> None:
    assert main(["--data-dir", str(paths.data_dir), "demo", "--learners", "12"]) == 0
    assert _cli(paths, "rebuild", "--check") == 0
    assert "in step" in capsys.readouterr().out
    db = open_database(paths)
    with db.session() as session:  # an award lost behind Trainer's back
        session.execute(text("DELETE FROM credit_awards WHERE id = (SELECT min(id) FROM "
                             "credit_awards)"))
    db.close()
    assert _cli(paths, "rebuild", "--check") == 1
    assert "1 award(s) missing" in capsys.readouterr().out
    assert _cli(paths, "rebuild") == 0
    assert "1 award(s) added" in capsys.readouterr().out
    assert _cli(paths, "rebuild", "--check") == 0
    assert _cli(paths, "show", "LJ00001", "--year", "1999") == 2
    assert "not a year" in capsys.readouterr().err
    assert _cli(paths, "show", "NOBODY") == 1
    assert capsys.readouterr().err.startswith("trainer: No learner has the employee number")
    assert _cli(paths, "show", "LJ00001") == 0
    shown = capsys.readouterr().out
    assert "Total:" in shown and "学时" in shown
    out = tmp_path / "record.pdf"
    assert _cli(paths, "certificate", "LJ00001", "-o", str(out)) == 0
    code = capsys.readouterr().out.split("Code ")[1].split(".")[0]
    assert out.stat().st_size > 1000
    assert main(["--data-dir", str(paths.data_dir), "certificate", "verify", code]) == 0
    assert "Genuine" in capsys.readouterr().out
    assert _cli(paths, "rule", "set", "--band", "30=1", "--band", "10=-1") == 1
    err = capsys.readouterr().err
    assert "between 0 and 50" in err and "Traceback" not in err
    assert _cli(paths, "rule", "set", "--band", "30=1") == 1
    assert "band starting at 0 minutes" in capsys.readouterr().err
    assert _cli(paths, "rule", "set", "--assessment", "1", "--utc-offset", "+09:00") == 0
    assert "UTC+09:00" in capsys.readouterr().out
    assert _cli(paths, "rule", "show") == 0
    assert "+1.00 学时" in capsys.readouterr().out
