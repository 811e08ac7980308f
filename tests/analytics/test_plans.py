"""Plans end to end below the UI: refused plans write nothing, rights and audit, each person's
学时 (必修 / 选修) and compulsory courses, unit roll-ups with sub-units, 我的学习任务."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from tests.analytics.builders import add_attempt, mini_pack
from trainer.analytics import summaries
from trainer.analytics.learner_tasks import CourseMark, learner_tasks
from trainer.analytics.plan_report import plan_report
from trainer.store.audit import PLAN_ASSIGN, PLAN_CREATE, entries
from trainer.store.db import Database
from trainer.store.errors import Duplicate, PermissionDenied
from trainer.store.learners import create_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.plan_spec import PlanCourse, PlanSpec, year_period
from trainer.store.plans import PlanInvalid, assign_plan, create_plan, list_plans
from trainer.store.progress import record_lesson_progress

TODAY = date.today()
START, END = year_period(TODAY.year)
COURSES = {"mini", "other"}
ROLES = {"data-steward"}


def _plan(**changes: object) -> PlanSpec:
    base = dict(name="年度计划", starts_on=START, ends_on=END, required_hours=Decimal("0.5"),
                courses=(PlanCourse("mini", True, END), PlanCourse("other", False)),
                audience=(("unit", "财政局"),))
    base.update(changes)
    return PlanSpec(**base)  # type: ignore[arg-type]


def _people(db: Database) -> dict[str, int]:
    return {number: create_learner(db, number, name, unit).id for number, name, unit in (
        ("1", "王小明", "财政局/预算科"), ("2", "李娜", "财政局/国库科"), ("3", "张伟", "财政局"),
        ("4", "赵敏", "数据局"))}


@pytest.mark.parametrize(("changes", "expected"), [
    ({"courses": (PlanCourse("nope", True),)}, "compulsory course 1 (nope): no course"),
    ({"audience": (("unit", "不存在"),)}, "audience unit 1 (不存在): no such unit"),
    ({"audience": (("role", "astronaut"),)}, "audience role 1 (astronaut)"),
    ({"audience": (("person", "999"),)}, "audience person 1 (999): no learner"),
    ({"courses": (PlanCourse("mini", True, START - timedelta(days=1)),)},
     "is before the period starts"),
    ({"required_hours": Decimal(-1)}, "required 学时: -1 is negative"),
    ({"required_hours": Decimal(5000)}, "more than 1000 学时"),
    ({"ends_on": START - timedelta(days=1)}, "period: ends"),
])
def test_a_bad_plan_is_refused_naming_where_and_writes_nothing(
        db: Database, changes: dict[str, object], expected: str) -> None:
    _people(db)
    with pytest.raises(PlanInvalid, match=re.escape(expected)):
        create_plan(db, _plan(**changes), actor=COMMAND_LINE, courses=COURSES, roles=ROLES)
    assert list_plans(db) == []
    assert entries(db, COMMAND_LINE, action=PLAN_CREATE) == []


def test_only_hr_and_admins_change_plans_and_every_change_is_audited(db: Database) -> None:
    ids = _people(db)
    learner = create_learner(db, "9", "学员", None)
    with pytest.raises(PermissionDenied):
        create_plan(db, _plan(), actor=learner, courses=COURSES, roles=ROLES)
    create_plan(db, _plan(), actor=COMMAND_LINE, courses=COURSES, roles=ROLES)
    with pytest.raises(Duplicate):
        create_plan(db, _plan(), actor=COMMAND_LINE, courses=COURSES, roles=ROLES)
    spec = assign_plan(db, "年度计划", [("person", "4"), ("unit", "财政局")],
                       actor=COMMAND_LINE, roles=ROLES)
    assert spec.audience == (("unit", "财政局"), ("person", "4")) and spec.revision == 2
    assert [e.detail["added"] for e in entries(db, COMMAND_LINE, action=PLAN_ASSIGN)] == [
        [["person", "4"]]]
    assert len(entries(db, COMMAND_LINE, action=PLAN_CREATE)) == 1
    assert ids


def _study(db: Database, who: int, *, passed: bool = True) -> None:
    pack = mini_pack()
    for module in ("m1", "m2"):
        record_lesson_progress(db, who, "mini", module, status="completed")
    when = datetime.now(UTC) - timedelta(minutes=5)
    for exercise in ("f1", "f2"):
        add_attempt(db, who, pack, exercise, 1.0 if passed else 0.0, when)


def test_progress_splits_hours_marks_overdue_and_rolls_units_up(db: Database) -> None:
    ids = _people(db)
    summaries.ensure(db, [mini_pack(), mini_pack("other")])
    create_plan(db, _plan(), actor=COMMAND_LINE, courses=COURSES, roles=ROLES)
    _study(db, ids["1"])  # done: m1, m2, and the final passed
    _study(db, ids["2"], passed=False)  # modules done, final failed: not done
    record_lesson_progress(db, ids["3"], "other", "m1", status="completed")  # elective only
    after_deadline = END + timedelta(days=1)
    report = plan_report(db, "年度计划", [mini_pack(), mini_pack("other")], actor=COMMAND_LINE,
                         today=after_deadline)
    by_number = {p.employee_no: p for p in report.people}
    assert set(by_number) == {"1", "2", "3"}  # 数据局 is not in the plan
    first, second, third = by_number["1"], by_number["2"], by_number["3"]
    assert (first.compulsory_done, first.overdue, first.complete) == (1, (), True)
    assert first.courses[0].done_on == datetime.now(UTC).date()
    assert first.compulsory_hours > 0 and first.elective_hours == 0
    assert (second.compulsory_done, len(second.overdue), second.complete) == (0, 1, False)
    assert third.compulsory_hours == 0 and third.elective_hours == Decimal("0.25")
    units = {u.unit: u for u in report.units}
    assert (units["财政局"].people, units["财政局"].complete, units["财政局"].overdue) == (3, 1, 2)
    assert (units["财政局/预算科"].people, units["财政局/预算科"].complete) == (1, 1)
    assert [u.unit for u in report.units] == ["财政局", "财政局/国库科", "财政局/预算科"]
    assert {p.employee_no for p in report.overdue} == {"2", "3"}
    one_unit = plan_report(db, "年度计划", [mini_pack()], actor=COMMAND_LINE,
                           today=after_deadline, unit="财政局/国库科")
    assert [p.employee_no for p in one_unit.people] == ["2"]


def test_learner_tasks_show_the_plan_and_mark_the_library(db: Database) -> None:
    ids = _people(db)
    summaries.ensure(db, [mini_pack(), mini_pack("other")])
    create_plan(db, _plan(), actor=COMMAND_LINE, courses=COURSES, roles=ROLES)
    _study(db, ids["1"])
    tasks = learner_tasks(db, ids["1"], [mini_pack()], actor=COMMAND_LINE, today=TODAY)
    assert [spec.name for spec, _ in tasks.plans] == ["年度计划"]
    # m1, m2 and the final module (0.25 each, the final once passed) and the pass bonus (0.5)
    assert tasks.year_hours == Decimal("1.25")
    assert tasks.marks == {"mini": CourseMark(True, END), "other": CourseMark(False)}
    outsider = learner_tasks(db, ids["4"], [mini_pack()], actor=COMMAND_LINE, today=TODAY)
    assert outsider.empty and outsider.marks == {}
    with pytest.raises(PermissionDenied):  # another learner's tasks
        learner_tasks(db, ids["1"], [mini_pack()], actor=_info(db, "4"), today=TODAY)


def _info(db: Database, number: str) -> object:
    from trainer.store.learners import find_by_employee_no

    return find_by_employee_no(db, number)


def test_hr_figures_for_a_unit_include_its_sub_units(db: Database) -> None:
    from trainer.analytics.cohort import learner_table
    from trainer.analytics.filters import CohortFilter

    _people(db)
    create_learner(db, "5", "钱七", "财政局办公室")  # a name that merely starts the same
    rows = learner_table(db, [mini_pack()], filters=CohortFilter(department="财政局"))
    assert {r.employee_no for r in rows} == {"1", "2", "3"}
