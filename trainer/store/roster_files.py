"""Reading roster files into plain rows of text: CSV in any encoding HR offices use, and XLSX.

Kept apart from the roster rules so that encodings and spreadsheet quirks (numbers stored as
floats, BOMs, semicolon exports) are solved once, before any column is interpreted.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.store.roster_cells import cell_text
from trainer.store.roster_csv import csv_records
from trainer.store.roster_decode import RosterUnreadable, decode_text
from trainer.store.roster_sniff import WORKBOOK, file_kind

__all__ = ["RawTable", "RosterUnreadable", "cell_text", "decode_text", "read_table",
           "read_tables"]

MAX_ROSTER_BYTES = 50 * 1024 * 1024  # far beyond any real roster; stops a wrong file early
MAX_UNPACKED_BYTES = 500 * 1024 * 1024  # a workbook is a zip: refuse one that unpacks to more


@dataclass(frozen=True)
class RawTable:
    """A file's header cells and data records, each with the line (or sheet row) it came from."""

    source: Path
    headers: tuple[str, ...]
    records: tuple[tuple[int, tuple[str, ...]], ...]
    encoding: str  # "utf-8", "utf-8-sig", "gb18030", "utf-16", "xlsx", or a detected charset
    header_line: int = 1
    header_width: int = 0  # cells in the header row as written (CSV: a row with more is shifted)
    delimiter: str = ""  # CSV only
    sheet: str = ""  # workbooks: the sheet read
    sheets: tuple[str, ...] = ()  # workbooks: every sheet's name, in order


def read_table(path: Path, *, sheet: str | None = None, encoding: str | None = None) -> RawTable:
    """Read a CSV/TSV or XLSX roster (the first sheet, or ``sheet``); the first non-empty row is
    taken as the header."""
    return read_tables(path, sheet=sheet, encoding=encoding)[0]


def read_tables(path: Path, *, sheet: str | None = None,
                encoding: str | None = None) -> list[RawTable]:
    """Every non-empty sheet of a workbook (only ``sheet`` when given), or the one CSV table.

    ``encoding`` overrides the guess for text files (``--encoding`` when the guess is unsure).
    """
    path = Path(path)
    if not path.is_file():
        raise RosterUnreadable(f"{path}: no such file.", hint="Check the file name and folder.")
    try:
        return _read_tables(path, sheet, encoding)
    except OSError as exc:  # unreadable: permissions, a removed USB stick …
        raise RosterUnreadable(f"{path}: cannot be read ({exc.strerror or exc}).",
                               hint="Copy the file to this computer and try again.") from exc


def _read_tables(path: Path, sheet: str | None, encoding: str | None) -> list[RawTable]:
    size = path.stat().st_size
    if size > MAX_ROSTER_BYTES:
        raise RosterUnreadable(f"{path}: the file is larger than 50 MB; is it really a roster?")
    with path.open("rb") as handle:
        head = handle.read(8192)
    if file_kind(path, head, size) == WORKBOOK:
        names, sheets = _xlsx_sheets(path, sheet)
        tables = [_with_header(path, rows, "xlsx", sheet=name, sheets=names)
                  for name, rows in sheets if any(any(cells) for _, cells in rows)]
        if not tables:
            raise _empty(path)
        return tables
    if sheet is not None:
        raise RosterUnreadable(f"{path}: --sheet {sheet!r} was given, but the file is text (CSV) "
                               "and has no sheets.", hint="Leave out --sheet for this file.")
    text, used = decode_text(path.read_bytes(), path, encoding)
    records, delimiter = csv_records(text, str(path))
    return [_with_header(path, records, used, delimiter)]


Rows = list[tuple[int, tuple[str, ...]]]


def _xlsx_sheets(path: Path, wanted: str | None) -> tuple[tuple[str, ...], list[tuple[str, Rows]]]:
    """Every sheet's name, and each (or the wanted) sheet's rows with spreadsheet row numbers, cells as the user sees them (number
    formats applied, merged ranges filled)."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    # A file object, so a workbook saved under another name (.csv) is still read.
    with path.open("rb") as handle:
        try:
            _check_unpacked_size(path, handle)
            book = load_workbook(handle, read_only=True, data_only=True)
            names = tuple(sheet.title for sheet in book.worksheets)
            if wanted is not None and wanted not in names:
                book.close()
                listed = ", ".join(repr(n) for n in names)
                raise RosterUnreadable(
                    f"{path}: there is no sheet {wanted!r}; the sheets are {listed}.",
                    hint="Give one of those names with --sheet (or leave it out to use the "
                         "sheet whose header names 工号 and 姓名).")
            result = []
            for sheet in book.worksheets:
                if wanted is not None and sheet.title != wanted:
                    continue
                rows = [(number, tuple(_shown(cell) for cell in cells))
                        for number, cells in enumerate(sheet.iter_rows(), start=1)]
                result.append((sheet.title, _fill_merged(rows, _merged_ranges(book, sheet))))
            book.close()
        except (BadZipFile, InvalidFileException, KeyError, IndexError, ValueError, TypeError,
                EOFError, zlib.error, NotImplementedError, RuntimeError, SyntaxError) as exc:
            # every way a damaged zip or its XML fails (SyntaxError: XML parse errors)
            raise RosterUnreadable(
                f"{path}: not a readable .xlsx workbook ({exc}).",
                hint="Open it in Excel or WPS and save it again as .xlsx, or export CSV.") from exc
    return names, result


def _shown(cell: Any) -> str:
    """A read-only cell (or an empty one, which has no number format) as it is displayed."""
    return cell_text(getattr(cell, "value", None), getattr(cell, "number_format", None))


def _merged_ranges(book: Any, sheet: Any) -> list[tuple[int, int, int, int]]:
    """Merged cells as (min_col, min_row, max_col, max_row). Read-only mode does not load them,
    so the sheet's XML is scanned for ``<mergeCell ref="A1:E1"/>`` (rows are skipped unparsed)."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import range_boundaries  # type: ignore[import-untyped]

    part = getattr(sheet, "_worksheet_path", None)
    archive = getattr(book, "_archive", None)
    if part is None or archive is None:
        return []
    ranges: list[tuple[int, int, int, int]] = []
    with archive.open(part) as source:
        for _, element in iterparse(source):
            if element.tag.endswith("}mergeCell") and element.get("ref"):
                ranges.append(range_boundaries(element.get("ref")))
            element.clear()
    return ranges


def _fill_merged(rows: list[tuple[int, tuple[str, ...]]],
                 merged: list[tuple[int, int, int, int]]) -> list[tuple[int, tuple[str, ...]]]:
    """Every cell of a merged range holds its value, as the sheet shows it: a department merged
    down the rows of its people belongs to each of them, a header merged over two rows names
    the column in both."""
    if not merged:
        return rows
    grid = [list(cells) for _, cells in rows]
    for min_col, min_row, max_col, max_row in merged:
        if min_row > len(grid) or min_col > len(grid[min_row - 1]):
            continue
        value = grid[min_row - 1][min_col - 1]
        for row in grid[min_row - 1:max_row]:
            for column in range(min_col - 1, min(max_col, len(row))):
                row[column] = value
    return [(line, tuple(cells)) for (line, _), cells in zip(rows, grid, strict=True)]


def _check_unpacked_size(path: Path, handle: Any) -> None:
    """DESIGN §7: an archive that unpacks to far more than any roster is refused unread."""
    from zipfile import ZipFile

    with ZipFile(handle) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    handle.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:
        raise RosterUnreadable(f"{path}: the workbook unpacks to {unpacked:,} bytes, far more "
                               "than any roster; it was not read.",
                               hint="Save only the roster sheet as .xlsx or CSV.")


def _empty(path: Path) -> RosterUnreadable:
    return RosterUnreadable(f"{path}: the roster is empty.",
                            hint="The first row must hold column names, one learner per row.")


def _with_header(path: Path, rows: list[tuple[int, tuple[str, ...]]], encoding: str,
                 delimiter: str = "", *, sheet: str = "", sheets: tuple[str, ...] = ()
                 ) -> RawTable:
    """The first non-empty row as the header; records keep their cells as written (a CSV row
    may have fewer cells than the header: Excel drops trailing empty ones)."""
    filled = [(line, cells) for line, cells in rows if any(cells)]
    if not filled:
        raise _empty(path)
    header_line, headers = filled[0]
    width = max(len(cells) for _, cells in filled)
    return RawTable(path, headers + ("",) * (width - len(headers)), tuple(filled[1:]), encoding,
                    header_line, len(headers), delimiter, sheet, sheets)
