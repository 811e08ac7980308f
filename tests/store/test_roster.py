"""Roster parsing: every encoding HR offices produce, header names, and every kind of bad row."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from trainer.store.roster import build_preview, guess_mapping, normalise_role, read_roster
from trainer.store.roster_files import RosterUnreadable, read_table

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rosters"
NAMES = ["王䶮", "李喆", "张堃", "陈珺", "𠀀明"]


@pytest.mark.parametrize(("file", "encoding"), [
    ("roster-utf8.csv", "utf-8"),
    ("roster-utf8-bom.csv", "utf-8-sig"),
    ("roster-gb18030.csv", "gb18030"),
])
def test_every_encoding_reads_the_same_learners(file: str, encoding: str) -> None:
    preview = read_roster(FIXTURES / file)
    assert preview.encoding == encoding
    assert [row.name for row in preview.rows] == NAMES
    assert [row.role for row in preview.rows] == ["learner", "trainer", "hr", None, "admin"]
    assert preview.rows[0].department == "临江市数据资源局"
    assert preview.rows[0].email == "wangyan@linjiang.gov.cn"
    assert [row.line for row in preview.rows] == [2, 3, 4, 5, 6]
    assert preview.bad_rows == ()


def test_gb18030_is_not_mistaken_for_another_encoding(tmp_path: Path) -> None:
    # Short files are where guessing detectors go wrong; GB18030 must win over them.
    file = tmp_path / "short.csv"
    file.write_bytes("工号,姓名\n1,王䶮\n".encode("gb18030"))
    preview = read_roster(file)
    assert preview.encoding == "gb18030"
    assert preview.rows[0].name == "王䶮"


def test_excel_unicode_text_is_read(tmp_path: Path) -> None:
    # Excel's "Unicode Text (*.txt)": UTF-16 with a BOM, tab separated.
    file = tmp_path / "roster.txt"
    file.write_bytes("工号\t姓名\t部门\r\nLJ1\t王䶮\t临江市财政局\r\n".encode("utf-16"))
    preview = read_roster(file)
    assert preview.encoding == "utf-16"
    assert [(r.employee_no, r.name, r.department) for r in preview.rows] == [
        ("LJ1", "王䶮", "临江市财政局")]


def test_binary_data_is_refused_with_where_and_how_to_fix(tmp_path: Path) -> None:
    file = tmp_path / "photo.csv"
    file.write_bytes(b"\x00\x01\xff\xfe\x80\x81" * 50)
    with pytest.raises(RosterUnreadable, match=r"photo.csv: this is not a roster: it is neither "
                                               r"a workbook nor text") as caught:
        read_roster(file)
    assert "CSV UTF-8" in str(caught.value)
    cut = tmp_path / "cut.txt"
    cut.write_bytes("工号\t姓名\n".encode("utf-16")[:-1])  # UTF-16 cut mid-character
    with pytest.raises(RosterUnreadable, match="not valid UTF-16"):
        read_roster(cut)


def test_english_headers_semicolons_and_pins() -> None:
    preview = read_roster(FIXTURES / "roster-english-semicolon.csv")
    assert preview.mapping == {"employee_no": 0, "name": 1, "department": 2, "role": 3,
                               "email": 4, "pin": 5}
    first, second = preview.rows
    assert (first.employee_no, first.pin, first.role) == ("E-01", "1234", "learner")
    assert (second.role, second.email, second.pin) == ("hr", None, None)


def test_xlsx_made_with_openpyxl(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["员工编号", "姓名", "单位", "角色"])
    sheet.append([1001, "王䶮", "临江市数据资源局", "学员"])  # number typed as a number
    sheet.append([None, None, None, None])  # blank row, skipped
    sheet.append(["1002", "喆", "临江市财政局", "培训师"])
    file = tmp_path / "roster.xlsx"
    book.save(file)
    preview = read_roster(file)
    assert preview.encoding == "xlsx"
    assert [(r.line, r.employee_no, r.name, r.role) for r in preview.rows] == [
        (2, "1001", "王䶮", "learner"), (4, "1002", "喆", "trainer")]
    misnamed = tmp_path / "roster.csv"  # a workbook saved under a .csv name
    misnamed.write_bytes(file.read_bytes())
    assert read_roster(misnamed).rows == preview.rows


def test_title_rows_above_the_headers_are_skipped(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["临江市2026年度数字政府能力培训人员名单"])
    sheet.append([])
    sheet.append(["序号", "工号", "姓名", "部门"])
    sheet.append([1, "LJ1", "王䶮", "临江市数据资源局"])
    file = tmp_path / "titled.xlsx"
    book.save(file)
    preview = read_roster(file)
    assert preview.mapping == {"employee_no": 1, "name": 2, "department": 3}
    assert [(r.line, r.employee_no, r.name) for r in preview.rows] == [(4, "LJ1", "王䶮")]


def test_every_kind_of_bad_row_is_reported_with_its_line() -> None:
    preview = read_roster(FIXTURES / "roster-bad-rows.csv")
    problems = {row.line: row.problems for row in preview.rows}
    assert problems[2] == ("missing employee number",)
    assert problems[3] == ("missing name",)
    assert "unknown role '局长'" in problems[4][0]
    assert "not-an-email" in problems[5][0]
    assert problems[6] == ("PIN shorter than 4 characters",)
    assert problems[6][0].code == "short_pin" and problems[6][0].args == {"limit": "4"}
    assert "duplicate employee number B006 (also on line 8)" in problems[7]
    assert "duplicate employee number B006 (also on line 7)" in problems[8]
    # a quoted name spanning lines 10-11 (Alt+Enter in Excel) is reported on its first line
    assert problems[10] == ("the name cell holds a line break (remove it: a roster cell is "
                            "one line)",)
    assert problems[12] == ()
    assert 9 not in problems  # blank rows are skipped
    assert [row.line for row in preview.good_rows] == [12]
    assert preview.problem_lines()[0].endswith("roster-bad-rows.csv:2: missing employee number")


def test_unknown_headers_need_a_mapping() -> None:
    preview = read_roster(FIXTURES / "roster-unknown-headers.csv")
    assert preview.unmapped_required == ("employee_no", "name")
    assert preview.rows == ()
    mapped = build_preview(preview.table, {"employee_no": 0, "name": 1, "department": 2})
    assert mapped.unmapped_required == ()
    assert [(r.employee_no, r.name, r.department) for r in mapped.rows] == [
        ("X1", "赵一", "办公室"), ("X2", "钱二", "办公室")]


def test_header_names_are_compared_loosely() -> None:
    headers = ("工号*", "姓 名", "部门（必填）", "Ｅｍａｉｌ", "ROLE")
    assert guess_mapping(headers) == {"employee_no": 0, "name": 1, "department": 2,
                                      "email": 3, "role": 4}


def test_roles_in_chinese_and_english() -> None:
    assert [normalise_role(t) for t in ("学员", "培训师", "人事", "管理员")] == [
        "learner", "trainer", "hr", "admin"]
    assert normalise_role(" Admin ") == "admin"
    assert normalise_role("局长") is None


def test_unreadable_files_say_what_to_do(tmp_path: Path) -> None:
    old = tmp_path / "roster.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(RosterUnreadable, match=r"Excel 97-2003 workbook \(\.xls\)"):
        read_table(old)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\n\n")
    with pytest.raises(RosterUnreadable, match="empty"):
        read_table(empty)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(RosterUnreadable, match="not a readable .xlsx"):
        read_table(broken)
    with pytest.raises(RosterUnreadable, match="no such file"):
        read_table(tmp_path / "missing.csv")
    locked = tmp_path / "locked.csv"
    locked.write_text("工号,姓名\n1,王\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    with pytest.MonkeyPatch.context() as patch:  # root may read anything: simulate a refusal
        patch.setattr(Path, "read_bytes", refuse)
        with pytest.raises(RosterUnreadable, match="cannot be read .Permission denied"):
            read_table(locked)


@pytest.mark.parametrize("name", ["template.xlsx", "template.csv"])
def test_the_blank_roster_reads_back_without_problems(tmp_path: Path, name: str) -> None:
    from openpyxl import load_workbook

    from trainer.reports.roster_template import write_roster_template

    file = write_roster_template(tmp_path / name)
    preview = read_roster(file)
    assert set(preview.mapping) == {"employee_no", "name", "parent_unit", "department", "role",
                                   "email", "pin"}
    assert preview.rows == ()  # no example row that could be imported by mistake
    if name.endswith(".xlsx"):  # HR types 00123 and keeps the zeros
        book = load_workbook(file)
        book.active.append(["00123", "王小明"])
        book.save(file)
        assert read_roster(file).rows[0].employee_no == "00123"


def test_a_workbook_that_unpacks_to_far_too_much_is_not_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import Workbook

    from trainer.store import roster_files

    book = Workbook()
    book.active.append(["工号", "姓名"])
    book.save(tmp_path / "roster.xlsx")
    monkeypatch.setattr(roster_files, "MAX_UNPACKED_BYTES", 1000)  # instead of a 500 MB bomb
    with pytest.raises(RosterUnreadable, match="unpacks to"):
        read_roster(tmp_path / "roster.xlsx")


def test_damaged_files_are_always_a_clear_error(tmp_path: Path) -> None:
    """Random damage to a CSV or a workbook never crashes: a preview or RosterUnreadable."""
    import random

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["工号", "姓名"])
    book.active.append(["1", "王䶮"])
    book.save(tmp_path / "good.xlsx")
    originals = {"csv": "工号,姓名\n1,王䶮\n".encode("gb18030"),
                 "xlsx": (tmp_path / "good.xlsx").read_bytes()}
    rng = random.Random(7)
    for suffix, data in originals.items():
        for _ in range(150):
            damaged = bytearray(data)
            for _ in range(rng.randrange(1, 3)):
                damaged[rng.randrange(len(damaged))] ^= rng.randrange(1, 256)
            file = tmp_path / f"damaged.{suffix}"
            file.write_bytes(bytes(damaged))
            with contextlib.suppress(RosterUnreadable):
                read_roster(file)
