"""Demonstration data: a plausible organisation, real grades, a learning curve, deterministic."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from trainer.cli import main
from trainer.config import Paths
from trainer.reports.demo import DemoRefused, builtin_pack, fill_demo, generate
from trainer.store.db import Database, open_database
from trainer.store.learners import create_learner, find_learners
from trainer.store.permissions import COMMAND_LINE

UNTIL = datetime(2026, 6, 30, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def pack():
    return builtin_pack()


def _open(root: Path, name: str) -> Database:
    return open_database(Paths(root / name).ensure())


def _rows(db: Database, sql: str) -> list[tuple]:
    with db.reader() as session:
        return [tuple(row) for row in session.execute(text(sql))]


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path, pack) -> None:
    dbs = [_open(tmp_path, name) for name in ("a", "b", "c")]
    for db, seed in zip(dbs, (7, 7, 8), strict=True):
        fill_demo(db, learners=25, seed=seed, until=UNTIL, pack=pack)
    sql = ("SELECT l.employee_no, l.name, a.id, a.exercise_id, a.score, a.started_at "
           "FROM attempts a JOIN learners l ON l.id = a.learner_id ORDER BY a.id")
    first, second, other = (_rows(db, sql) for db in dbs)
    assert first and first == second
    assert first != other
    for db in dbs:
        db.close()


def test_a_plausible_organisation_with_staff_and_a_learning_curve(tmp_path: Path, pack) -> None:
    db = _open(tmp_path, "demo")
    summary = fill_demo(db, learners=80, seed=3, until=UNTIL, pack=pack)
    people = find_learners(db)
    assert len(people) == 80
    assert {p.role for p in summary.staff} == {"admin", "hr", "trainer"}
    assert all(p.has_pin for p in people if p.role != "learner")
    departments = {p.department.split("/")[0] for p in people}  # the bureaus, sections apart
    assert 8 <= len(departments) <= 12 and all(d.startswith("临江市") for d in departments)
    assert any(p.department.startswith("临江市财政局/") for p in people)  # units nest
    from trainer.analytics.plan_report import plan_report
    from trainer.store.permissions import COMMAND_LINE
    from trainer.store.plans import list_plans

    (plan,) = list_plans(db)  # an annual plan whose deadline some people miss
    report = plan_report(db, plan.name, [pack], actor=COMMAND_LINE, today=UNTIL.date())
    assert plan.compulsory[0].deadline is not None and plan.compulsory[0].deadline < UNTIL.date()
    assert len(report.people) == 80 and 0 < len(report.overdue) < 80
    assert any(p.compulsory_done for p in report.people)
    assert len({p.name for p in people}) > 60  # names vary
    # everyone has a job-role profile of the framework, so HR's role filter and column work
    profiles = {r.id for r in pack.framework.roles}
    assert {p.job_role for p in people} == profiles
    seen = [p.last_seen_at for p in people if p.last_seen_at is not None]
    assert len(seen) > 50 and max(seen) <= UNTIL  # the sign-in list shows who studied lately
    scores = _rows(db, "SELECT l.employee_no, a.exercise_id, a.score, a.started_at FROM attempts a"
                       " JOIN learners l ON l.id = a.learner_id ORDER BY a.started_at")
    assert summary.attempts == len(scores) > 1000
    # review history (今日复习 / 每日一练), as ordinary attempts marked as review answers
    review_items, wrong = _rows(db, "SELECT COUNT(*), SUM(wrong) FROM review_items")[0]
    marks = dict(_rows(db, "SELECT kind, COUNT(*) FROM review_answers GROUP BY kind"))
    assert review_items > 500 and wrong > 0 and marks["daily"] > 100 and marks["review"] > 0
    scores = _rows(db, "SELECT l.employee_no, a.exercise_id, a.score, a.started_at FROM attempts a"
                       " JOIN learners l ON l.id = a.learner_id WHERE a.id NOT IN "
                       "(SELECT attempt_id FROM review_answers) ORDER BY a.started_at")
    assert all(s is None or 0 <= s <= 1 for _, _, s, _ in scores)
    assert {s for _, _, s, _ in scores if s is not None} - {0.0, 1.0}  # partial credit exists
    tries: dict[tuple[str, str], list[float]] = defaultdict(list)
    for number, exercise, score, _ in scores:
        if score is not None:
            tries[(number, exercise)].append(score)
    retried = [t for t in tries.values() if len(t) > 1]
    before = sum(t[0] for t in retried) / len(retried)
    after = sum(t[1] for t in retried) / len(retried)
    assert after > before + 0.2  # people do better on a retry
    assert 0 < summary.certificates < 80  # some pass the final assessment, not everyone
    from trainer.analytics.assessment import assessment_result
    from trainer.analytics.certificates import all_certificates

    certificates = all_certificates(db)
    assert len(certificates) == summary.certificates
    passed = assessment_result(db, certificates[0].learner_id, pack)
    assert passed is not None and passed.passed and passed.score >= passed.pass_mark
    days = _rows(db, "SELECT MIN(started_at), MAX(started_at) FROM attempts")[0]
    assert str(days[1]) < "2026-07-01" and str(days[0]) >= "2026-04-01"
    db.close()


def test_an_organisation_with_people_is_never_mixed_with_demo_data(tmp_path: Path) -> None:
    db = _open(tmp_path, "real")
    create_learner(db, "1001", "王䶮", actor=COMMAND_LINE)
    with pytest.raises(DemoRefused, match="already has 1 people"):
        fill_demo(db, learners=5)
    assert [p.employee_no for p in find_learners(db)] == ["1001"]
    db.close()


def test_bulk_generator_writes_exactly_what_was_asked(tmp_path: Path, pack) -> None:
    db = _open(tmp_path, "bulk")
    assert generate(db, learners=40, attempts_per_learner=25, seed=2, pack=pack) == 1000
    assert _rows(db, "SELECT COUNT(DISTINCT learner_id), COUNT(*) FROM attempts") == [(40, 1000)]
    indexes = {name for (name,) in _rows(
        db, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attempts'")}
    assert "ix_attempts_learner_id_pack_id" in indexes  # rebuilt after the load
    from trainer.store import summary

    with db.reader() as session:  # derived once, with the course's weights, all in step
        assert _rows(db, "SELECT COUNT(*) FROM summary_competencies")[0][0] > 0
        assert not any(summary.out_of_step(session).values())
    db.close()


def test_demo_command(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--learners", "12", "--seed", "5", "--days", "30",
                 "--until", "2026-06-30"]) == 0
    out = capsys.readouterr().out
    assert "12 people in" in out and "PIN 123456" in out
    assert main(["demo", "--learners", "30"]) == 0  # a rerun completes the first run's data
    out = capsys.readouterr().out
    assert "earlier run was already here" in out and "12 people in" in out
    with open_database(Paths(data_dir)) as db:
        create_learner(db, "X1", "王真人", actor=COMMAND_LINE)  # someone real joins
    assert main(["demo", "--learners", "12"]) == 1
    assert "already has 13 people" in capsys.readouterr().err
    assert main(["demo", "--learners", "0"]) == 2
    assert main(["demo", "--until", "30/06/2026"]) == 2


def _demo_child(data_dir: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "trainer", "--data-dir", str(data_dir), "demo",
                             *DEMO_ARGS, *extra], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _committed(file: Path) -> bool:
    """Whether the demo's one transaction is committed (read through SQLite, read-only)."""
    try:
        conn = sqlite3.connect(f"file:{file}?mode=ro", uri=True, timeout=0.1)
        try:
            return bool(conn.execute("SELECT count(*) FROM audit_log WHERE action = 'demo.fill'")
                        .fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # not created, or its schema not yet
        return False


def _outcome(data_dir: Path) -> tuple[list[tuple], list[tuple]]:
    """(answers, certificates) by what they are, not by this folder's key or ids."""
    with open_database(Paths(data_dir)) as db:
        answers = _rows(db, "SELECT l.employee_no, a.id, a.score FROM attempts a "
                            "JOIN learners l ON l.id = a.learner_id ORDER BY a.id")
        from trainer.analytics.certificates import all_certificates

        issued = sorted((c.employee_no, c.pack_id, c.passed_on, c.score)
                        for c in all_certificates(db))
    return answers, issued


DEMO_ARGS = ("--learners", "40", "--seed", "4", "--until", "2026-06-30")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_demo_killed_after_its_commit_is_completed_by_a_rerun(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    killed = tmp_path / "killed"
    child = _demo_child(killed)
    file = Paths(killed).database_file
    deadline = time.monotonic() + 60
    while not _committed(file) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL  # killed while still at work
    with open_database(Paths(killed)) as db:
        from trainer.analytics.certificates import all_certificates

        cut_short = len(all_certificates(db))
    assert main(["--data-dir", str(killed), "demo", *DEMO_ARGS]) == 0
    out = capsys.readouterr().out
    assert "earlier run was already here" in out and "40 people" in out
    whole = tmp_path / "whole"
    assert main(["--data-dir", str(whole), "demo", *DEMO_ARGS]) == 0
    answers, issued = _outcome(killed)
    assert (answers, issued) == _outcome(whole)
    assert len(answers) > 1000 and len(issued) > cut_short  # the rerun had work to do
    assert main(["--data-dir", str(killed), "demo", *DEMO_ARGS]) == 0  # and again: no change
    assert _outcome(killed) == (answers, issued)
