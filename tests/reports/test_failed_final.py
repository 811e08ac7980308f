"""One completion rule everywhere: a learner who handed in a final assessment and failed it has
not completed the course — not in the learner's own view, not in HR's figures (summaries or
attempts), not in the exported reports, and no certificate. SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.reports.export_data import COURSE, T0
from tests.store.conftest import BACKENDS, pg_schema_url, postgres_url  # noqa: F401 - fixtures
from trainer.analytics.assessment import final_assessment
from trainer.analytics.certificates import issue_certificate
from trainer.analytics.cohort import cohort_completion, learner_table
from trainer.analytics.errors import CertificateError
from trainer.analytics.filters import CohortFilter
from trainer.analytics.learner import completion
from trainer.cli import main
from trainer.config import Paths, bundled_courses_dir
from trainer.content.library import Library
from trainer.store.db import Database, open_database
from trainer.store.learners import create_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_attempt, record_lesson_progress


@pytest.fixture(params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Database, str | None]]:
    url = None if request.param == "sqlite" else request.getfixturevalue("pg_schema_url")
    db = open_database(Paths(tmp_path / "data").ensure(), url, backup=False)
    yield db, url
    db.close()


def seed(db: Database):
    pack = next(p for p in Library(db.paths.packs_dir, bundled_courses_dir()).packs()
                if p.id == COURSE)
    final = final_assessment(pack)
    people = {}
    for no, score in (("F001", 0.0), ("P001", 1.0)):
        person = create_learner(db, no, f"学员{no}", "市数据局", actor=COMMAND_LINE)
        people[no] = person.id
        for module in pack.modules:  # as older versions stored a handed-in final: "completed"
            if module.kind != "reference":
                record_lesson_progress(db, person.id, pack.id, module.id, status="completed")
        for exercise in final.exercises:  # one sitting: all wrong, or all right
            record_attempt(db, person.id, pack.id, pack.version, exercise.id, {"choice": 0},
                           score, dict(exercise.weights), T0, T0 + timedelta(minutes=5))
    return pack, people


def test_a_failed_final_is_not_completed_anywhere(world, tmp_path: Path) -> None:
    db, url = world
    pack, people = seed(db)
    failed, passed = people["F001"], people["P001"]
    mine = completion(db, failed, pack)  # what the learner sees
    assert mine.percent < 100
    assert {m.status for m in mine.modules if m.kind == "assessment"} == {"failed"}
    assert completion(db, passed, pack).percent == 100
    with pytest.raises(CertificateError):
        issue_certificate(db, db.paths, failed, pack, actor=COMMAND_LINE)
    dated = CohortFilter(course=COURSE, since=date(2020, 1, 1))  # read from the attempts
    for flt in (CohortFilter(course=COURSE), dated):  # from the summaries, then the attempts
        (row,) = cohort_completion(db, [pack], by="all", filters=flt)
        assert (row.learners, row.completed, row.passed) == (2, 1, 1)
        assert row.percent == pytest.approx((mine.percent + 100) / 2)
        table = {r.employee_no: r for r in learner_table(db, [pack], flt)}
        assert table["F001"].completion == pytest.approx(mine.percent) and not table["F001"].passed
        assert table["P001"].completion == 100
    base = ["--data-dir", str(db.paths.data_dir)] + (["--database-url", url] if url else [])
    out = tmp_path / "departments.csv"
    assert main([*base, "report", "export", "--table", "departments", "--language", "en",
                 "--course", COURSE, "-o", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        department, everyone = list(csv.DictReader(handle))  # and the 全体 (everyone) row
    assert (department["Completed all modules"], department["Passed final assessment"]) == \
        ("1", "1")
    assert everyone["Department"] == "Everyone" and everyone["Passed final assessment"] == "1"
    out = tmp_path / "learners.csv"
    assert main([*base, "report", "export", "--table", "learners", "--language", "en",
                 "--course", COURSE, "-o", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["Employee no."]: r for r in csv.DictReader(handle)}
    assert float(rows["F001"]["Completion (%)"]) == pytest.approx(round(mine.percent, 1))
    assert float(rows["P001"]["Completion (%)"]) == 100
