"""Nested organisation units: roster paths, the unit-with-sub-units filter, and the upgrade of a
revision-0007 database whose departments are flat (or already written as paths)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from trainer.config import Paths
from trainer.store.db import Database, open_database
from trainer.store.engine import make_engine, parse_url
from trainer.store.errors import InvalidValue
from trainer.store.learners import create_learner, find_by_employee_no, find_learners
from trainer.store.migrate import upgrade
from trainer.store.models import Department
from trainer.store.permissions import COMMAND_LINE
from trainer.store.roster import read_roster
from trainer.store.roster_import import import_roster
from trainer.store.units import unit_path


def _parents(db: Database) -> dict[str, str | None]:
    with db.reader() as session:
        rows = session.execute(select(Department.id, Department.name, Department.parent_id)).all()
    names = {ident: name for ident, name, _ in rows}
    return {name: names.get(parent) for _, name, parent in rows}


def test_unit_paths_are_normalised_and_checked() -> None:
    assert unit_path(" 临江市财政局 ／ 预算科 ") == "临江市财政局/预算科"
    assert unit_path("预算科", "临江市财政局") == "临江市财政局/预算科"
    with pytest.raises(InvalidValue, match="empty part"):
        unit_path("临江市财政局//预算科")
    with pytest.raises(InvalidValue, match="4 levels"):
        unit_path("市/局/处/科")


def test_roster_gives_the_path_by_column_or_in_the_cell(store: Database, tmp_path: Path) -> None:
    file = tmp_path / "roster.csv"
    file.write_text("工号,姓名,上级单位,部门\n"
                    "1001,王小明,临江市财政局,预算科\n"
                    "1002,李娜,,临江市财政局/国库科\n"
                    "1003,张伟,临江市财政局,\n"
                    "1004,赵敏,临江市数据资源局,\n", encoding="utf-8")
    result = import_roster(store, read_roster(file), actor=COMMAND_LINE)
    assert result.created == 4
    person = find_by_employee_no(store, "1001")
    assert person is not None and person.department == "临江市财政局/预算科"
    assert _parents(store) == {"临江市财政局": None, "临江市财政局/预算科": "临江市财政局",
                               "临江市财政局/国库科": "临江市财政局", "临江市数据资源局": None}
    everyone = {p.employee_no for p in find_learners(store, department="临江市财政局")}
    assert everyone == {"1001", "1002", "1003"}  # the bureau with its sections
    assert {p.employee_no for p in find_learners(store, department="临江市财政局/预算科")} == {
        "1001"}


def test_bad_unit_paths_are_row_problems(tmp_path: Path) -> None:
    file = tmp_path / "roster.csv"
    file.write_text("工号,姓名,部门\n1001,王小明,市/局/处/科\n1002,李娜,局//科\n",
                    encoding="utf-8")
    problems = read_roster(file).problem_lines()
    assert any(":2:" in line and "more than 3 levels" in line for line in problems)
    assert any(":3:" in line and "empty part" in line for line in problems)


def test_same_name_under_different_parents_are_two_units(store: Database) -> None:
    create_learner(store, "1", "甲", "财政局/办公室")
    create_learner(store, "2", "乙", "数据局/办公室")
    parents = _parents(store)
    assert parents["财政局/办公室"] == "财政局" and parents["数据局/办公室"] == "数据局"


def test_a_0007_database_with_flat_departments_upgrades(paths: Paths) -> None:
    engine = make_engine(parse_url(paths.database_url))
    upgrade(engine, "test", "0007")
    with engine.begin() as conn:
        for ident, name in ((1, "临江市数据资源局"), (2, "临江市财政局/预算科"), (3, "a//b")):
            conn.exec_driver_sql(f"INSERT INTO departments VALUES ({ident}, '{name}', "
                                 "'2026-01-05 08:00:00')")
        conn.exec_driver_sql("INSERT INTO learners (id, employee_no, name, department_id, role, "
                             "active, failed_tries, created_at, updated_at) VALUES (1, 'E1', "
                             "'王小明', 2, 'learner', 1, 0, '2026-01-05 08:00:00', "
                             "'2026-01-05 08:00:00')")
    engine.dispose()
    with open_database(paths) as db:
        parents = _parents(db)
        assert parents == {"临江市数据资源局": None, "临江市财政局/预算科": "临江市财政局",
                           "a//b": None, "临江市财政局": None}
        person = find_by_employee_no(db, "E1")
        assert person is not None and person.department == "临江市财政局/预算科"
        assert [p.employee_no for p in find_learners(db, department="临江市财政局")] == ["E1"]
