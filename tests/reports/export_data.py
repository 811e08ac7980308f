"""A small organisation studying the built-in course, for export and HR screen tests.

Two departments plus a learner without one; names a spreadsheet would run as formulas; a pending
answer (score None); an HR officer and a plain learner for the permission checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from trainer.config import Paths, bundled_courses_dir
from trainer.content.library import Library
from trainer.content.model import Pack
from trainer.store.db import Database, open_database
from trainer.store.learners import create_learner, update_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_attempt, record_lesson_progress

COURSE = "digital-government"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HR_PIN = "246810"
# employee no, name, department, scores for the first exercises (None = pending), modules done
PEOPLE = [
    ("E001", "张三", "市数据局", [1.0, 1.0, 0.5, 1.0, 1.0, 0.0], 3),
    ("E002", "李四", "市数据局", [0.5, 0.0, 1.0], 1),
    ("E003", "=HYPERLINK(\"http://x\")", "民政局", [1.0, None, 0.25, 1.0], 2),
    ("E004", "-王五", "民政局", [0.0, 0.0], 0),
    ("E005", "@赵六", None, [1.0], 1),
]

JOB_ROLES = {"E001": "data-steward", "E003": "frontline-officer"}


@dataclass
class Org:
    paths: Paths
    db: Database
    packs: list[Pack]
    learner_ids: dict[str, int]
    hr: Any
    learner: Any

    @property
    def course(self) -> Pack:
        return next(p for p in self.packs if p.id == COURSE)


def build_org(folder: Any, url: str | None = None) -> Org:
    """Write the organisation into a new data folder (or the database at ``url``)."""
    paths = Paths(folder).ensure()
    db = open_database(paths, url, backup=False)
    packs = Library(paths.packs_dir, bundled_courses_dir()).packs()
    pack = next(p for p in packs if p.id == COURSE)
    exercises = pack.exercises()
    lessons = [m for m in pack.modules if m.kind != "reference"]
    ids: dict[str, int] = {}
    for number, (no, name, department, scores, done) in enumerate(PEOPLE):
        info = create_learner(db, no, name, department, actor=COMMAND_LINE)
        ids[no] = info.id
        when = T0 + timedelta(days=number)
        for index, score in enumerate(scores):
            exercise = exercises[index]
            start = when + timedelta(minutes=index)
            record_attempt(db, info.id, pack.id, pack.version, exercise.id, {"choice": 0},
                           score, dict(exercise.weights), start, start + timedelta(seconds=40))
        for module in lessons[:done]:
            record_lesson_progress(db, info.id, pack.id, module.id, status="completed",
                                   add_seconds=300)
    for no, job_role in JOB_ROLES.items():
        update_learner(db, ids[no], actor=COMMAND_LINE, job_role=job_role)
    hr = create_learner(db, "H001", "人事专员", "市数据局", role="hr", pin=HR_PIN,
                        actor=COMMAND_LINE)
    plain = create_learner(db, "L001", "普通学员", "民政局", actor=COMMAND_LINE)
    return Org(paths, db, packs, ids, hr, plain)
