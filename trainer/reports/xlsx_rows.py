"""The Attempts sheet's million rows, written as sheet XML straight into the finished workbook.

xlsxwriter costs several µs a cell in Python; a million answers × 7 cells would alone exceed the
40 s XLSX budget (DESIGN §6). xlsxwriter still builds the workbook, the Attempts sheet's header,
widths, frozen row and filter; this module then streams one XML ``<row>`` per answer into that
sheet (inline strings, the workbook's own cell styles), with no per-cell objects.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

EXCEL_EPOCH = datetime(1899, 12, 30)
ONE_DAY = timedelta(days=1)
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def xml_text(value: str) -> str:
    """Text for an inline string cell: escaped, control characters XML forbids dropped."""
    if "&" in value or "<" in value or ">" in value:
        value = value.translate(_ESCAPES)
    if not value.isprintable():
        value = "".join(ch for ch in value if ch >= " " or ch in "\t\n")
    return value


def _cell(column: str, row: int, text: str) -> str:
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<c r="{column}{row}" t="inlineStr"><is><t{space}>{xml_text(text)}</t></is></c>'


def _number(column: str, row: int, value: float | None, style: int) -> str:
    return "" if value is None else f'<c r="{column}{row}" s="{style}"><v>{value!r}</v></c>'


class AttemptRowWriter:
    """Answers (tuples from ``attempts.attempt_batches(excel=True)``) as sheet rows.

    Most rows hold plain text and every value; they take one string template. The rest (a
    pending score, an unfinished answer, text needing escapes) take the careful per-cell path.
    """

    def __init__(self, number_style: int, date_style: int) -> None:
        self.number_style = number_style
        self.date_style = date_style
        text = '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>'
        number = '<c r="%s%d" s="%d"><v>%r</v></c>'
        self.template = '<row r="%d">' + text * 4 + number * 3 + "</row>"

    def rows(self, first: int, part: Iterable[Any]) -> str:
        """XML for ``part``, its first answer on 1-based sheet row ``first``."""
        out = []
        template, number, date = self.template, self.number_style, self.date_style
        for row, (no, name, pack, ex, score, begun, ended) in enumerate(part, start=first):
            joined = no + name + pack + ex
            if (score is None or ended is None or "&" in joined or "<" in joined
                    or ">" in joined or not joined.isprintable() or " " in joined):
                out.append(self.careful(row, (no, name, pack, ex, score, begun, ended)))
                continue
            out.append(template % (row, "A", row, no, "B", row, name, "C", row, pack,
                                   "D", row, ex, "E", row, number, score, "F", row, date,
                                   begun, "G", row, date, ended))
        return "".join(out)

    def careful(self, row: int, item: tuple[Any, ...]) -> str:
        no, name, pack, ex, score, begun, ended = item
        return (f'<row r="{row}">{_cell("A", row, no)}{_cell("B", row, name)}'
                f'{_cell("C", row, pack)}{_cell("D", row, ex)}'
                f'{_number("E", row, score, self.number_style)}'
                f'{_number("F", row, begun, self.date_style)}'
                f'{_number("G", row, ended, self.date_style)}</row>')


def insert_rows(book: Path, sheets: dict[str, tuple[Iterable[str], str]]) -> None:
    """Rewrite ``book`` (in one pass) with, for each sheet member, its XML chunks appended to
    its sheet data and its used range set to the dimension given (e.g. "A1:G1001"; readers
    size the sheet by it): ``{"xl/worksheets/sheet4.xml": (chunks, "A1:G1001")}``."""
    rebuilt = book.with_name(book.name + ".rows")
    try:
        with zipfile.ZipFile(book) as source, \
                zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
            for info in source.infolist():
                if info.filename not in sheets:
                    target.writestr(info, source.read(info.filename))
                    continue
                chunks, dimension = sheets[info.filename]
                head, tail = _split_sheet(source.read(info.filename).decode("utf-8"))
                head = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>',
                              head, count=1)
                with target.open(info.filename, "w", force_zip64=True) as out:
                    out.write(head.encode("utf-8"))
                    for chunk in chunks:
                        out.write(chunk.encode("utf-8"))
                    out.write(tail.encode("utf-8"))
        shutil.move(rebuilt, book)
    finally:
        rebuilt.unlink(missing_ok=True)


def _split_sheet(xml: str) -> tuple[str, str]:
    """The sheet XML before and after the place where data rows go."""
    end = xml.find("</sheetData>")
    if end < 0:  # an empty <sheetData/> element
        empty = xml.index("<sheetData/>")
        return xml[:empty] + "<sheetData>", "</sheetData>" + xml[empty + len("<sheetData/>"):]
    return xml[:end], xml[end:]
