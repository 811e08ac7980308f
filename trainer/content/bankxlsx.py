"""Excel question banks (题库, .xlsx from Excel or WPS) → ``BankQuestion`` values.

One question a row under a header row (``bankheaders.py``), on every sheet that has one; rows
that cannot be converted are reported as ``FILE:SHEET:ROW`` with the reason and the rest convert.
openpyxl reads in read-only mode (rows streamed, 100,000 rows in bounded memory); merged cells,
which read-only mode does not report, are read from the sheet's XML. Imported when first used.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from trainer.content.bank import Bank
from trainer.content.bankheaders import HEADER_SEARCH_ROWS, MAX_OPTIONS, is_header, map_header
from trainer.content.bankrows import RowError, build_question, cell_text
from trainer.content.banksniff import check_bank_file
from trainer.content.errors import PackError

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_GUIDES = {"填写说明", "说明", "使用说明", "填表说明", "instructions", "readme", "help"}
_SHARED = ("kind", "chapter", "knowledge", "points", "difficulty")  # may span rows when merged
Progress = Callable[[int], None]


@dataclass(frozen=True)
class _Merge:
    first_col: int
    first_row: int
    last_col: int
    last_row: int

    @property
    def ref(self) -> str:
        return f"{_letters(self.first_col)}{self.first_row}:{_letters(self.last_col)}{self.last_row}"


def _column(letters: bytes) -> int:
    value = 0
    for c in letters:
        value = value * 26 + c - 64
    return value - 1


def _letters(column: int) -> str:
    text, column = "", column + 1
    while column:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    return text


def _merges(path: Path, sheet_xml: str | None) -> list[_Merge]:
    """The sheet's merged ranges, read from its XML by streaming (read-only mode hides them)."""
    if not sheet_xml:
        return []
    found: list[_Merge] = []
    tail = b""
    with zipfile.ZipFile(path) as archive, archive.open(sheet_xml.lstrip("/")) as xml:
        while chunk := xml.read(1 << 20):
            data = tail + chunk
            found += [_Merge(_column(m[1]), int(m[2]), _column(m[3]), int(m[4]))
                      for m in _MERGE.finditer(data)]
            cut = data.rfind(b"<")
            tail = data[cut:] if cut != -1 and b">" not in data[cut:] else b""
    return found


def read_xlsx_bank(path: Path, progress: Progress | None = None) -> Bank:
    """Every question on every sheet with a bank header; problems name FILE:SHEET:ROW."""
    check_bank_file(path, "xlsx")
    from openpyxl import load_workbook

    bank = Bank(path.name)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise PackError(f"{path.name} cannot be read as an Excel workbook ({exc}).",
                        hint="Open it in Excel or WPS, save it again as .xlsx and retry.") from exc
    done, sheets_with_header = 0, 0
    try:
        for sheet in workbook.worksheets:
            if sheet.title.strip().lower() in _GUIDES:  # the template's own examples
                continue
            merges = _merges(path, getattr(sheet, "_worksheet_path", None))
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()  # WPS and some exporters write a wrong A1:A1 size
            rows = sheet.iter_rows(values_only=True)
            header = _find_header(rows)
            if header is None:
                continue
            sheets_with_header += 1
            for count in _read_sheet(bank, sheet.title, header, rows, merges):
                done += count
                if progress is not None:
                    progress(done)
    finally:
        workbook.close()
    if not sheets_with_header:
        raise PackError(f"{path.name} has no sheet with a question-bank header row.",
                        hint="The header needs a question column (题干) and an answer (答案) "
                        "or option columns (选项A, 选项B); 'trainer pack bank-template' writes "
                        "a template.")
    return bank


def _find_header(rows: Iterator[tuple]) -> tuple[int, tuple] | None:
    for number, cells in enumerate(rows, start=1):
        if is_header(cells):
            return number, cells
        if number >= HEADER_SEARCH_ROWS:
            return None
    return None


def _read_sheet(bank: Bank, title: str, header: tuple[int, tuple], rows: Iterator[tuple],
                merges: list[_Merge]) -> Iterator[int]:
    """Convert the sheet's rows; yields how many rows were read since the last yield."""
    header_row, cells = header
    fields, options, _unknown = map_header(cells)
    where = f"{bank.source}:{title}"
    option_columns = [options[i] for i in range(MAX_OPTIONS) if i in options]
    spans = _merged_rows(bank, where, merges, fields, header_row)
    carried: dict[int, str] = {}
    used = sorted({*fields.values(), *option_columns})
    count = 0
    for number, values in enumerate(rows, start=header_row + 1):
        count += 1
        if count % 1000 == 0:
            yield 1000
        row = [cell_text(v) for v in values]
        blocked = False
        for index, role in spans.get(number, ()):
            merge = merges[index]
            if role == "blocked":
                blocked = True
                break
            if role == "first":
                carried[index] = row[merge.first_col] if merge.first_col < len(row) else ""
            else:
                row += [""] * (merge.last_col + 1 - len(row))
                row[merge.first_col] = carried.get(index, "")
        if blocked:
            bank.problems.error(where, number, "this row is part of merged cells; each "
                                "question needs its own row, so unmerge the cells.")
            continue
        if any(row[c] for c in used if c < len(row)):  # 序号 alone is a row not yet filled
            _convert_row(bank, where, number, row, fields, option_columns)
    yield count % 1000


def _merged_rows(bank: Bank, where: str, merges: list[_Merge], fields: dict[str, int],
                 header_row: int) -> dict[int, list[tuple[int, str]]]:
    """Rows below the header inside a merged range. Shared columns (题型, 章节, 知识点, 分值,
    难度) take the range's value on every row it covers; in any other column the rows after
    the first are reported, since one question's text cannot belong to two rows."""
    shared = {fields[f] for f in _SHARED if f in fields}
    spans: dict[int, list[tuple[int, str]]] = {}
    for index, merge in enumerate(merges):
        if merge.last_row <= header_row or merge.first_row == merge.last_row:
            continue
        is_shared = all(c in shared for c in range(merge.first_col, merge.last_col + 1))
        if is_shared:
            bank.problems.warning(where, merge.first_row, f"merged cells {merge.ref}: their "
                                  f"value counts for rows {merge.first_row}–{merge.last_row}.")
        spans.setdefault(merge.first_row, []).append((index, "first"))
        for number in range(merge.first_row + 1, merge.last_row + 1):
            spans.setdefault(number, []).append((index, "fill" if is_shared else "blocked"))
    return spans


def _convert_row(bank: Bank, where: str, number: int, row: list[str], fields: dict[str, int],
                 option_columns: list[int]) -> None:
    def get(field: str) -> str:
        column = fields.get(field)
        return row[column] if column is not None and column < len(row) else ""

    options = [row[c] if c < len(row) else "" for c in option_columns]
    while options and not options[-1]:
        options.pop()
    if "" in options:
        gap = "ABCDEFGH"[options.index("")]
        bank.problems.error(where, number, f"option {gap} is empty but a later option is "
                            "filled; fill the options from A without gaps.")
        return
    try:
        question = build_question(number, get("kind"), get("stem"), options, get("answer"),
                                  get("explanation"), get("chapter"), get("knowledge"))
    except RowError as exc:
        bank.problems.error(where, number, str(exc))
        return
    bank.questions.append(question)
