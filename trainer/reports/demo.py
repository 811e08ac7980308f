"""Demonstration data: a fictional city's staff studying the built-in course for 90 days.

``fill_demo`` simulates each person (ability, pace, drop-outs, retries, a learning curve) and
grades their answers with the real grader, so every screen and report has something true to
show. ``generate`` is the fast bulk generator the export benchmarks use (1 M attempts).
Both are deterministic for a given seed (and end date), and write in one transaction;
``fill_demo`` completes the certificates and summaries of a run killed after that commit.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from trainer.analytics import summaries
from trainer.config import bundled_courses_dir
from trainer.content.model import Pack
from trainer.errors import TrainerError
from trainer.reports.demo_people import Person, make_people
from trainer.reports.demo_study import Study
from trainer.store import audit, credits, summary
from trainer.store.db import Database
from trainer.store.exchange import bulk_insert, department_ids, learner_ids
from trainer.store.models import Attempt, AuditEntry, Enrollment, Learner, LessonProgress
from trainer.store.permissions import COMMAND_LINE, Actor, require
from trainer.store.security import hash_pin

DEMO_PACK = "digital-government"
DEMO_PIN = "123456"


class DemoRefused(TrainerError):
    """Demo data goes only into a data folder without learners, never mixed with real ones."""


@dataclass(frozen=True)
class DemoSummary:
    learners: int
    departments: int
    attempts: int
    lessons: int
    certificates: int
    staff: tuple[Person, ...]  # accounts with a role; all use DEMO_PIN
    resumed: bool = False  # an earlier run had written the people; this one completed it
    days: int = 90  # of simulated study


def builtin_pack() -> Pack:
    from trainer.content.loader import load_pack

    return load_pack(bundled_courses_dir() / DEMO_PACK)


def fill_demo(db: Database, *, learners: int = 60, days: int = 90, seed: int = 1,
              until: datetime | None = None, pack: Pack | None = None,
              actor: Actor | None = COMMAND_LINE) -> DemoSummary:
    """Fill an empty database with a plausible organisation and 90 days of study.

    A run killed after its commit is completed by the next one (with the first run's
    settings): the people and answers are there, certificates and summaries may not be.
    """
    require(actor, "admin")
    if learners < 1 or days < 1:
        raise DemoRefused("The number of learners and of days must be at least 1.")
    earlier = _earlier_run(db)
    pack = pack or builtin_pack()
    if earlier is not None:
        learners, days, seed = earlier["learners"], earlier["days"], earlier["seed"]
        end = datetime.fromisoformat(earlier["end"])
    else:
        end = (until or datetime.now(UTC)).astimezone(UTC).replace(minute=0, second=0,
                                                                    microsecond=0)
    rng = random.Random(seed)
    people = make_people(rng, learners)
    studies = [Study(person, pack, rng, end - timedelta(days=days), days) for person in people]
    from trainer.reports.demo_review import practise

    reviews = {s.person.employee_no: practise(s, pack, seed, end) for s in studies}
    if earlier is None:
        ids, departments, lessons, attempts = _write(
            db, pack, people, studies, reviews, actor,
            {"learners": learners, "days": days, "seed": seed, "end": end.isoformat()})
    else:
        with db.reader() as session:
            ids = learner_ids(session, [p.employee_no for p in people])
        departments = len({p.department for p in people})
        lessons = sum(len(s.lessons) for s in studies)
        attempts = sum(len(s.attempts) for s in studies)
    summaries.ensure(db, [pack])  # HR's figures (and the 学时 ledger) are ready at once
    from trainer.reports.demo_plan import create_demo_plan

    create_demo_plan(db, pack.id, end, days, actor=actor)
    certificates = _issue_certificates(db, pack, [ids[s.person.employee_no] for s in studies
                                                  if s.passed], actor)
    staff = tuple(p for p in people if p.role != "learner")
    return DemoSummary(len(people), departments, attempts, lessons, certificates, staff,
                       resumed=earlier is not None, days=days)


def _write(db: Database, pack: Pack, people: list[Person], studies: list[Study],
           reviews: dict[str, Any], actor: Actor | None,
           detail: dict[str, Any]) -> tuple[dict[str, int], int, int, int]:
    """Everyone, their study and the audit entry in one transaction; ids and counts written."""
    pins = {p.employee_no: hash_pin(DEMO_PIN) for p in people if p.role != "learner"}
    with db.session() as session:
        departments = department_ids(session, (p.department for p in people))
        bulk_insert(session, Learner, (
            {"employee_no": s.person.employee_no, "name": s.person.name, "role": s.person.role,
             "department_id": departments[s.person.department], "job_role": s.person.profile,
             "pin_hash": pins.get(s.person.employee_no), "last_seen_at": s.last_seen,
             "email": f"{s.person.employee_no.lower()}@linjiang.gov.cn"} for s in studies))
        ids = learner_ids(session, [p.employee_no for p in people])
        bulk_insert(session, Enrollment, (
            {"learner_id": ids[s.person.employee_no], "pack_id": pack.id,
             "enrolled_at": s.enrolled_at} for s in studies if s.enrolled_at))
        lessons = bulk_insert(session, LessonProgress, (
            {**row, "learner_id": ids[s.person.employee_no]} for s in studies for row in s.lessons))
        attempts = bulk_insert(session, Attempt, (
            {**row, "learner_id": ids[s.person.employee_no], "device_id": db.device_id}
            for s in studies for row in s.attempts))
        _write_reviews(session, pack, ids, reviews)
        summary.refresh(session, learner_ids=ids.values())
        credits.sync(session, learner_ids=ids.values())  # their 学时, as the app awards them
        audit.record(session, actor, "demo.fill", {**detail, "attempts": attempts})
    return ids, len(departments), lessons, attempts


def _write_reviews(session: Any, pack: Pack, ids: dict[str, int],
                   reviews: dict[str, Any]) -> None:
    """Review items and the marks of review answers (``demo_review``), after the attempts."""
    from trainer.reports.demo_review import item_rows
    from trainer.store.models import ReviewAnswer, ReviewItem

    bulk_insert(session, ReviewItem, (row for number, (states, _marks) in reviews.items()
                                      for row in item_rows(pack, ids[number], states)))
    bulk_insert(session, ReviewAnswer, ({**mark, "learner_id": ids[number]}
                                        for number, (_states, marks) in reviews.items()
                                        for mark in marks))


def _issue_certificates(db: Database, pack: Pack, passed: list[int],
                        actor: Actor | None) -> int:
    """Certificates for those who passed the final assessment, as the app issues them."""
    from trainer.analytics.certificates import issue_certificate
    from trainer.analytics.errors import CertificateError

    issued = 0
    for learner_id in passed:
        try:
            issue_certificate(db, db.paths, learner_id, pack, actor=actor)
        except CertificateError:  # the simulation and the official rule disagree: no certificate
            continue
        issued += 1
    return issued


def _earlier_run(db: Database) -> dict[str, Any] | None:
    """The settings of the demo run that wrote every person here, or None for an empty folder.

    Raises DemoRefused for a folder with anyone else in it: demo data is never mixed with
    real people.
    """
    from sqlalchemy import func, select

    with db.reader() as session:
        count = session.scalar(select(func.count()).select_from(Learner)) or 0
        detail = session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "demo.fill")
                                .order_by(AuditEntry.id.desc()).limit(1)) if count else None
    if not count:
        return None
    if isinstance(detail, dict) and detail.get("learners") == count and "end" in detail:
        return detail
    raise DemoRefused(f"This data folder already has {count} people; demonstration data "
                      "is only added to an empty one.",
                      hint="Run it with --data-dir pointing at a new folder.")


def generate(db: Database, *, learners: int = 10_000, attempts_per_learner: int = 100,
             seed: int = 0, pack: Pack | None = None, days: int = 90) -> int:
    """Bulk data for benchmarks: ``learners`` × ``attempts_per_learner`` attempts, fast."""
    from trainer.reports.demo_bulk import bulk_rows

    return bulk_rows(db, learners=learners, attempts_per_learner=attempts_per_learner,
                     seed=seed, pack=pack or builtin_pack(), days=days)
