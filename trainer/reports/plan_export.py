"""The plan report written as CSV (one table), XLSX (a sheet per table) or PDF (a chart of the
units' completion and every table), through the same writers as the HR report; and the
``credits`` table of ``trainer report export`` (one row per person)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from trainer.analytics.plan_report import PlanReport
from trainer.reports.csv_export import write_rows
from trainer.reports.output import atomic_output
from trainer.reports.plan_tables import plan_text, report_tables
from trainer.reports.tables import Column
from trainer.store import audit
from trainer.store.permissions import Actor, require

CSV_TABLES = ("people", "units", "overdue")


def export_plan_report(db: Any, report: PlanReport, out: Path, fmt: str, *,
                       actor: Actor | None, language: str | None = None,
                       table: str = "people") -> int:
    """Write the report; returns rows (CSV), sheets (XLSX) or pages (PDF). Audited."""
    require(actor, "hr")
    tables = report_tables(report, language)
    if fmt == "csv":
        _, columns, rows = tables[CSV_TABLES.index(table)]
        written = write_rows(out, columns, rows)
    elif fmt == "xlsx":
        written = _xlsx(out, tables)
    elif fmt == "pdf":
        written = _pdf(out, report, tables, language)
    else:
        raise ValueError(f"format must be csv, xlsx or pdf, not {fmt!r}")
    audit.record(db, actor, audit.REPORT_EXPORT, {"format": fmt, "file": out.name,
                                                  "plan": report.plan.name, "table": table})
    return written


def _xlsx(out: Path, tables: Sequence[tuple[str, list[Column], list[Any]]]) -> int:
    import xlsxwriter

    from trainer.reports.xlsx_export import _Formats, _table_sheet

    with atomic_output(out) as temp:
        book = xlsxwriter.Workbook(str(temp), {"strings_to_formulas": False,
                                               "strings_to_urls": False})
        formats = _Formats(book)
        for title, columns, rows in tables:
            _table_sheet(book.add_worksheet(title[:31]), formats, columns, rows)
        book.close()
    return len(tables)


def _pdf(out: Path, report: PlanReport, tables: Sequence[tuple[str, list[Column], list[Any]]],
         language: str | None) -> int:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    from trainer.reports.pdf_report import MARGIN_MM, RESOLUTION, _Pdf
    from trainer.reports.plan_figure import chart_height, completion_png
    from trainer.reports.qtpdf import ensure_gui_application

    ensure_gui_application()
    t = lambda key: plan_text(key, language)  # noqa: E731
    plan = report.plan
    with atomic_output(out) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(RESOLUTION)
        writer.setTitle(f"{t('title')}: {plan.name}")
        writer.setCreator("Trainer")
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Portrait,
                                         QMarginsF(*(MARGIN_MM,) * 4),
                                         QPageLayout.Unit.Millimeter))
        pdf = _Pdf(writer)
        pdf.text(f"{t('title')}: {plan.name}", "h2", gap=0.6)
        pdf.text(f"{t('period')}: {plan.starts_on} – {plan.ends_on}    "
                 f"{t('required')}: {plan.required_hours}    {t('as_of')}: {report.today}")
        height = chart_height(report)
        pdf.image(completion_png(report, language, 7.0, height), 7.0, height)
        for title, columns, rows in tables:
            pdf.table(columns, rows, title=title)
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"cannot write {out}")
        try:
            for number, page in enumerate(pdf.layout.pages, start=1):
                if number > 1:
                    writer.newPage()
                for y, draw in page.ops:
                    draw(painter, y)
        finally:
            painter.end()
    return len(pdf.layout.pages)


def credit_columns(language: str | None) -> list[Column]:
    """The ``credits`` table's columns (CreditRow)."""
    t = lambda key: plan_text(key, language)  # noqa: E731
    number = lambda value: None if value is None else float(value)  # noqa: E731
    return [
        Column("employee_no", t("employee_no"), lambda r: r.employee_no, "text", 12),
        Column("name", t("name"), lambda r: r.name, "text", 12),
        Column("unit", t("unit"), lambda r: r.unit or t("no_unit"), "text", 22),
        Column("hours", t("hours"), lambda r: number(r.hours), "hours", 9),
        Column("compulsory_hours", t("compulsory_hours"), lambda r: number(r.compulsory_hours),
               "hours", 9),
        Column("elective_hours", t("elective_hours"), lambda r: number(r.elective_hours),
               "hours", 9),
        Column("required", t("required"), lambda r: number(r.required), "hours", 9),
        Column("compulsory_done", t("compulsory_done"), lambda r: r.compulsory_done,
               "integer", 9),
        Column("compulsory_total", t("compulsory_total"), lambda r: r.compulsory_total,
               "integer", 9),
        Column("overdue", t("overdue"), lambda r: r.overdue, "integer", 7),
        Column("plans", t("plans"), lambda r: r.plans, "text", 20),
    ]


def export_credits(db: Any, rows: Sequence[Any], out: Path, *, actor: Actor | None,
                   language: str | None, filters: dict[str, Any]) -> int:
    """The credits table as CSV; returns the rows written. Audited like every report export."""
    require(actor, "hr")
    written = write_rows(out, credit_columns(language), rows)
    audit.record(db, actor, audit.REPORT_EXPORT, {"format": "csv", "file": out.name,
                                                  "table": "credits", **filters})
    return written
