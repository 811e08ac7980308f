"""Rosters never mangle silently: a CSV parse that would merge lines, a file that mixes encodings
and files shaped like real Excel/WPS exports (titles, two-row merged headers, footers)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.store.roster import read_roster
from trainer.store.roster_files import RosterUnreadable

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rosters"
PEOPLE = [("LJ2001", "王䶮", "临江市数据资源局"), ("LJ2002", "李喆", "临江市数据资源局"),
          ("LJ2003", "张堃", "临江市数据资源局"), ("LJ2004", "陈珺", "临江市财政局"),
          ("LJ2005", "𠀀明", "临江市财政局")]

# How Excel and WPS save CSV: "CSV UTF-8" (BOM), "CSV" on a Chinese Windows (GB18030, CRLF),
# "Unicode text" (UTF-16 with BOM, tab separated), and plain UTF-8 from other tools.
EXPORTS = {"utf-8-sig": ("utf-8-sig", ",", "\r\n"), "gb18030": ("gb18030", ",", "\r\n"),
           "utf-16": ("utf-16", "\t", "\r\n"), "utf-8": ("utf-8", ",", "\n")}


def _write(tmp_path: Path, export: str, lines: list[str], name: str = "roster.csv") -> Path:
    encoding, delimiter, newline = EXPORTS[export]
    text = newline.join(line.replace(",", delimiter) for line in lines) + newline
    file = tmp_path / name
    file.write_bytes(text.encode(encoding))
    return file


def test_the_stray_quote_of_issue_13_names_its_line() -> None:
    # Q001,"王小明,… once swallowed Q002 and Q003 without a word.
    with pytest.raises(RosterUnreadable) as caught:
        read_roster(FIXTURES / "roster-stray-quote.csv")
    message = str(caught.value)
    assert message.startswith(f"{FIXTURES / 'roster-stray-quote.csv'}:2: a quote (\")")
    assert "Remove the stray quote on line 2" in message


@pytest.mark.parametrize("export", EXPORTS)
@pytest.mark.parametrize(("bad", "line"), [
    ('Q002,"李娜,临江市财政局', 3),  # swallows the lines after it
    ('Q002,李娜,"临江市财政局', 3),  # in the last cell
    ('Q002,"李娜,临江市财政局|Q003,"张伟",临江市审计局', 3),  # closed by a later quoted cell
    ('Q002,"李娜,临江市财政局|Q003,张伟",临江市审计局', 3),  # closed by a second stray quote
    ('Q002,"李娜"x,临江市财政局', 3),  # text after a closing quote
])
def test_a_quote_that_merges_lines_stops_the_read_at_its_line(
        tmp_path: Path, export: str, bad: str, line: int) -> None:
    lines = ["工号,姓名,部门", "Q001,王小明,临江市财政局", *bad.split("|"),
             "Q004,周杰,临江市审计局"]
    file = _write(tmp_path, export, lines)
    with pytest.raises(RosterUnreadable, match=rf"^{re.escape(str(file))}:{line}: .*quote"):
        read_roster(file)


@pytest.mark.parametrize("export", EXPORTS)
def test_a_line_break_inside_a_cell_is_a_problem_on_its_row(tmp_path: Path, export: str) -> None:
    # Alt+Enter in an Excel cell: the record spans lines 3-4, the next person is on line 5.
    lines = ["工号,姓名,部门", "Q001,王小明,临江市财政局", 'Q002,"李\n娜",临江市财政局',
             "Q003,张伟,临江市审计局"]
    preview = read_roster(_write(tmp_path, export, lines))
    assert [(row.line, row.employee_no) for row in preview.rows] == [
        (2, "Q001"), (3, "Q002"), (5, "Q003")]
    assert [p.code for p in preview.rows[1].problems] == ["line_break"]
    assert preview.rows[1].problems[0] == ("the name cell holds a line break (remove it: a "
                                           "roster cell is one line)")
    assert preview.rows[0].ok and preview.rows[2].ok


@pytest.mark.parametrize("export", EXPORTS)
def test_more_cells_than_the_header_is_a_problem_fewer_are_not(tmp_path: Path,
                                                               export: str) -> None:
    lines = ["工号,姓名,部门,角色", "Q001,王,小明,临江市财政局,学员",  # a comma in the name
             "Q002,李娜,临江市财政局"]  # Excel leaves out trailing empty cells
    preview = read_roster(_write(tmp_path, export, lines))
    first, second = preview.rows
    assert [p.code for p in first.problems] == ["extra_cells", "unknown_role"]  # shifted
    separator = "tab" if export == "utf-16" else "comma"
    assert first.problems[0] == (f"5 cells but the header has 4: a {separator} inside a cell "
                                 "moves the cells after it (put that cell in quotes)")
    assert second.ok and (second.name, second.department, second.role) == (
        "李娜", "临江市财政局", None)


ROWS = st.lists(st.tuples(st.text("王李张陈明娜伟杰敏", min_size=1, max_size=3),
                          st.sampled_from(["临江市财政局", "临江市审计局", "数据局, 二处"])),
                min_size=2, max_size=8)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=ROWS, export=st.sampled_from(sorted(EXPORTS)), data=st.data())
def test_a_stray_quote_anywhere_is_named_or_harmless(tmp_path: Path, rows: list[tuple[str, str]],
                                                     export: str, data: st.DataObject) -> None:
    """The class: one quote typed anywhere either stops the read naming its line, or every
    person is still read, on their own line, and the others unchanged. Nobody vanishes."""
    encoding, delimiter, newline = EXPORTS[export]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(["工号", "姓名", "部门"])
    writer.writerows([f"P{n}", name, department] for n, (name, department) in enumerate(rows))
    lines = out.getvalue().split(newline)[:-1]
    target = data.draw(st.integers(1, len(lines) - 1))  # a person's line (0-based)
    position = data.draw(st.integers(0, len(lines[target])))
    lines[target] = lines[target][:position] + '"' + lines[target][position:]
    file = tmp_path / "roster.csv"
    file.write_bytes((newline.join(lines) + newline).encode(encoding))
    try:
        preview = read_roster(file)
    except RosterUnreadable as caught:
        assert str(caught).startswith(f"{file}:{target + 1}: "), str(caught)
        return
    assert [row.line for row in preview.rows] == list(range(2, len(rows) + 2))
    for n, (row, (name, department)) in enumerate(zip(preview.rows, rows, strict=True)):
        if n + 1 != target:
            assert (row.employee_no, row.name, row.department) == (f"P{n}", name, department)


@pytest.mark.parametrize(("main", "odd"), [("utf-8", "gb18030"), ("gb18030", "utf-8")])
@pytest.mark.parametrize("name", ["王小明", "王明", "钱"])  # odd, even, one character
def test_a_mixed_encoding_file_names_the_odd_line(tmp_path: Path, main: str, odd: str,
                                                  name: str) -> None:
    lines = ["工号,姓名,部门"] + [f"M{n},{name}{n},临江市财政局" for n in range(1, 60)]
    file = tmp_path / "mixed.csv"
    file.write_bytes(b"".join(line.encode(odd if number in (31, 45) else main) + b"\r\n"
                              for number, line in enumerate(lines, start=1)))
    with pytest.raises(RosterUnreadable) as caught:
        read_roster(file)
    title = {"utf-8": "UTF-8", "gb18030": "GB18030"}
    assert str(caught.value).startswith(
        f"{file}:31: this line is in {title[odd]} but the rest of the file is in {title[main]} "
        "(also line 45); it reads 'M30,")


def test_the_mixed_encoding_fixture_and_a_bom_file_with_a_gb18030_line(tmp_path: Path) -> None:
    with pytest.raises(RosterUnreadable, match=r"roster-mixed-encoding.csv:4: this line is in "
                                               r"GB18030 .* it reads 'M003,周杰"):
        read_roster(FIXTURES / "roster-mixed-encoding.csv")
    file = tmp_path / "bom.csv"
    file.write_bytes(b"\xef\xbb\xbf" + "工号,姓名\nB1,王明\n".encode() +
                     "B2,李娜\n".encode("gb18030") + "B3,周杰\n".encode())
    with pytest.raises(RosterUnreadable, match=r"bom.csv:3: this line is not valid UTF-8"):
        read_roster(file)


@pytest.mark.parametrize("name", ["roster-wps-merged.xlsx", "roster-excel-titled-gb18030.csv",
                                  "roster-excel-unicode-text.txt"])
def test_real_exports_with_title_two_header_rows_and_footer(name: str) -> None:
    preview = read_roster(FIXTURES / name)
    assert preview.mapping == {"employee_no": 1, "name": 2, "department": 3, "role": 4,
                               "email": 5, "pin": 6}  # 邮箱 and 初始密码 from the second row
    assert [(row.line, row.employee_no, row.name) for row in preview.rows] == [
        (4 + n, *person[:2]) for n, person in enumerate(PEOPLE)]
    assert preview.bad_rows == ()
    assert preview.rows[0].pin == "246810" and preview.rows[4].pin is None
    assert [line for line, _ in preview.ignored] == [9, 10]  # 合计 and 制表人 are not people
    assert preview.ignored[0][1] == "合计 5人"
    assert preview.ignored[1][1].startswith("制表人：赵敏")


def test_merged_department_cells_belong_to_every_row_they_cover() -> None:
    preview = read_roster(FIXTURES / "roster-wps-merged.xlsx")
    assert [row.department for row in preview.rows] == [p[2] for p in PEOPLE]


def test_a_footer_word_above_people_is_still_a_problem(tmp_path: Path) -> None:
    """Only rows below the last person are a footer: a 合计 in the middle is reported."""
    file = _write(tmp_path, "utf-8", ["工号,姓名", "B1,王明", "合计,2人", "B2,李娜", "合计,2人"])
    preview = read_roster(file)
    assert [(row.line, row.ok) for row in preview.rows] == [(2, True), (3, False), (4, True)]
    assert preview.ignored == ((5, "合计 2人"),)
