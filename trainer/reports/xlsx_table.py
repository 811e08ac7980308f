"""A report table's rows (``tables.Column`` values) as sheet XML, for the workbook's long
tables: the Learners sheet of a 10,000-person organisation is 260,000 cells, and xlsxwriter's
per-cell Python (cell wrapper, dimension checks, attribute escaping) took 4 s of a 20 s export.

xlsxwriter still writes the sheet's header, widths, notes, frozen row and filter; these rows are
streamed into the closed workbook by ``xlsx_rows.insert_rows``, with xlsxwriter's own cell
styles, so a reader sees the same cells: text as inline strings, numbers and moments as
numbers with the column's number format, nothing for a missing figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from trainer.reports.tables import Column
from trainer.reports.xlsx_rows import EXCEL_EPOCH, ONE_DAY, xml_text

ROWS_PER_CHUNK = 500


def column_letters(count: int) -> list[str]:
    """A, B, … Z, AA, AB …: the first ``count`` spreadsheet column names."""
    letters = []
    for index in range(count):
        name, number = "", index + 1
        while number:
            number, rest = divmod(number - 1, 26)
            name = chr(65 + rest) + name
        letters.append(name)
    return letters


class TableRowWriter:
    """Rows of ``columns`` as ``<row>`` elements; ``styles`` maps a column kind to its cell
    style id (xlsxwriter's ``_get_xf_index()``), None for unformatted text."""

    def __init__(self, columns: Sequence[Column], styles: dict[str, int | None]) -> None:
        self.cells = [(letter, column.value, styles.get(column.kind))
                      for letter, column in zip(column_letters(len(columns)), columns,
                                                strict=True)]

    def row(self, number: int, item: Any) -> str:
        """One row, on 1-based sheet row ``number``."""
        parts = [f'<row r="{number}">']
        for letter, value, style in self.cells:
            found = value(item)
            if found is None:
                continue
            at = f' r="{letter}{number}"' + ("" if style is None else f' s="{style}"')
            if isinstance(found, str):
                space = (' xml:space="preserve"' if found[:1].isspace() or found[-1:].isspace()
                         else "")
                parts.append(f'<c{at} t="inlineStr"><is><t{space}>{xml_text(found)}</t></is></c>')
                continue
            if isinstance(found, datetime):
                found = (found - EXCEL_EPOCH) / ONE_DAY
            parts.append(f"<c{at}><v>{float(found):.16G}</v></c>")  # as xlsxwriter writes it
        parts.append("</row>")
        return "".join(parts)

    def chunks(self, first: int, items: Iterable[Any]) -> Iterator[str]:
        """The rows from sheet row ``first`` on, a few hundred to a string."""
        batch: list[str] = []
        for number, item in enumerate(items, start=first):
            batch.append(self.row(number, item))
            if len(batch) == ROWS_PER_CHUNK:
                yield "".join(batch)
                batch = []
        if batch:
            yield "".join(batch)
