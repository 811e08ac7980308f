"""CSV exports: UTF-8 with a byte-order mark, so Excel on Chinese Windows reads the Chinese.

Numbers are written as plain numbers; text that a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a leading apostrophe (OWASP advice
against CSV injection). ``learners`` writes one row per learner, ``attempts`` every answer.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from trainer.reports.attempts import attempt_batches
from trainer.reports.data import ProgressFn, ReportData
from trainer.reports.output import atomic_output
from trainer.reports.tables import Column, attempt_columns, department_columns, learner_columns

TABLES = ("learners", "attempts", "departments")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_RISKY = frozenset(FORMULA_STARTS)
PROGRESS_EVERY = 20_000
BOM = "\ufeff"


def neutralise(text: str) -> str:
    """Text a spreadsheet would treat as a formula, made inert with a leading apostrophe."""
    return "'" + text if text[:1] in _RISKY else text


def cell(value: Any) -> Any:
    """One value as the csv module should write it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return neutralise(str(value))


def write_rows(out: Path, columns: Sequence[Column], rows: Iterable[Any], *, total: int = 0,
               progress: ProgressFn | None = None, label: str = "") -> int:
    """Write a header and the rows to ``out`` (atomically); returns the rows written."""
    count = 0
    with atomic_output(out) as temp, temp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([neutralise(c.header) for c in columns])
        getters = [c.value for c in columns]
        for row in rows:
            writer.writerow([cell(get(row)) for get in getters])
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count, total, label)
    return count


def export_csv(db: Any, data: ReportData, out: Path, *, table: str = "learners",
               progress: ProgressFn | None = None) -> int:
    """Write one report table as CSV; returns the number of data rows."""
    if table == "learners":
        return write_rows(out, learner_columns(data), data.learners, total=len(data.learners),
                          progress=progress)
    if table == "departments":
        rows = data.completion_with_total()  # with the 全体 rows, like the XLSX and PDF
        return write_rows(out, department_columns(data), rows, total=len(rows),
                          progress=progress)
    if table == "attempts":
        return _write_attempts(db, data, out, progress)
    raise ValueError(f"table must be one of {', '.join(TABLES)}, not {table!r}")


def _write_attempts(db: Any, data: ReportData, out: Path, progress: ProgressFn | None) -> int:
    """The attempt stream in batches; the tuples already hold the values to write."""
    count = 0
    columns = attempt_columns(data)
    risky = _RISKY
    with atomic_output(out) as temp, temp.open("w", encoding="utf-8", newline="") as handle:
        handle.write(BOM)  # "utf-8-sig" would encode every write through a Python-level codec
        writer = csv.writer(handle)
        writer.writerow([neutralise(c.header) for c in columns])
        for part in attempt_batches(db, data):
            writer.writerows([
                ("'" + no if no[:1] in risky else no, "'" + name if name[:1] in risky else name,
                 "'" + pack if pack[:1] in risky else pack,
                 "'" + ex if ex[:1] in risky else ex,
                 "" if score is None else score, started, finished or "")
                for no, name, pack, ex, score, started, finished in part])
            count += len(part)
            if progress is not None:
                progress(count, data.attempts, "attempts")
    return count
