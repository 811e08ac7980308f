"""Plan files between machines: signed, refused when edited, newer, unsigned or naming what the
other machine lacks (with nothing written, not even the device's trust), never downgraded."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from trainer.exchange.errors import BundleInvalid, UnknownDevice
from trainer.exchange.plan_files import export_plan, import_plan_file
from trainer.store import devices
from trainer.store.db import Database
from trainer.store.learners import create_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.plan_spec import PlanCourse, PlanSpec
from trainer.store.plans import PlanInvalid, assign_plan, create_plan, get_plan, list_plans

COURSES = {"digital-government"}
PLAN = PlanSpec("2026年度学习计划", date(2026, 1, 1), date(2026, 12, 31), Decimal("50"),
                (PlanCourse("digital-government", True, date(2026, 6, 30)),),
                (("unit", "临江市财政局"),))


def _exported(sender: Database, tmp_path: Path) -> Path:
    create_learner(sender, "1001", "王小明", "临江市财政局/预算科")
    create_plan(sender, PLAN, actor=COMMAND_LINE, courses=COURSES, roles=set())
    return export_plan(sender, PLAN.name, tmp_path / "plan.trainer-plan", actor=COMMAND_LINE)


def _trusted(receiver: Database) -> int:
    return sum(d.public_key is not None for d in devices.list_devices(receiver,
                                                                      actor=COMMAND_LINE))


def test_a_plan_travels_and_a_second_import_changes_nothing(
        sender: Database, receiver: Database, tmp_path: Path) -> None:
    file = _exported(sender, tmp_path)
    create_learner(receiver, "2001", "李娜", "临江市财政局")
    with pytest.raises(UnknownDevice):
        import_plan_file(receiver, file, actor=COMMAND_LINE, courses=COURSES, roles=set())
    outcome, spec, _ = import_plan_file(receiver, file, actor=COMMAND_LINE, courses=COURSES,
                                        roles=set(), trust_new_device=True)
    assert outcome == "created" and get_plan(receiver, PLAN.name) == spec
    assert spec.uid == get_plan(sender, PLAN.name).uid
    assert import_plan_file(receiver, file, actor=COMMAND_LINE, courses=COURSES,
                            roles=set())[0] == "unchanged"
    newer = assign_plan(sender, PLAN.name, [("unit", "临江市财政局/预算科")], actor=COMMAND_LINE,
                        roles=set())
    create_learner(receiver, "2002", "张伟", "临江市财政局/预算科")
    export_plan(sender, PLAN.name, tmp_path / "v2.trainer-plan", actor=COMMAND_LINE)
    assert import_plan_file(receiver, tmp_path / "v2.trainer-plan", actor=COMMAND_LINE,
                            courses=COURSES, roles=set())[0] == "updated"
    assert get_plan(receiver, PLAN.name).audience == newer.audience
    # the older file never takes a newer plan back
    assert import_plan_file(receiver, file, actor=COMMAND_LINE, courses=COURSES,
                            roles=set())[0] == "unchanged"
    assert get_plan(receiver, PLAN.name).revision == 2


def _edit(file: Path, change: object) -> Path:
    body = json.loads(file.read_text(encoding="utf-8"))
    change(body)  # type: ignore[operator]
    edited = file.with_name("edited.trainer-plan")
    edited.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return edited


@pytest.mark.parametrize(("change", "expected"), [
    (lambda b: b["payload"]["plan"].update(required_hours="5"), "signature does not match"),
    (lambda b: b["payload"]["plan"]["compulsory"][0].update(deadline="2026-12-31"),
     "signature does not match"),
    (lambda b: b.pop("signature"), "signature does not match"),
    (lambda b: b["payload"].update(format_version=2), "made by a newer Trainer"),
    (lambda b: b.update(format="something-else"), "not a plan file"),
])
def test_an_edited_or_foreign_file_is_refused(sender: Database, receiver: Database,
                                              tmp_path: Path, change: object,
                                              expected: str) -> None:
    edited = _edit(_exported(sender, tmp_path), change)
    create_learner(receiver, "2001", "李娜", "临江市财政局")
    with pytest.raises(BundleInvalid, match=expected):
        import_plan_file(receiver, edited, actor=COMMAND_LINE, courses=COURSES, roles=set(),
                         trust_new_device=True)
    assert list_plans(receiver) == [] and _trusted(receiver) == 0


def test_a_plan_naming_what_this_machine_lacks_writes_nothing(
        sender: Database, receiver: Database, tmp_path: Path) -> None:
    file = _exported(sender, tmp_path)
    with pytest.raises(PlanInvalid, match=r"plan.trainer-plan: audience unit 1 \(临江市财政局\)"):
        import_plan_file(receiver, file, actor=COMMAND_LINE, courses=COURSES, roles=set(),
                         trust_new_device=True)
    create_learner(receiver, "2001", "李娜", "临江市财政局")
    with pytest.raises(PlanInvalid, match=r"compulsory course 1 \(digital-government\)"):
        import_plan_file(receiver, file, actor=COMMAND_LINE, courses=set(), roles=set(),
                         trust_new_device=True)
    assert list_plans(receiver) == [] and _trusted(receiver) == 0  # not even the device
