"""Reading roster files into plain rows of text: CSV in any encoding HR offices use, and XLSX.

Kept apart from the roster rules so that encodings and spreadsheet quirks (numbers stored as
floats, BOMs, semicolon exports) are solved once, before any column is interpreted.
"""

from __future__ import annotations

import codecs
import csv
import io
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from trainer.store.errors import StoreError

MAX_ROSTER_BYTES = 50 * 1024 * 1024  # far beyond any real roster; stops a wrong file early
MAX_UNPACKED_BYTES = 500 * 1024 * 1024  # a workbook is a zip: refuse one that unpacks to more


class RosterUnreadable(StoreError):
    """The roster file cannot be read as a table (wrong format, damaged, empty)."""


@dataclass(frozen=True)
class RawTable:
    """A file's header cells and data records, each with the line (or sheet row) it came from."""

    source: Path
    headers: tuple[str, ...]
    records: tuple[tuple[int, tuple[str, ...]], ...]
    encoding: str  # "utf-8", "utf-8-sig", "gb18030", "utf-16", "xlsx", or a detected charset
    header_line: int = 1


def read_table(path: Path) -> RawTable:
    """Read a CSV/TSV or XLSX roster; the first non-empty row is taken as the header."""
    path = Path(path)
    if not path.is_file():
        raise RosterUnreadable(f"{path}: no such file.", hint="Check the file name and folder.")
    try:
        return _read_table(path)
    except OSError as exc:  # unreadable: permissions, a removed USB stick …
        raise RosterUnreadable(f"{path}: cannot be read ({exc.strerror or exc}).",
                               hint="Copy the file to this computer and try again.") from exc


def _read_table(path: Path) -> RawTable:
    suffix = path.suffix.lower()
    if suffix in (".xls", ".et", ".numbers", ".ods"):
        raise RosterUnreadable(
            f"{path}: {suffix} spreadsheets cannot be read.",
            hint="Save the roster as .xlsx (Excel workbook) or as CSV, then import that file.")
    if path.stat().st_size > MAX_ROSTER_BYTES:
        raise RosterUnreadable(f"{path}: the file is larger than 50 MB; is it really a roster?")
    if suffix in (".xlsx", ".xlsm"):
        return _with_header(path, _xlsx_rows(path), "xlsx")
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04":  # an XLSX saved with a .csv name
        return _with_header(path, _xlsx_rows(path), "xlsx")
    text, encoding = decode_text(data, path)
    return _with_header(path, _csv_rows(text), encoding)


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """UTF-8 (strict, with or without BOM) first, then GB18030, then charset-normalizer."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _bad_bytes(path, data, exc, "UTF-8") from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel "Unicode text"
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _bad_bytes(path, data, exc, "UTF-16") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        gb_error = exc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise _bad_bytes(path, data, gb_error, "UTF-8 or GB18030")
    return str(best), best.encoding


def _bad_bytes(path: Path, data: bytes, exc: UnicodeDecodeError, tried: str) -> RosterUnreadable:
    line = data.count(b"\n", 0, exc.start) + 1
    return RosterUnreadable(
        f"{path}:{line}: the text is not valid {tried} (byte {exc.start}).",
        hint="Save the roster as 'CSV UTF-8' from Excel or WPS, or as an .xlsx workbook.")


def _csv_rows(text: str) -> list[tuple[int, tuple[str, ...]]]:
    """Records with the physical line each one starts on (quoted cells may span lines)."""
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, tuple[str, ...]]] = []
    start = 1
    try:
        for record in reader:
            rows.append((start, tuple(cell.strip() for cell in record)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise RosterUnreadable(f"line {reader.line_num}: {exc}",
                               hint="Check the quotes on that line.") from exc
    return rows


def _xlsx_rows(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    """Rows of the first worksheet, with spreadsheet row numbers; values as the user sees them."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    # A file object, so a workbook saved under another name (.csv) is still read.
    with path.open("rb") as handle:
        try:
            _check_unpacked_size(path, handle)
            book = load_workbook(handle, read_only=True, data_only=True)
            sheet = book.worksheets[0]
            rows = [(number, tuple(cell_text(value) for value in values))
                    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
            book.close()
        except (BadZipFile, InvalidFileException, KeyError, IndexError, ValueError, TypeError,
                EOFError, zlib.error, NotImplementedError, RuntimeError, SyntaxError) as exc:
            # every way a damaged zip or its XML fails (SyntaxError: XML parse errors)
            raise RosterUnreadable(
                f"{path}: not a readable .xlsx workbook ({exc}).",
                hint="Open it in Excel or WPS and save it again as .xlsx, or export CSV.") from exc
    return rows


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


def cell_text(value: Any) -> str:
    """A cell as text: 1001.0 → "1001" (numbers typed into Excel), dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _with_header(path: Path, rows: list[tuple[int, tuple[str, ...]]], encoding: str) -> RawTable:
    filled = [(line, cells) for line, cells in rows if any(cells)]
    if not filled:
        raise RosterUnreadable(f"{path}: the roster is empty.",
                               hint="The first row must hold column names, one learner per row.")
    header_line, headers = filled[0]
    width = max(len(cells) for _, cells in filled)
    records = tuple((line, cells + ("",) * (width - len(cells))) for line, cells in filled[1:])
    headers = headers + ("",) * (width - len(headers))
    return RawTable(path, headers, records, encoding, header_line)
