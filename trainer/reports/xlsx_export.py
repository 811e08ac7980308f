"""XLSX workbook: Summary, Learners, Competencies and Attempts sheets (DESIGN §6).

Written with xlsxwriter in ``constant_memory`` mode (rows go to disk as they are written), so a
million answers never sit in memory. Every sheet has a frozen header row, a filter and column
widths; numbers are numbers with a number format, moments are real dates. Excel stops at
1,048,576 rows a sheet; answers beyond that are left to the CSV export, and the workbook says so.
The two long sheets (Learners, Attempts) get their rows as XML streamed into the finished
workbook (``xlsx_table``, ``xlsx_rows``): xlsxwriter's per-cell Python would take most of the
budget at organisation size.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from trainer.reports.attempts import attempt_batches
from trainer.reports.data import ProgressFn, ReportData, rounded
from trainer.reports.output import atomic_output
from trainer.reports.tables import (
    Column,
    attempt_columns,
    competency_columns,
    department_columns,
    filter_lines,
    learner_columns,
    legend,
)
from trainer.reports.xlsx_rows import EXCEL_EPOCH, ONE_DAY, AttemptRowWriter, insert_rows
from trainer.reports.xlsx_table import TableRowWriter, column_letters

MAX_ROWS = 1_048_576  # Excel's limit per sheet, header included
LEARNERS_MEMBER = "xl/worksheets/sheet2.xml"  # the second sheet added below
ATTEMPTS_MEMBER = "xl/worksheets/sheet4.xml"  # the fourth


class _Formats:
    """The few cell formats the workbook uses, created once."""

    def __init__(self, book: Any) -> None:
        self.header = book.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1,
                                       "text_wrap": True, "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.note = book.add_format({"italic": True, "font_color": "#9C5700", "text_wrap": True})
        self.note_line = book.add_format({"italic": True, "font_color": "#595959"})
        self.by_kind = {
            "number": book.add_format({"num_format": "0.0"}),
            "percent": book.add_format({"num_format": "0.0"}),
            "integer": book.add_format({"num_format": "0"}),
            "hours": book.add_format({"num_format": "0.00"}),
            "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "text": None,
        }
        # xlsxwriter's style id of each kind, for the rows streamed in after closing. Asked for
        # now: a format gets its id (and its place in styles.xml) only when first used, and
        # one first asked for after closing would name a style the file lacks.
        self.styles = {kind: None if fmt is None else fmt._get_xf_index()
                       for kind, fmt in self.by_kind.items()}


def export_xlsx(db: Any, data: ReportData, out: Path, *,
                progress: ProgressFn | None = None) -> int:
    """Write the workbook; returns how many answers went onto the Attempts sheet."""
    import xlsxwriter

    with atomic_output(out) as temp:
        book = xlsxwriter.Workbook(str(temp), {"constant_memory": True,
                                               "default_date_format": "yyyy-mm-dd hh:mm",
                                               "strings_to_formulas": False,
                                               "strings_to_urls": False})
        formats = _Formats(book)
        t = data.texts
        summary = book.add_worksheet(t("sheet_summary"))
        learners = learner_columns(data)
        _table_head(book.add_worksheet(t("sheet_learners")), formats, learners,
                    len(data.learners))
        _table_sheet(book.add_worksheet(t("sheet_competencies")), formats,
                     competency_columns(data),
                     data.competency_with_total())
        planned = min(data.attempts, MAX_ROWS - 1)
        _attempts_sheet(book.add_worksheet(t("sheet_attempts")), formats, data, planned)
        _summary_sheet(summary, formats, data, planned)
        book.close()
        written = _stream_rows(db, temp, formats, data, learners, planned, progress)
    return written


def _header(sheet: Any, formats: _Formats, columns: Sequence[Column], row: int = 0) -> None:
    for col, column in enumerate(columns):
        sheet.write_string(row, col, column.header, formats.header)
        sheet.set_column(col, col, column.width)
        if column.note:  # what the figure counts, as the screen's header tooltip says
            sheet.write_comment(row, col, column.note, {"x_scale": 2})


def _write_value(sheet: Any, row: int, col: int, value: Any, fmt: Any) -> None:
    if value is None:
        return
    if isinstance(value, str):
        sheet.write_string(row, col, value, fmt)
    elif isinstance(value, datetime):
        sheet.write_number(row, col, (value - EXCEL_EPOCH) / ONE_DAY, fmt)
    else:
        sheet.write_number(row, col, value, fmt)


def _table_sheet(sheet: Any, formats: _Formats, columns: Sequence[Column], rows: Iterable[Any],
                 *, first: int = 0, freeze: bool = True) -> int:
    """A header at row ``first`` and the rows below, with a filter; returns the last row."""
    _header(sheet, formats, columns, first)
    row = first
    kinds = [formats.by_kind[c.kind] for c in columns]
    getters = [c.value for c in columns]
    for item in rows:
        row += 1
        for col, get in enumerate(getters):
            _write_value(sheet, row, col, get(item), kinds[col])
    if freeze:
        sheet.freeze_panes(first + 1, 0)
    sheet.autofilter(first, 0, max(row, first), len(columns) - 1)
    return row


def _table_head(sheet: Any, formats: _Formats, columns: Sequence[Column], rows: int) -> None:
    """A long table's header, frozen row and filter over ``rows`` rows; the rows themselves
    are streamed in after closing (``xlsx_table``)."""
    _header(sheet, formats, columns)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(rows, 1), len(columns) - 1)


def _summary_sheet(sheet: Any, formats: _Formats, data: ReportData, written: int) -> None:
    """Title, filters, headline figures, then the department table and the overall rows."""
    t = data.texts
    sheet.set_column(0, 0, 34)  # the headline labels ("Mean completion, all learners (%)")
    sheet.set_column(1, 1, 26)
    sheet.write_string(0, 0, t("report_title"), formats.title)
    sheet.write_string(1, 0, t("generated", data.zone), formats.bold)
    _write_value(sheet, 1, 1, data.generated_local, formats.by_kind["datetime"])
    sheet.write_string(3, 0, t("filters"), formats.bold)
    row = 3
    for label, value in filter_lines(data):
        row += 1
        sheet.write_string(row, 0, label)
        sheet.write_string(row, 1, value)
    headline: list[tuple[str, float | None, str]] = [
        ("learners_total", len(data.learners), "integer"),
        ("average_completion", rounded(data.mean_completion()), "percent"),
        ("attempts_total", data.attempts, "integer")]
    row += 1
    for key, figure, kind in headline:
        row += 1
        sheet.write_string(row, 0, t(key), formats.bold)
        _write_value(sheet, row, 1, figure, formats.by_kind[kind])
    if written < data.attempts:
        row += 1
        sheet.merge_range(row, 0, row, 5, t("attempts_truncated", f"{written:,}",
                                             f"{data.attempts:,}"), formats.note)
        sheet.set_row(row, 48)
    row += 2
    sheet.write_string(row, 0, t("department_summary"), formats.bold)
    columns = department_columns(data)
    row = _table_sheet(sheet, formats, columns, data.completion_with_total(), first=row + 1,
                       freeze=False) + 1
    for note in legend(data, columns):  # what each figure counts, under the table as in the PDF
        row += 1
        sheet.write_string(row, 0, note, formats.note_line)


def _attempts_sheet(sheet: Any, formats: _Formats, data: ReportData, planned: int) -> None:
    """Header, widths, frozen row and filter; the rows are streamed in after closing."""
    columns = attempt_columns(data)
    _header(sheet, formats, columns)
    sheet.set_column(4, 4, columns[4].width, formats.by_kind["number"])
    sheet.set_column(5, 6, columns[5].width, formats.by_kind["datetime"])
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(planned, 1), len(columns) - 1)


def _stream_rows(db: Any, book: Path, formats: _Formats, data: ReportData,
                learners: Sequence[Column], planned: int, progress: ProgressFn | None) -> int:
    """The learners and every answer the sheet can hold, as XML rows into the closed workbook
    (one pass over the file); returns the answers written."""
    styles = formats.styles
    writer = AttemptRowWriter(styles["number"], styles["datetime"])
    written = 0

    def chunks() -> Iterator[str]:
        nonlocal written
        for part in attempt_batches(db, data, limit=planned, excel=True):
            yield writer.rows(written + 2, part)
            written += len(part)
            if progress is not None:
                progress(written, planned, "attempts")
    last = column_letters(len(learners))[-1]
    insert_rows(book, {
        LEARNERS_MEMBER: (TableRowWriter(learners, styles).chunks(2, data.learners),
                          f"A1:{last}{len(data.learners) + 1}"),
        ATTEMPTS_MEMBER: (chunks(), f"A1:G{planned + 1}")})
    return written
