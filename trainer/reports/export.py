"""One entry point for every report export, used by the HR screen and ``trainer report export``.

It checks the actor may see HR figures, gathers the figures through ``reports.data`` (unless the
screen hands over the ones it shows), writes the format, and records the export with its filters
in the audit log (who exported what is personal data leaving the application).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.analytics.filters import CohortFilter
from trainer.content.model import Pack
from trainer.reports.data import ProgressFn, ReportData
from trainer.store import audit
from trainer.store.permissions import Actor, require

FORMATS = ("csv", "xlsx", "pdf")
# Figures each export reads, queried up front two at a time (see ReportData.fetch).
NEEDS = {"xlsx": ReportData.FIGURES, "pdf": ReportData.FIGURES}
CSV_NEEDS = {"learners": ("learners",), "attempts": ("attempts",),
             "departments": ("completion",)}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    learners: int  # learner rows in the report
    rows: int  # rows written: CSV data rows, XLSX answers on the Attempts sheet, PDF pages
    attempts: int  # answers the filter covers


def export_report(db: Any, packs: Sequence[Pack], out: Path, fmt: str, *,
                  actor: Actor | None, filters: CohortFilter | None = None,
                  language: str | None = None, table: str = "learners",
                  data: ReportData | None = None,
                  progress: ProgressFn | None = None) -> ExportResult:
    """Write ``out`` in ``fmt`` (csv, xlsx or pdf); HR or administrator only."""
    require(actor, "hr", "admin")
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "csv" and table not in CSV_NEEDS:
        raise ValueError(f"table must be one of {', '.join(CSV_NEEDS)}, not {table!r}")
    warm = None
    if fmt == "pdf":
        from trainer.reports.figures import preload

        warm = preload()
    if data is None:
        data = ReportData(db, packs, filters, language)
        data.fetch(NEEDS[fmt] if fmt != "csv" else CSV_NEEDS[table], progress)
    if warm is not None:
        warm.join()
    out = Path(out)
    if fmt == "csv":
        from trainer.reports.csv_export import export_csv

        rows = export_csv(db, data, out, table=table, progress=progress)
    elif fmt == "xlsx":
        from trainer.reports.xlsx_export import export_xlsx

        rows = export_xlsx(db, data, out, progress=progress)
    else:
        from trainer.reports.pdf_report import export_pdf

        rows = export_pdf(data, out, progress=progress)
    audit.record(db, actor, audit.REPORT_EXPORT, {
        "format": fmt, "file": out.name, "table": table if fmt == "csv" else None,
        "filters": describe_filters(data.filters), "language": data.texts.language,
        "rows": rows,
    })
    learners = len(data.learners) if "learners" in data.__dict__ else 0
    return ExportResult(out, fmt, learners, rows, data.attempts)


def describe_filters(flt: CohortFilter) -> dict[str, str | None]:
    """The filter as JSON-able text, for the audit log."""
    return {"department": flt.department, "role": flt.role, "course": flt.course,
            "since": flt.since.isoformat() if flt.since else None,
            "until": flt.until.isoformat() if flt.until else None}
