"""The plan report's tables as columns, in both export languages: people, units (with their
sub-units) and the overdue list. The HR plan tab shows these same columns, so a file and the
screen hold the same rows and values (tested)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from trainer.analytics.plan_progress import PersonProgress
from trainer.analytics.plan_report import NO_UNIT, PlanReport, UnitRollup
from trainer.analytics.rounding import rounded
from trainer.reports.tables import Column, Value
from trainer.reports.texts import normalise_language

# key: (English, Chinese)
PLAN_TEXTS: dict[str, tuple[str, str]] = {
    "employee_no": ("Employee no.", "工号"),
    "name": ("Name", "姓名"),
    "unit": ("Unit", "单位"),
    "hours": ("学时 earned", "已获学时"),
    "compulsory_hours": ("Compulsory 学时", "必修学时"),
    "elective_hours": ("Elective 学时", "选修学时"),
    "required": ("Required 学时", "要求学时"),
    "compulsory_done": ("Compulsory courses done", "已完成必修课"),
    "compulsory_total": ("Compulsory courses", "必修课数"),
    "overdue": ("Overdue", "逾期"),
    "overdue_courses": ("Overdue courses", "逾期课程"),
    "complete": ("Plan complete", "完成计划"),
    "people": ("People", "人数"),
    "complete_people": ("Completed the plan", "完成计划人数"),
    "complete_share": ("Completed (%)", "完成率（%）"),
    "overdue_people": ("People overdue", "逾期人数"),
    "mean_hours": ("Mean 学时", "平均学时"),
    "no_unit": ("(no unit)", "（未分配单位）"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "deadline": ("Deadline", "截止日期"),
    "plans": ("Plans", "学习计划"),
    "title": ("Training plan report", "学习计划完成情况"),
    "period": ("Period", "计划周期"),
    "as_of": ("As of", "统计日期"),
    "people_title": ("People", "人员明细"),
    "units_title": ("Units (each with its sub-units)", "各单位（含下级单位）"),
    "overdue_title": ("Overdue", "逾期名单"),
    "chart_title": ("Completion of the plan by unit (%)", "各单位计划完成率（%）"),
}


def plan_text(key: str, language: str | None) -> str:
    english, chinese = PLAN_TEXTS[key]
    return english if normalise_language(language) == "en" else chinese


def hours_value(hours: Decimal) -> float:
    return float(hours)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def person_columns(language: str | None) -> list[Column]:
    t = lambda key: plan_text(key, language)  # noqa: E731 - a short local alias

    def overdue_names(p: PersonProgress) -> str:
        return "; ".join(f"{c.title} ({_day(c.deadline)})" for c in p.overdue)

    return [
        Column("employee_no", t("employee_no"), lambda p: p.employee_no, "text", 12),
        Column("name", t("name"), lambda p: p.name, "text", 12),
        Column("unit", t("unit"), lambda p: p.unit or t("no_unit"), "text", 22),
        Column("hours", t("hours"), lambda p: hours_value(p.hours), "hours", 9),
        Column("compulsory_hours", t("compulsory_hours"),
               lambda p: hours_value(p.compulsory_hours), "hours", 9),
        Column("elective_hours", t("elective_hours"), lambda p: hours_value(p.elective_hours),
               "hours", 9),
        Column("required", t("required"), lambda p: hours_value(p.required), "hours", 9),
        Column("compulsory_done", t("compulsory_done"), lambda p: p.compulsory_done,
               "integer", 9),
        Column("compulsory_total", t("compulsory_total"), lambda p: len(p.courses),
               "integer", 9),
        Column("overdue", t("overdue"), lambda p: len(p.overdue), "integer", 7),
        Column("overdue_courses", t("overdue_courses"), overdue_names, "text", 24),
        Column("complete", t("complete"), lambda p: t("yes") if p.complete else t("no"),
               "text", 8),
    ]


def unit_columns(language: str | None) -> list[Column]:
    t = lambda key: plan_text(key, language)  # noqa: E731

    def label(u: UnitRollup) -> Value:
        return t("no_unit") if u.unit == NO_UNIT else u.unit

    return [
        Column("unit", t("unit"), label, "text", 26),
        Column("people", t("people"), lambda u: u.people, "integer", 8),
        Column("complete_people", t("complete_people"), lambda u: u.complete, "integer", 10),
        Column("complete_share", t("complete_share"), lambda u: rounded(100.0 * u.share),
               "percent", 10),
        Column("overdue_people", t("overdue_people"), lambda u: u.overdue, "integer", 9),
        Column("mean_hours", t("mean_hours"), lambda u: hours_value(u.mean_hours), "hours", 9),
    ]


def overdue_columns(language: str | None) -> list[Column]:
    keep = ("employee_no", "name", "unit", "hours", "required", "overdue_courses")
    return [c for c in person_columns(language) if c.key in keep]


def report_tables(report: PlanReport, language: str | None
                  ) -> list[tuple[str, list[Column], list[object]]]:
    """(title, columns, rows) of each table, in the order every format shows them."""
    return [(plan_text("people_title", language), person_columns(language), list(report.people)),
            (plan_text("units_title", language), unit_columns(language), list(report.units)),
            (plan_text("overdue_title", language), overdue_columns(language),
             list(report.overdue))]
