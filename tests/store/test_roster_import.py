"""Roster import into a real SQLite database: all-or-nothing, updates, rights, audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.store.audit import ROSTER_IMPORT, entries
from trainer.store.db import Database
from trainer.store.errors import PermissionDenied
from trainer.store.learners import create_learner, find_by_employee_no, find_learners
from trainer.store.permissions import COMMAND_LINE
from trainer.store.roster import read_roster
from trainer.store.roster_import import RosterInvalid, import_roster, plan_roster

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rosters"


@pytest.fixture
def db(store: Database) -> Database:
    """SQLite, and PostgreSQL too when TRAINER_TEST_DATABASE_URL is set (tests/store/conftest)."""
    return store


def _roster(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    file = tmp_path / "roster.csv"
    file.write_bytes(text.encode(encoding))
    return file


def test_import_creates_learners_and_records_it(db: Database, tmp_path: Path) -> None:
    file = _roster(tmp_path, "工号,姓名,部门,角色,密码\n"
                             "1001,王䶮,临江市数据资源局,学员,\n"
                             "1002,李喆,临江市财政局,培训师,2468\n", "gb18030")
    result = import_roster(db, read_roster(file), actor=COMMAND_LINE)
    assert (result.created, result.updated, result.skipped) == (2, 0, ())
    trainer = find_by_employee_no(db, "1002")
    assert trainer is not None
    assert (trainer.name, trainer.role, trainer.department, trainer.has_pin) == (
        "李喆", "trainer", "临江市财政局", True)
    [entry] = entries(db, COMMAND_LINE, action=ROSTER_IMPORT)
    assert entry.actor_name == "command line"
    assert entry.detail["created"] == 2
    assert entry.detail["roles"] == [{"employee_no": "1002", "role": "trainer"}]


def test_importing_the_same_roster_twice_changes_nothing(db: Database, tmp_path: Path) -> None:
    preview = read_roster(FIXTURES / "roster-english-semicolon.csv")
    import_roster(db, preview, actor=COMMAND_LINE, skip_bad=True)
    before = find_learners(db)
    again = import_roster(db, read_roster(FIXTURES / "roster-english-semicolon.csv"),
                          actor=COMMAND_LINE, skip_bad=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert find_learners(db) == before


def test_updates_by_employee_number_and_keeps_what_is_empty(db: Database,
                                                             tmp_path: Path) -> None:
    create_learner(db, "1001", "王燕", "办公室", email="wy@linjiang.gov.cn", pin="1111",
                   actor=COMMAND_LINE)
    file = _roster(tmp_path, "工号,姓名,部门,邮箱,PIN\n1001,王䶮,临江市数据资源局,,9999\n")
    preview = read_roster(file)
    plan = plan_roster(db, preview, actor=COMMAND_LINE)
    assert plan.rows[0].action == "update"
    assert plan.rows[0].changes == ("name", "department")  # the PIN a learner chose stays
    import_roster(db, preview, actor=COMMAND_LINE)
    learner = find_by_employee_no(db, "1001")
    assert learner is not None
    assert (learner.name, learner.department, learner.email) == (
        "王䶮", "临江市数据资源局", "wy@linjiang.gov.cn")


def test_any_bad_row_refuses_the_whole_roster(db: Database) -> None:
    preview = read_roster(FIXTURES / "roster-bad-rows.csv")
    with pytest.raises(RosterInvalid) as caught:
        import_roster(db, preview, actor=COMMAND_LINE)
    message = str(caught.value)
    assert "8 of 9 rows have problems; nothing was imported" in message
    assert "roster-bad-rows.csv:4: unknown role '局长'" in message
    assert "--skip-bad" in message
    assert find_learners(db) == []


def test_skip_bad_imports_only_the_good_rows(db: Database) -> None:
    result = import_roster(db, read_roster(FIXTURES / "roster-bad-rows.csv"),
                           actor=COMMAND_LINE, skip_bad=True)
    assert result.created == 1  # lines 7 and 8 are duplicates of each other: both skipped
    assert sorted(p.row.line for p in result.skipped) == [2, 3, 4, 5, 6, 7, 8, 10]
    assert {info.employee_no for info in find_learners(db)} == {"B010"}


def test_privileged_rows_need_a_pin_and_an_administrator(db: Database, tmp_path: Path) -> None:
    hr = create_learner(db, "H1", "人事甲", role="hr", pin="1234", actor=COMMAND_LINE)
    file = _roster(tmp_path, "工号,姓名,角色,密码\n2001,赵一,管理员,1234\n2002,钱二,人事,\n"
                             "2003,孙三,学员,\n")
    plan = plan_roster(db, read_roster(file), actor=hr)
    problems = {p.row.employee_no: p.problems for p in plan.rows}
    assert problems["2001"] == ("only an administrator may give the role admin",)
    assert problems["2002"] == ("only an administrator may give the role hr",
                                "a hr account needs a PIN (add a PIN column)")
    assert problems["2003"] == ()


def test_a_learner_may_not_import(db: Database, tmp_path: Path) -> None:
    learner = create_learner(db, "L1", "学员甲", actor=COMMAND_LINE)
    preview = read_roster(FIXTURES / "roster-utf8.csv")
    with pytest.raises(PermissionDenied):
        import_roster(db, preview, actor=learner)
    assert [info.employee_no for info in find_learners(db)] == ["L1"]


def test_the_last_administrator_is_not_demoted(db: Database, tmp_path: Path) -> None:
    admin = create_learner(db, "A1", "管理员甲", role="admin", pin="1234")
    file = _roster(tmp_path, "工号,姓名,角色\nA1,管理员甲,学员\n")
    plan = plan_roster(db, read_roster(file), actor=admin)
    assert plan.rows[0].problems == ("管理员甲 is the only administrator and cannot be demoted",)


def test_spacing_differences_are_not_changes(db: Database, tmp_path: Path) -> None:
    file = _roster(tmp_path, "工号,姓名,部门\n1001, Alice   Zhou ,临江市  财政局\n")
    import_roster(db, read_roster(file), actor=COMMAND_LINE)
    learner = find_by_employee_no(db, "1001")
    assert learner is not None
    assert (learner.name, learner.department) == ("Alice Zhou", "临江市 财政局")
    again = import_roster(db, read_roster(file), actor=COMMAND_LINE)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_numbers_that_lost_their_leading_zeros_are_caught(db: Database, tmp_path: Path) -> None:
    from openpyxl import Workbook

    create_learner(db, "00123", "王䶮", actor=COMMAND_LINE)
    book = Workbook()
    book.active.append(["工号", "姓名"])
    book.active.append([123, "王䶮"])  # Excel turned 00123 into the number 123
    book.active.append([124, "李喆"])
    book.save(tmp_path / "roster.xlsx")
    plan = plan_roster(db, read_roster(tmp_path / "roster.xlsx"), actor=COMMAND_LINE)
    assert plan.rows[0].problems == ("employee number 123 looks like 00123 without its leading "
                                     "zeros (Excel drops them: format the column as text)",)
    assert plan.rows[1].action == "create"
