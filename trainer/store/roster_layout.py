"""Where a roster's table is: the header row among title rows, a second header row under it,
and the footer rows below the people. Pure text rules, shared by the CLI and the HR dialog."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from trainer.store.roster_files import RawTable

REQUIRED: tuple[str, ...] = ("employee_no", "name")
EMPLOYEE_NO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
Records = tuple[tuple[int, tuple[str, ...]], ...]

# Header names HR offices actually use, compared after ``_header_key`` normalisation.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "employee_no": ("工号", "员工编号", "员工号", "职工号", "职工编号", "人员编号", "编号",
                    "employee number", "employee no", "employee id", "emp no", "staff number",
                    "staff no", "staff id", "employeeno", "employee_no", "number", "id"),
    "name": ("姓名", "名字", "员工姓名", "人员姓名", "name", "full name", "employee name"),
    "department": ("部门", "单位", "所在部门", "部门名称", "所在单位", "科室", "处室",
                   "department", "dept", "unit", "division"),
    "parent_unit": ("上级单位", "上级部门", "所属单位", "主管单位", "parent unit", "parent"),
    "role": ("角色", "身份", "用户角色", "权限", "role", "user role"),
    "email": ("邮箱", "电子邮箱", "电子邮件", "邮件", "邮箱地址", "email", "e-mail", "mail",
              "email address"),
    "pin": ("pin", "pin码", "密码", "初始密码", "password", "initial pin"),
}

# Rows below the last person that are not people: totals, signatures, notes, dates.
FOOTER = re.compile(r"^(合计|总计|小计|共计|总人数|人数|制表|填表|填报|审核|审批|负责人|经办人|"
                    r"备注|说明|注[:：]|注意|单位盖章|盖章|日期|打印|制表日期|以上|"
                    r"total|prepared by|checked by|note)", re.IGNORECASE)


def guess_mapping(headers: tuple[str, ...]) -> dict[str, int]:
    """Field → column for every header recognised by its usual Chinese or English name."""
    lookup = {_header_key(alias): name for name, aliases in HEADER_ALIASES.items()
              for alias in aliases}
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = lookup.get(_header_key(header))
        if name is not None and name not in mapping:
            mapping[name] = index
    return mapping


def _header_key(text: str) -> str:
    """Compare headers loosely: full-width forms, case, spaces, '*' marks and '(…)' notes ignored."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"\(.*?\)", "", text)
    return re.sub(r"[\s*:._\-#]+", "", text)


def locate_header(table: RawTable, search: int = 10) -> RawTable:
    """Skip title rows above the headers (``临江市2026年培训人员名单`` in a merged cell is common).

    The header is the first of the top rows that names the employee number and name columns;
    when none does, the first row stays the header and the user maps the columns. A second
    header row under it (merged group titles such as 联系方式 over 邮箱 and PIN) is joined in.
    """
    if not set(REQUIRED) - set(guess_mapping(table.headers)):
        return _join_second_header(table)
    for position, (line, cells) in enumerate(table.records[:search]):
        if not set(REQUIRED) - set(guess_mapping(cells)):
            width = max(len(table.headers), len(cells))
            return _join_second_header(replace(
                table, headers=cells + ("",) * (width - len(cells)),
                records=table.records[position + 1:], header_line=line,
                header_width=len(cells)))
    return table


def _join_second_header(table: RawTable) -> RawTable:
    """Join the next row into the header when it only holds column names (or repeats the one
    above, as a cell merged over both rows does)."""
    if not table.records:
        return table
    line, below = table.records[0]
    above = table.headers
    known = [i for i, cell in enumerate(below) if cell and guess_mapping((cell,))]
    others = [i for i, cell in enumerate(below)
              if cell and i not in known and not (i < len(above) and cell == above[i])]
    if not known or others:
        return table
    joined = tuple(below[i] if i < len(below) and below[i] else header
                   for i, header in enumerate(above))
    if len(guess_mapping(joined)) <= len(guess_mapping(above)):
        return table
    return replace(table, headers=joined, records=table.records[1:], header_line=line,
                   header_width=max(table.header_width, len(below)))


def split_footer(records: Records, number_column: int | None) -> tuple[Records, Records]:
    """Trailing rows that are not people: ones that start with 合计, 制表人, 备注 … and name
    no valid employee number, and after a blank row, notes written in one cell (merged across
    the row or not) with no employee number. They are listed in the preview, never imported
    and never silent."""
    end = len(records)
    while end > 0:
        cells = records[end - 1][1]
        first = next((cell for cell in cells if cell), "")
        if not FOOTER.match(first) or _has_number(cells, number_column):
            break
        end -= 1
    gap = end
    while gap > 1 and _is_note(records[gap - 1][1], number_column):
        gap -= 1
    if gap < end and records[gap][0] - records[gap - 1][0] > 1:  # a blank row above the notes
        end = gap
    return records[:end], records[end:]


def _has_number(cells: tuple[str, ...], number_column: int | None) -> bool:
    number = cells[number_column] if number_column is not None and number_column < len(
        cells) else ""
    return bool(EMPLOYEE_NO.match(number.strip()))


def _is_note(cells: tuple[str, ...], number_column: int | None) -> bool:
    """One text, in one cell or merged over several, and no employee number."""
    return len({cell for cell in cells if cell}) == 1 and not _has_number(cells, number_column)


