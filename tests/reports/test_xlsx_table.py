"""The Learners sheet's rows are streamed as XML (``xlsx_table``); read back with openpyxl they
are the cells xlsxwriter would have written: typed, formatted, escaped, gaps left empty."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from trainer.reports.tables import Column
from trainer.reports.xlsx_rows import insert_rows
from trainer.reports.xlsx_table import TableRowWriter, column_letters


def test_column_letters_run_past_z() -> None:
    letters = column_letters(28)
    assert letters[:3] == ["A", "B", "C"] and letters[25:] == ["Z", "AA", "AB"]


def test_streamed_rows_read_back_as_typed_cells(tmp_path: Path) -> None:
    import openpyxl
    import xlsxwriter

    columns = [Column("name", "Name", lambda r: r[0]), Column("score", "Score", lambda r: r[1],
                                                              "number"),
               Column("when", "When", lambda r: r[2], "datetime"),
               Column("count", "Count", lambda r: r[3], "integer")]
    rows = [(" <Zhang & Li> ", 85.25, datetime(2026, 3, 4, 9, 30), 7),
            ("=HYPERLINK(\"http://x\")", None, None, 0), ("王\x07芳", 100.0, None, True)]
    out = tmp_path / "t.xlsx"
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    sheet = book.add_worksheet("T")
    number = book.add_format({"num_format": "0.0"})
    date = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column.header)
    # style ids asked for before closing, as the export does (see xlsx_export._Formats)
    styles = {"number": number._get_xf_index(), "datetime": date._get_xf_index(),
              "integer": number._get_xf_index()}
    book.close()
    insert_rows(out, {"xl/worksheets/sheet1.xml": (
        TableRowWriter(columns, styles).chunks(2, rows), "A1:D4")})
    found = openpyxl.load_workbook(out)["T"]
    values = list(found.iter_rows(min_row=2, values_only=True))
    assert values == [(" <Zhang & Li> ", 85.25, datetime(2026, 3, 4, 9, 30), 7),
                      ("=HYPERLINK(\"http://x\")", None, None, 0), ("王芳", 100, None, 1)]
    assert found["B2"].number_format == "0.0" and found["C2"].number_format.startswith("yyyy")
    assert found["A3"].data_type == "s"  # text, never a formula
