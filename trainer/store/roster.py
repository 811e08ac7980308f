"""Roster rules: which column is which, and what is wrong with each row, before anything is written.

Parsing is pure (no database): ``read_roster`` gives a ``RosterPreview`` that the CLI prints and
the HR dialog shows row by row; ``trainer.store.roster_import`` writes the good rows.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from trainer.store.roster_cells import looks_decimal, looks_scientific
from trainer.store.roster_files import RawTable, read_tables
from trainer.store.roster_layout import (
    EMPLOYEE_NO,
    REQUIRED,
    guess_mapping,
    locate_header,
    split_footer,
)
from trainer.store.security import MAX_LENGTH, MIN_LENGTH
from trainer.store.units import MAX_DEPTH, SEPARATOR, unit_parts

FIELDS: tuple[str, ...] = ("employee_no", "name", "department", "parent_unit", "role", "email",
                           "pin")

ROLE_ALIASES: dict[str, str] = {
    "learner": "learner", "学员": "learner", "学员/学习者": "learner", "学习者": "learner",
    "员工": "learner", "student": "learner",
    "trainer": "trainer", "培训师": "trainer", "讲师": "trainer", "教师": "trainer",
    "hr": "hr", "人事": "hr", "人力资源": "hr", "人事专员": "hr",
    "admin": "admin", "administrator": "admin", "管理员": "admin", "系统管理员": "admin",
}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NAME = 200
MAX_EMPLOYEE_NO = 64


PROBLEM_TEXTS: dict[str, str] = {
    "missing_number": "missing employee number",
    "bad_number": "employee number {number!r} may only hold letters, digits and . _ / - "
                  "(at most {limit})",
    "missing_name": "missing name",
    "long_name": "name longer than {limit} characters",
    "long_department": "department longer than {limit} characters",
    "unit_empty_part": "unit {unit!r} has an empty part between its / marks (write 局/科)",
    "unit_too_deep": "unit {unit!r} has more than {limit} levels",
    "unknown_role": "unknown role {role!r} (use 学员, 培训师, 人事, 管理员 or learner, trainer, hr, "
                    "admin)",
    "bad_email": "email {email!r} is not an address like name@example.gov.cn",
    "short_pin": "PIN shorter than {limit} characters",
    "long_pin": "PIN longer than {limit} characters",
    "duplicate": "duplicate employee number {number} (also on line {lines})",
    "grant_needs_admin": "only an administrator may give the role {role}",
    "role_needs_pin": "a {role} account needs a PIN (add a PIN column)",
    "last_admin": "{name} is the only administrator and cannot be demoted",
    "lost_zeros": "employee number {number} looks like {stored} without its leading zeros "
                  "(Excel drops them: format the column as text)",
    "added_zeros": "employee number {number} looks like the stored {stored} with leading "
                   "zeros: probably the same person (correct the number, or import it as a "
                   "new person on purpose)",
    "similar_number": "employee number {number} differs from {other} on line {lines} only by "
                      "leading zeros: probably the same person",
    "decimal_number": "employee number {number} ends in .0, as a program writes a number "
                      "cell; write {whole} (format the column as text before exporting)",
    "scientific_number": "employee number {number} was shown by Excel in scientific notation "
                         "and lost its last digits (format the column as text and type the "
                         "numbers again)",
    "line_break": "the {field} cell holds a line break (remove it: a roster cell is one line)",
    "extra_cells": "{count} cells but the header has {width}: a {separator} inside a cell "
                   "moves the cells after it (put that cell in quotes)",
}

FIELD_TITLES = {"employee_no": "employee number", "name": "name", "department": "department",
                "parent_unit": "parent unit", "role": "role", "email": "email", "pin": "PIN"}
SEPARATOR_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "vertical bar"}

class RowProblem(str):
    """A problem's English text (for the CLI) that also keeps its ``code`` and ``args``, so the
    GUI can show it in the user's language."""

    code: str
    args: dict[str, str]

    def __new__(cls, code: str, **args: object) -> RowProblem:
        problem = super().__new__(cls, PROBLEM_TEXTS[code].format(**args))
        problem.code = code
        problem.args = {key: str(value) for key, value in args.items()}
        return problem


@dataclass(frozen=True)
class RosterRow:
    """One learner as read from the file, with every problem found on that row."""

    line: int
    employee_no: str
    name: str
    department: str | None
    role: str | None  # None: not given (new learners become "learner", others keep theirs)
    email: str | None
    pin: str | None
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class RosterPreview:
    """What an import would read: the mapping used and each row with its problems."""

    source: Path
    encoding: str
    headers: tuple[str, ...]
    mapping: dict[str, int]
    rows: tuple[RosterRow, ...]
    unmapped_required: tuple[str, ...] = ()
    table: RawTable | None = field(default=None, compare=False, repr=False)
    ignored: tuple[tuple[int, str], ...] = ()  # footer rows below the people: (line, text)

    @property
    def good_rows(self) -> tuple[RosterRow, ...]:
        return tuple(row for row in self.rows if row.ok)

    @property
    def bad_rows(self) -> tuple[RosterRow, ...]:
        return tuple(row for row in self.rows if not row.ok)

    def problem_lines(self) -> list[str]:
        """``FILE:LINE: problem`` lines, as the CLI prints them."""
        return [f"{self.source}:{row.line}: {problem}"
                for row in self.bad_rows for problem in row.problems]


def read_roster(path: Path, mapping: Mapping[str, int] | None = None, *,
                sheet: str | None = None, encoding: str | None = None) -> RosterPreview:
    """Read and check a roster file; ``mapping`` (field → column index) overrides the headers."""
    return build_preview(read_roster_table(Path(path), sheet=sheet, encoding=encoding), mapping)


def read_roster_table(path: Path, *, sheet: str | None = None,
                      encoding: str | None = None) -> RawTable:
    """The file as a table whose header row is the one naming the columns we know.

    In a workbook whose first sheet is instructions (填表说明) or a cover, the first sheet
    whose top rows name the employee number and name columns is the roster; ``sheet`` chooses
    one by name. When no sheet names them, the first sheet is shown for mapping by hand.
    """
    tables = [locate_header(table)
              for table in read_tables(Path(path), sheet=sheet, encoding=encoding)]
    return next((table for table in tables if not set(REQUIRED) - set(guess_mapping(
        table.headers))), tables[0])


def build_preview(table: RawTable, mapping: Mapping[str, int] | None = None) -> RosterPreview:
    """Check every record of an already read table with the given (or guessed) column mapping."""
    chosen = dict(mapping) if mapping is not None else guess_mapping(table.headers)
    missing = tuple(name for name in REQUIRED if name not in chosen)
    if missing:
        return RosterPreview(table.source, table.encoding, table.headers, chosen, (), missing,
                             table)
    records, footer = split_footer(table.records, chosen.get("employee_no"))
    shape = _Shape(table.header_width, table.delimiter)
    rows = [_read_row(line, cells, chosen, shape) for line, cells in records]
    rows = _mark_duplicates(rows)
    ignored = tuple((line, " ".join(dict.fromkeys(cell for cell in cells if cell)))
                    for line, cells in footer)  # a merged footer fills every cell: shown once
    return RosterPreview(table.source, table.encoding, table.headers, chosen, tuple(rows), (),
                         table, ignored)


@dataclass(frozen=True)
class _Shape:
    header_width: int
    delimiter: str  # empty for workbooks, whose rows are a grid


def normalise_role(text: str) -> str | None:
    """学员 / 培训师 / 人事 / 管理员 or learner / trainer / hr / admin → role id; None if unknown."""
    return ROLE_ALIASES.get(unicodedata.normalize("NFKC", text).strip().lower())


def _cell(cells: tuple[str, ...], mapping: Mapping[str, int], name: str) -> str:
    index = mapping.get(name)
    if index is None or index >= len(cells):
        return ""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", cells[index]))
    return " ".join(text.split())  # as the store keeps it; split() knows 　 and NBSP


_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")  # zero-width, BOM, soft hyphen
_CJK = "\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff·•"
_CJK_GAP = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def clean_name(text: str) -> str:
    """A name as HR meant it: 李　四 (a full-width space to align two-character names with
    three-character ones) is 李四; John Smith keeps its space."""
    return _CJK_GAP.sub("", text)


def _read_row(line: int, cells: tuple[str, ...], mapping: Mapping[str, int],
              shape: _Shape | None = None) -> RosterRow:
    number = unicodedata.normalize("NFKC", _cell(cells, mapping, "employee_no")).strip()
    name = clean_name(_cell(cells, mapping, "name"))
    department, unit_problems = _unit(_cell(cells, mapping, "department"),
                                      _cell(cells, mapping, "parent_unit"))
    role_text = _cell(cells, mapping, "role")
    email = unicodedata.normalize("NFKC", _cell(cells, mapping, "email")) or None
    pin = unicodedata.normalize("NFKC", _cell(cells, mapping, "pin")) or None
    role = normalise_role(role_text) if role_text else None
    problems = _shape_problems(cells, mapping, shape) + unit_problems
    problems += _row_problems(number, name, department, role_text, role, email, pin)
    return RosterRow(line, number, name, department, role, email, pin, tuple(problems))


def _unit(department: str, parent: str) -> tuple[str | None, list[RowProblem]]:
    """The person's unit path from the department cell (``局/科`` allowed) under the 上级单位
    cell, if any; the parent alone when the department cell is empty."""
    given = f"{parent}/{department}" if parent and department else (department or parent)
    if not given:
        return None, []
    parts = unit_parts(given)
    if not all(parts):
        return given, [RowProblem("unit_empty_part", unit=given)]
    if len(parts) > MAX_DEPTH:
        return given, [RowProblem("unit_too_deep", unit=given, limit=MAX_DEPTH)]
    return SEPARATOR.join(parts), []


def _shape_problems(cells: tuple[str, ...], mapping: Mapping[str, int],
                    shape: _Shape | None) -> list[RowProblem]:
    """Cells that are not where the header says: a line break inside one (Alt+Enter in Excel,
    or a quote that spans lines), or more cells than the header (an unquoted separator)."""
    problems = [RowProblem("line_break", field=FIELD_TITLES[name])
                for name, index in sorted(mapping.items(), key=lambda item: item[1])
                if index < len(cells) and ("\n" in cells[index] or "\r" in cells[index])]
    if shape is not None and shape.delimiter and any(cells[shape.header_width:]):
        count = max(i for i, cell in enumerate(cells) if cell) + 1
        problems.append(RowProblem("extra_cells", count=count, width=shape.header_width,
                                   separator=SEPARATOR_NAMES.get(shape.delimiter, "separator")))
    return problems


def _row_problems(number: str, name: str, department: str | None, role_text: str,
                  role: str | None, email: str | None, pin: str | None) -> list[RowProblem]:
    problems: list[RowProblem] = []
    if not number:
        problems.append(RowProblem("missing_number"))
    elif looks_scientific(number):
        problems.append(RowProblem("scientific_number", number=number))
    elif looks_decimal(number):
        problems.append(RowProblem("decimal_number", number=number,
                                   whole=number.split(".", 1)[0]))
    elif len(number) > MAX_EMPLOYEE_NO or not EMPLOYEE_NO.match(number):
        problems.append(RowProblem("bad_number", number=number, limit=MAX_EMPLOYEE_NO))
    if not name:
        problems.append(RowProblem("missing_name"))
    elif len(name) > MAX_NAME:
        problems.append(RowProblem("long_name", limit=MAX_NAME))
    if department is not None and len(department) > MAX_NAME:
        problems.append(RowProblem("long_department", limit=MAX_NAME))
    if role_text and role is None:
        problems.append(RowProblem("unknown_role", role=role_text))
    if email is not None and not _EMAIL.match(email):
        problems.append(RowProblem("bad_email", email=email))
    if pin is not None and len(pin.strip()) < MIN_LENGTH:
        problems.append(RowProblem("short_pin", limit=MIN_LENGTH))
    elif pin is not None and len(pin.strip()) > MAX_LENGTH:
        problems.append(RowProblem("long_pin", limit=MAX_LENGTH))
    return problems


def _mark_duplicates(rows: list[RosterRow]) -> list[RosterRow]:
    """Every row sharing an employee number is a problem: which one is right is HR's call."""
    lines: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        if row.employee_no:
            lines[row.employee_no.casefold()].append(row.line)
    result = []
    for row in rows:
        same = lines.get(row.employee_no.casefold(), [])
        if len(same) > 1:
            others = ", ".join(str(line) for line in same if line != row.line)
            problem = RowProblem("duplicate", number=row.employee_no, lines=others)
            row = RosterRow(row.line, row.employee_no, row.name, row.department, row.role,
                            row.email, row.pin, (*row.problems, problem))
        result.append(row)
    return _mark_similar(result)


SIMILAR_CODES = ("similar_number", "lost_zeros", "added_zeros")  # what --allow-similar lifts


def unpadded(number: str) -> str | None:
    """``000102`` → ``102``: the number Excel keeps of a zero-padded one; None if not digits."""
    stripped = number.lstrip("0")
    return stripped if number.isdigit() and stripped else None


def _mark_similar(rows: list[RosterRow]) -> list[RosterRow]:
    """Rows whose numbers differ only by leading zeros (102 and 000102) are probably one person
    entered twice, once from a cell that kept its zeros and once from one that lost them."""
    groups: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        key = unpadded(row.employee_no)
        if key is not None:
            groups[key].setdefault(row.employee_no, row.line)
    result = []
    for row in rows:
        key = unpadded(row.employee_no)
        others = {n: line for n, line in groups.get(key or "", {}).items() if n != row.employee_no}
        if others:
            number, line = next(iter(others.items()))
            problem = RowProblem("similar_number", number=row.employee_no, other=number,
                                 lines=line)
            row = RosterRow(row.line, row.employee_no, row.name, row.department, row.role,
                            row.email, row.pin, (*row.problems, problem))
        result.append(row)
    return result
