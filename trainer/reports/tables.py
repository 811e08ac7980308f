"""The report tables as columns (header + value), shared by the HR screen and every format.

A column's value is what a file stores: a number stays a number (rounded by ``data.rounded``),
a missing figure is None, a moment is a naive local datetime (headers name the zone, see
``trainer.localtime``). Formats only decide how to write it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from trainer.analytics.cohort import LearnerRow
from trainer.localtime import local
from trainer.reports.data import ReportData, average_score, rounded

Value = str | int | float | datetime | None


@dataclass(frozen=True)
class Column:
    key: str  # stable id (tests, screen sorting)
    header: str  # in the report's language
    value: Callable[[Any], Value]
    kind: str = "text"  # text | number | percent | datetime | integer | hours (学时, 0.00)
    width: int = 12  # characters, for spreadsheets and the PDF
    note: str = ""  # what the figure counts (header tooltip on screen, legend in files)


def naive_local(moment: datetime | None) -> datetime | None:
    """Moments become naive local time (spreadsheets have no time zones; the header names it)."""
    return None if moment is None else local(moment)


def learner_columns(data: ReportData) -> list[Column]:
    """One row per learner: identity, completion, overall score, then score + level per
    competency, answers and last activity."""
    t = data.texts
    columns = [
        Column("employee_no", t("employee_no"), lambda r: r.employee_no, "text", 12),
        Column("name", t("name"), lambda r: r.name, "text", 12),
        Column("department", t("department"), lambda r: data.department_label(r.department),
               "text", 18),
        Column("job_role", t("job_role"), lambda r: data.role_title(r.job_role), "text", 14),
        Column("completion", t("completion"), lambda r: rounded(r.completion), "percent", 10,
               t("note_completion")),
        Column("average", t("average"), lambda r: rounded(average_score(r)), "number", 10,
               t("note_average")),
    ]
    for competency in data.competencies:
        cid = competency.id
        columns.append(Column(f"score:{cid}", t("score_of", competency.title),
                              _score_of(cid), "number", 12))
        columns.append(Column(f"level:{cid}", t("level_of", competency.title),
                              _level_of(data, cid), "text", 10))
    columns += [
        Column("attempts", t("attempts"), lambda r: r.attempts, "integer", 9),
        Column("last_active", t("last_active", data.zone), lambda r: naive_local(r.last_active),
               "datetime", 17),
        Column("courses", t("courses"),
               lambda r: "; ".join(data.course_title(p) for p in r.courses), "text", 20),
        Column("passed_courses", t("passed_courses"),
               lambda r: "; ".join(data.course_title(p) for p in r.passed), "text", 20),
    ]
    return columns


def _score_of(competency_id: str) -> Callable[[LearnerRow], Value]:
    return lambda r: rounded(r.scores.get(competency_id))


def _level_of(data: ReportData, competency_id: str) -> Callable[[LearnerRow], Value]:
    return lambda r: data.level_name(r.levels.get(competency_id)) or None


def department_columns(data: ReportData) -> list[Column]:
    """One row per department and course, straight from ``cohort_completion``."""
    t = data.texts
    return [
        Column("department", t("department"), lambda r: data.department_label(r.group),
               "text", 20),
        Column("course", t("course"), lambda r: data.course_title(r.pack_id), "text", 24),
        Column("participants", t("participants"), lambda r: r.learners, "integer", 10,
               t("note_participants")),
        Column("completion", t("participants_completion"), lambda r: rounded(r.percent),
               "percent", 12, t("note_participants_completion")),
        Column("completed", t("completed"), lambda r: r.completed, "integer", 12,
               t("note_completed")),
        Column("passed", t("passed"), lambda r: r.passed, "integer", 12, t("note_passed")),
    ]


def competency_columns(data: ReportData) -> list[Column]:
    """One row per department and competency, straight from ``cohort_competency``."""
    t = data.texts
    titles = {c.id: c.title for c in data.competencies}
    return [
        Column("department", t("department"), lambda r: data.department_label(r.group),
               "text", 20),
        Column("competency", t("competency"), lambda r: titles.get(r.competency_id,
                                                                   r.competency_id), "text", 24),
        Column("learners", t("learners_with_evidence"), lambda r: r.learners, "integer", 12,
               t("note_learners_with_evidence")),
        Column("score", t("mean_score"), lambda r: rounded(r.score), "number", 10,
               t("note_mean_score")),
        Column("level", t("level"), lambda r: data.level_name(r.level) or None, "text", 10),
    ]


def attempt_columns(data: ReportData) -> list[Column]:
    """Raw answers (tuples from ``attempts.iter_attempts``)."""
    t = data.texts
    return [
        Column("employee_no", t("employee_no"), lambda r: r[0], "text", 12),
        Column("name", t("name"), lambda r: r[1], "text", 12),
        Column("course", t("course_id"), lambda r: r[2], "text", 22),
        Column("exercise", t("exercise"), lambda r: r[3], "text", 22),
        Column("score", t("score_pct"), lambda r: r[4], "number", 10),
        Column("started_at", t("started_at", data.zone), lambda r: r[5], "datetime", 17),
        Column("finished_at", t("finished_at", data.zone), lambda r: r[6], "datetime", 17),
    ]


def legend(data: ReportData, columns: Sequence[Column]) -> list[str]:
    """"Header: what it counts" for every column with a note, for the lines under a table
    (and what a date range limits, when the filters have one); then what the overall
    completion counts and the rounding rule (always the last two)."""
    t, flt = data.texts, data.filters
    dated = flt is not None and (flt.since is not None or flt.until is not None)
    return [*(t("legend_line", c.header, c.note) for c in columns if c.note),
            *([t("note_dates")] if dated else []),
            t("legend_line", t("average_completion"), t("note_average_completion")),
            t("rounding_rule")]


def filter_lines(data: ReportData) -> list[tuple[str, str]]:
    """(label, value) for the filters in force, for the summary sheet and the PDF cover."""
    t, flt = data.texts, data.filters
    any_ = t("any")
    course = data.course_title(flt.course) if flt.course else any_
    return [
        (t("filter_department"), flt.department or any_),
        (t("filter_role"), data.role_title(flt.role) if flt.role else any_),
        (t("filter_course"), course),
        (t("filter_since"), flt.since.isoformat() if flt.since else any_),
        (t("filter_until"), flt.until.isoformat() if flt.until else any_),
    ]
