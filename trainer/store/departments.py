"""Departments (organisation units, nested by path: trainer.store.units): created on demand
(roster imports), listed for filters and reports."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.store import validate
from trainer.store.db import Database
from trainer.store.errors import Duplicate
from trainer.store.info import DepartmentInfo
from trainer.store.models import Department
from trainer.store.units import ensure_unit, unit_path


def department_named(session: Session, name: str | None) -> Department | None:
    """The named department (a unit path such as 局/科), created with its parents when new;
    None for no department."""
    if name is None or not str(name).strip():
        return None
    return ensure_unit(session, unit_path(validate.text(name, "department name", 200)))


def create_department(db: Database, name: str, *, exist_ok: bool = False) -> DepartmentInfo:
    cleaned = unit_path(validate.text(name, "department name", 200))
    with db.session() as session:
        found = session.scalars(select(Department).where(Department.name == cleaned)).first()
        if found is not None and not exist_ok:
            raise Duplicate(f"The department {cleaned!r} already exists.")
        department = found or department_named(session, cleaned)
        assert department is not None
        return DepartmentInfo(department.id, department.name)


def list_departments(db: Database) -> list[DepartmentInfo]:
    with db.reader() as session:
        rows = session.execute(select(Department.id, Department.name).order_by(Department.name))
        return [DepartmentInfo(i, n) for i, n in rows]
