"""Rosters as HR offices really save them (issue 19): number-formatted employee numbers,
footers, instruction sheets, unsure encodings, padded names, files that are not what their
name says. Workbooks are built with openpyxl the way Excel and WPS lay them out."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from trainer.store.roster import clean_name, read_roster, read_roster_table
from trainer.store.roster_cells import cell_text
from trainer.store.roster_decode import RosterEncodingUnsure
from trainer.store.roster_files import RosterUnreadable, read_tables

HEADER = ("序号", "工号", "姓名", "部门")


def _titled_book(path: Path, people: list[tuple[object, str, str]], *,
                 number_format: str | None = "000000", footer: list[list[object]] | None = None,
                 instructions_first: bool = False) -> Path:
    """A WPS-style export: merged title, header on row 2, people, footer rows."""
    book = Workbook()
    sheet = book.active
    if instructions_first:
        sheet.title = "填表说明"
        sheet.append(["填表说明"])
        sheet.append(["1. 工号按人事系统填写，不足六位前面补零。"])
        sheet.append(["2. 姓名不要加空格。"])
        sheet = book.create_sheet("人员名单")
    sheet.append(["临江市2026年数字政府培训人员名单"])
    sheet.merge_cells("A1:D1")
    sheet.append(list(HEADER))
    for n, (number, name, department) in enumerate(people, start=1):
        sheet.append([n, number, name, department])
        if number_format is not None:
            sheet.cell(row=sheet.max_row, column=2).number_format = number_format
    for row in footer or []:
        sheet.append(row)
    book.save(path)
    return path


def test_a_number_cell_formatted_000000_keeps_the_zeros_excel_shows(tmp_path: Path) -> None:
    file = _titled_book(tmp_path / "名单.xlsx", [(102, "王伟", "财政局"), (2301, "李娜", "财政局"),
                                                (102.0 + 5, "张敏", "数据局")])
    preview = read_roster(file)
    assert [row.employee_no for row in preview.rows] == ["000102", "002301", "000107"]
    assert all(row.ok for row in preview.rows)


@pytest.mark.parametrize(("value", "number_format", "shown"), [
    (102, '"GZ"0000', "GZ0102"), (102, "\\G000", "G102"), (102, "General", "102"),
    (102.0, "0", "102"), (102, "[$-804]000000", "000102"), (102, "0.00", "102"),
    ("000102", "@", "000102"), (" A-7 ", "General", "A-7"), (1.5, "General", "1.5"),
    (123456789012345678, "0", "1.23456789012346E+17"),
])
def test_cells_read_as_the_sheet_shows_them(value: object, number_format: str,
                                            shown: str) -> None:
    assert cell_text(value, number_format) == shown


def test_a_long_number_that_excel_rounded_is_a_problem_not_a_person(tmp_path: Path) -> None:
    file = _titled_book(tmp_path / "long.xlsx", [(110101199001011234, "王伟", "财政局"),
                                                  (7, "李娜", "财政局")], number_format="0")
    preview = read_roster(file)
    first, second = preview.rows
    assert first.problems and "scientific notation" in first.problems[0]
    assert first.problems[0].code == "scientific_number"
    assert second.ok and second.employee_no == "7"
    csv = tmp_path / "long.csv"
    csv.write_text("工号,姓名\n1.10101E+17,王伟\n", encoding="utf-8")
    [row] = read_roster(csv).rows
    assert [p.code for p in row.problems] == ["scientific_number"]


def test_a_number_exported_as_a_float_is_a_problem_naming_the_number_to_write(
        tmp_path: Path) -> None:
    csv = tmp_path / "erp.csv"
    csv.write_text("工号,姓名\n102.0,王伟\nA.1,李娜\n000103,张敏\n", encoding="utf-8")
    first, second, third = read_roster(csv).rows
    assert [p.code for p in first.problems] == ["decimal_number"]
    assert "write 102 " in first.problems[0]
    assert second.ok and third.ok and third.employee_no == "000103"


def test_numbers_that_differ_only_by_leading_zeros_in_one_file_are_flagged(
        tmp_path: Path) -> None:
    file = tmp_path / "two.csv"
    file.write_text("工号,姓名\n000102,王伟\n102,王伟\n2301,李娜\n", encoding="utf-8")
    rows = read_roster(file).rows
    assert [[p.code for p in row.problems] for row in rows] == [
        ["similar_number"], ["similar_number"], []]
    assert "differs from 102 on line 3 only by leading zeros" in rows[0].problems[0]


FOOTERS = [["合计", "3人"], ["制表人：张三", None, "审核人：李四"], ["填表说明：工号为六位数字"],
           ["备注：退休人员不列入"]]


def test_footer_rows_are_skipped_and_listed(tmp_path: Path) -> None:
    file = _titled_book(tmp_path / "footer.xlsx", [(1, "王伟", "财政局"), (2, "李娜", "财政局")],
                        footer=[[None, *row] for row in FOOTERS])
    preview = read_roster(file)
    assert [row.name for row in preview.rows] == ["王伟", "李娜"]
    assert all(row.ok for row in preview.rows)
    assert [line for line, _ in preview.ignored] == [5, 6, 7, 8]
    assert "制表人：张三 审核人：李四" in [text for _, text in preview.ignored]


def test_a_note_below_a_blank_row_is_a_footer_a_person_below_one_is_not(tmp_path: Path) -> None:
    file = tmp_path / "gap.csv"
    file.write_text("工号,姓名,部门\n1,王伟,财政局\n\n2,李娜,财政局\n\n\n"
                    "以下人员另行通知\n请各单位于12月10日前报送\n", encoding="utf-8")
    preview = read_roster(file)
    assert [row.name for row in preview.rows] == ["王伟", "李娜"]
    assert [text for _, text in preview.ignored] == ["以下人员另行通知", "请各单位于12月10日前报送"]
    # a note directly under the people, with no blank row, is shown as a problem row instead
    close = tmp_path / "close.csv"
    close.write_text("工号,姓名\n1,王伟\n请各单位报送\n", encoding="utf-8")
    assert [row.ok for row in read_roster(close).rows] == [True, False]


def test_an_instructions_sheet_first_finds_the_roster_sheet(tmp_path: Path) -> None:
    file = _titled_book(tmp_path / "book.xlsx", [(1, "王伟", "财政局")], instructions_first=True)
    table = read_roster_table(file)
    assert (table.sheet, table.sheets) == ("人员名单", ("填表说明", "人员名单"))
    assert read_roster(file).rows[0].employee_no == "000001"
    chosen = read_roster_table(file, sheet="填表说明")
    assert chosen.sheet == "填表说明"
    with pytest.raises(RosterUnreadable, match="no sheet '花名册'; the sheets are '填表说明', "
                                               "'人员名单'"):
        read_roster_table(file, sheet="花名册")


def test_an_unsure_encoding_stops_and_names_the_candidates(tmp_path: Path) -> None:
    file = tmp_path / "western.csv"
    file.write_bytes("employee_no,name,department\nE1,Jürgen Müller,Finanzen\n"
                     "E2,François Lefèvre,Économie\n".encode("cp1252"))
    with pytest.raises(RosterEncodingUnsure) as caught:
        read_roster(file)
    names = [name for name, _ in caught.value.candidates]
    assert names[0] == "cp1252" and len(names) > 1
    assert "--encoding" in (caught.value.hint or "")
    assert "western.csv:2: the file's encoding cannot be told for sure" in str(caught.value)
    assert "as cp1252: 'E1,Jürgen Müller,Finanzen'" in str(caught.value)
    assert "as gb18030: 'E1,J黵gen M黮ler,Finanzen'" in str(caught.value)  # the mojibake
    preview = read_roster(file, encoding="cp1252")
    assert [row.name for row in preview.rows] == ["Jürgen Müller", "François Lefèvre"]
    with pytest.raises(RosterUnreadable, match="not an encoding name"):
        read_roster(file, encoding="klingon")
    with pytest.raises(RosterUnreadable, match="western.csv:2: this line is not valid utf-8"):
        read_roster(file, encoding="utf-8")


def test_a_chinese_gb18030_roster_is_still_read_without_asking(tmp_path: Path) -> None:
    file = tmp_path / "gb.csv"
    file.write_bytes("工号,姓名,部门\r\nLJ1,王䶮,临江市财政局\r\nLJ2,李喆,临江市数据局\r\n"
                     .encode("gb18030"))
    assert read_roster(file).encoding == "gb18030"


@pytest.mark.parametrize(("written", "kept"), [
    ("李　四", "李四"), ("\u3000王伟\u3000", "王伟"), ("欧阳\u00a0娜娜", "欧阳娜娜"),
    (" 张 三 丰 ", "张三丰"), ("John\u00a0 Smith", "John Smith"), ("李\u200b四", "李四"),
    ("阿依古丽·买买提", "阿依古丽·买买提"),
])
def test_padding_in_names_is_removed(tmp_path: Path, written: str, kept: str) -> None:
    file = tmp_path / "names.csv"
    file.write_text(f"工号,姓名\n1,{written}\n", encoding="utf-8")
    assert read_roster(file).rows[0].name == kept
    assert clean_name("Li Si") == "Li Si"


def test_an_xlsx_that_is_really_csv_is_read_as_csv(tmp_path: Path) -> None:
    file = tmp_path / "erp-export.xlsx"
    file.write_bytes("工号,姓名\r\n000102,王伟\r\n".encode("gb18030"))
    preview = read_roster(file)
    assert (preview.encoding, preview.rows[0].employee_no) == ("gb18030", "000102")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    (b"\r\n \r\n", "the file is empty"),
    (b"<html><body><table><tr><td>\xe5\xb7\xa5\xe5\x8f\xb7</td></tr></table></body></html>",
     "this is a web page"),
    ("\ufeff<table border=1><tr><td>工号</td></tr></table>".encode(), "this is a web page"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Excel 97-2003 workbook"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "neither a workbook nor text"),
])
def test_files_that_are_not_what_their_name_says(tmp_path: Path, content: bytes,
                                                 message: str) -> None:
    for name in ("roster.xlsx", "roster.xls", "roster.csv"):
        file = tmp_path / name
        file.write_bytes(content)
        with pytest.raises(RosterUnreadable, match=message) as caught:
            read_tables(file)
        assert caught.value.hint


def test_a_big_roster_is_read_whole(tmp_path: Path) -> None:
    file = tmp_path / "big.csv"
    lines = ["工号,姓名,部门"] + [f"{n:06d},学员{n},第{n % 50}科" for n in range(100_000)]
    file.write_text("\n".join(lines) + "\n合计,100000人\n", encoding="utf-8")
    preview = read_roster(file)
    assert len(preview.rows) == 100_000 and not preview.bad_rows
    assert preview.rows[-1].employee_no == "099999" and preview.ignored
