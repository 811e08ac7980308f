"""SQLAlchemy models (DESIGN §3). Only the store's services touch these; callers get dataclasses.

Schema changes need an Alembic revision in ``trainer/store/migrations/versions``; a test
compares these models with the head revision.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    event,
    text,
)
from sqlalchemy import inspect as inspect_state
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from trainer.store.types import JSONValue, UTCDateTime, utcnow

ROLES: tuple[str, ...] = ("learner", "trainer", "hr", "admin")
LESSON_STATUSES: tuple[str, ...] = ("not_started", "in_progress", "completed")
CREDIT_SOURCES: tuple[str, ...] = ("module", "assessment")

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Department(Base):
    """An organisation unit. ``name`` is its full path (``临江市财政局/预算科``, at most three
    levels, trainer.store.units), so it stays unique and a unit with everything under it is one
    prefix match; ``parent_id`` is the unit one level up (NULL at the top)."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="RESTRICT"), index=True)


class Learner(Base):
    """Anyone who signs in: learners, trainers, HR and administrators."""

    __tablename__ = "learners"
    __table_args__ = (CheckConstraint("role IN ('learner', 'trainer', 'hr', 'admin')", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_no: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="learner")
    email: Mapped[str | None] = mapped_column(String(254))
    # competency-framework role profile (e.g. "data-steward"): targets for gaps and HR by role
    job_role: Mapped[str | None] = mapped_column(String(100), index=True)
    pin_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_tries: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # pinyin keys of name, number and department (``analytics.people``): the sign-in list is
    # filtered and ordered by them in SQL; NULL until filled, and again when those change
    search_key: Mapped[str | None] = mapped_column(Text)
    sort_key: Mapped[str | None] = mapped_column(Text, index=True)

    department: Mapped[Department | None] = relationship(lazy="joined")


@event.listens_for(Learner, "before_update")
def _keys_follow_the_person(_mapper: Any, _connection: Any, target: Learner) -> None:
    """A changed name, number or department makes the search keys stale: empty them, so the
    next fill reads them again (and the list's SQL filter falls back to the text meanwhile)."""
    state = inspect_state(target)
    if any(state.attrs[name].history.has_changes()
           for name in ("name", "employee_no", "department_id", "department")):
        target.search_key = None
        target.sort_key = None


class Device(Base):
    """An installation of Trainer; attempts remember where they were made, for merging.

    ``public_key`` (Ed25519, base64) verifies the device's progress bundles: this database's
    own device records it at its first export, another device's once HR approves it.
    """

    __tablename__ = "devices"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200))
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    public_key: Mapped[str | None] = mapped_column(String(64))
    key_added_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Enrollment(Base):
    __tablename__ = "enrollments"
    __table_args__ = (UniqueConstraint("learner_id", "pack_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    pack_id: Mapped[str] = mapped_column(String(100), index=True)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class LessonProgress(Base):
    __tablename__ = "lesson_progress"
    __table_args__ = (
        UniqueConstraint("learner_id", "pack_id", "module_id"),
        CheckConstraint("status IN ('not_started', 'in_progress', 'completed')", name="status"),
        CheckConstraint("seconds >= 0", name="seconds"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    pack_id: Mapped[str] = mapped_column(String(100))
    module_id: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16), default="in_progress")
    seconds: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[Any] = mapped_column(JSONValue(), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # when the status first became "completed": the date its 学时 are earned (credit ledger)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Attempt(Base):
    """One answer to one exercise. Append-only: a retry is a new attempt."""

    __tablename__ = "attempts"
    __table_args__ = (
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 1)", name="score"),
        Index("ix_attempts_learner_id_pack_id", "learner_id", "pack_id"),
        Index("ix_attempts_pack_id_exercise_id", "pack_id", "exercise_id"),
        # covers the best-result GROUP BY of the analytics cohort figures (no table reads)
        Index("ix_attempts_results", "learner_id", "pack_id", "exercise_id", "score"),
        # the partial days at the edges of a date-limited figure (the running summaries have
        # the rest), covering: an edge's answers are read without visiting the table
        Index("ix_attempts_started_at", "started_at", "learner_id", "pack_id", "exercise_id",
              "score"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    pack_id: Mapped[str] = mapped_column(String(100))
    pack_version: Mapped[str] = mapped_column(String(50))
    exercise_id: Mapped[str] = mapped_column(String(100))
    response: Mapped[Any] = mapped_column(JSONValue())
    score: Mapped[float | None] = mapped_column(Float)
    weights: Mapped[Any] = mapped_column(JSONValue())
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    device_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("devices.id", ondelete="SET NULL"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class AuditEntry(Base):
    """Who did what, when. Append-only (database triggers refuse updates and deletes) and
    hash-chained, so an entry changed behind the triggers' back is seen by ``trainer db check``."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("learners.id"), index=True)
    actor_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64), index=True)
    detail: Mapped[Any] = mapped_column(JSONValue())
    # SHA-256 chain (trainer.store.audit_chain): the previous entry's hash and this one's
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


# --- Summaries (DESIGN §6 cohort budget) --------------------------------------------------
# Derived from attempts and kept up to date by the store's writers (trainer.store.summary), so
# HR's figures over a million attempts read thousands of rows instead. Never exported in
# bundles; ``summary.refresh`` rebuilds them from the attempts at any time.


class SummaryWeight(Base):
    """An exercise's competency weights as the summaries were built with (a pack's, > 0)."""

    __tablename__ = "summary_weights"

    pack_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    competency_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    weight: Mapped[float] = mapped_column(Float)


class SummaryAssessment(Base):
    """A final-assessment exercise: its module's question count and pass mark (percent)."""

    __tablename__ = "summary_assessments"

    pack_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    total: Mapped[int] = mapped_column(Integer)
    pass_mark: Mapped[int] = mapped_column(Integer)


class SummaryCompetency(Base):
    """Per learner, pack and competency: Σ weight × best result, Σ weight, exercises."""

    __tablename__ = "summary_competencies"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"),
                                            primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    competency_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    weighted: Mapped[float] = mapped_column(Float)
    weight: Mapped[float] = mapped_column(Float)
    exercises: Mapped[int] = mapped_column(Integer)


class SummaryActivity(Base):
    """Per learner and pack: answers given and when the latest one was started."""

    __tablename__ = "summary_activity"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"),
                                            primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer)
    last_answer_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SummarySitting(Base):
    """A final-assessment sitting (answers sharing one start): points against the pass mark."""

    __tablename__ = "summary_sittings"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"),
                                            primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), primary_key=True)
    points: Mapped[float] = mapped_column(Float)
    total: Mapped[int] = mapped_column(Integer)
    pass_mark: Mapped[int] = mapped_column(Integer)


class SummaryDay(Base):
    """Per learner, pack, exercise and UTC calendar day: the best scored result that day (NULL
    when every answer waits for a trainer), the answers given and the latest one's start.

    What date-limited figures read for whole days (``trainer.analytics.periods``); a best
    result over a range of days is the largest of its days' bests, which sums per competency
    could not give. One row per day an exercise was answered, however many retries.
    """

    __tablename__ = "summary_days"
    __table_args__ = {"sqlite_with_rowid": False}  # the key is the table: one B-tree, no rowid

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"),
                                            primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    best: Mapped[float | None] = mapped_column(Float, nullable=True)
    answers: Mapped[int] = mapped_column(Integer)
    last_answer_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SummaryStanding(Base):
    """Per learner, pack, competency and UTC day on which it changed: the competency sums
    (as ``SummaryCompetency``) as they stood at the end of that day.

    A date-limited competency score is the standing at the end of the range: the row with the
    latest day before it, one index seek per learner and competency however many answers
    (``trainer.analytics.periods``). A row per day the sums changed, cumulative, so no range
    has to add days up.
    """

    __tablename__ = "summary_standing"
    __table_args__ = {"sqlite_with_rowid": False}

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"),
                                            primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    competency_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    weighted: Mapped[float] = mapped_column(Float)
    weight: Mapped[float] = mapped_column(Float)
    exercises: Mapped[int] = mapped_column(Integer)


class SummaryAnswersToDate(Base):
    """Per learner, pack and UTC day with answers: the answers given up to the end of that day
    and the latest one's start, so the answers in a range are two look-ups subtracted."""

    __tablename__ = "summary_answers_to_date"
    __table_args__ = {"sqlite_with_rowid": False}

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"),
                                            primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    answers: Mapped[int] = mapped_column(Integer)
    last_answer_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AssessmentSitting(Base):
    """A final-assessment sitting as it happens: the answers given so far, the time used and
    whether it was handed in. Answers become attempts (sharing ``started_at``) at hand-in, in
    the same transaction that sets ``handed_in_at``, so attempts without a sitting row (older
    data, bundles) are handed-in answers. Open sittings stay on their machine (not bundled)."""

    __tablename__ = "assessment_sittings"
    __table_args__ = (
        UniqueConstraint("learner_id", "pack_id", "started_at"),
        CheckConstraint("seconds_used >= 0", name="seconds_used"),
        CheckConstraint("clock IN ('runs', 'pauses')", name="clock"),
        Index("ix_assessment_sittings_open", "learner_id", "pack_id", "handed_in_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    pack_id: Mapped[str] = mapped_column(String(100))
    pack_version: Mapped[str] = mapped_column(String(50))
    module_id: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    time_limit: Mapped[int | None] = mapped_column(Integer)  # seconds; None = no limit
    clock: Mapped[str] = mapped_column(String(8), default="runs")  # while away: runs / pauses
    seconds_used: Mapped[float] = mapped_column(Float, default=0.0)  # on screen, saved as it goes
    answers: Mapped[Any] = mapped_column(JSONValue())  # exercise id → response, as last given
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    handed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # the exercise ids drawn for this sitting from a question pool, in the order shown; None:
    # every question of the module (no pool, or a sitting begun before pools existed)
    questions: Mapped[Any | None] = mapped_column(JSONValue(), nullable=True)


# --- Spaced review (DESIGN §3; trainer.store.review) --------------------------------------


class ReviewItem(Base):
    """One exercise a learner has answered, with its FSRS card: when it is due again.

    ``last_review`` is the moment of the answer that set this state: merges keep the later one.
    ``wrong`` puts the item in the 错题本 until ``spaced_right`` reaches two.
    """

    __tablename__ = "review_items"
    __table_args__ = (Index("ix_review_items_learner_id_due", "learner_id", "due"),)

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"),
                                            primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    card: Mapped[Any] = mapped_column(JSONValue())
    due: Mapped[datetime] = mapped_column(UTCDateTime())
    last_review: Mapped[datetime] = mapped_column(UTCDateTime())
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    wrong: Mapped[bool] = mapped_column(Boolean, default=False)
    spaced_right: Mapped[int] = mapped_column(Integer, default=0)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ReviewAnswer(Base):
    """Marks an attempt as a review answer (review session, 每日一练 or a redo from the 错题本)."""

    __tablename__ = "review_answers"
    __table_args__ = (
        CheckConstraint("kind IN ('review', 'daily', 'notebook')", name="kind"),
        CheckConstraint("rating >= 1 AND rating <= 4", name="rating"),
        Index("ix_review_answers_learner_id_answered_at", "learner_id", "answered_at"),
    )

    attempt_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    rating: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime())


# --- Credit hours (学时, DESIGN §3) ---------------------------------------------------------


class Setting(Base):
    """An organisation-wide setting HR or an administrator edits (the 学时 rule): in the database,
    so every machine of an organisation on one server shares it."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONValue())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(200))


class CreditItem(Base):
    """A module's 学时 data as its pack states it, registered by the analytics (the store never
    reads packs): minutes for the rule, or the 学时 the author declared."""

    __tablename__ = "credit_items"
    __table_args__ = (CheckConstraint("declared IS NULL OR declared >= 0", name="declared"),)

    pack_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    module_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    minutes: Mapped[int] = mapped_column(Integer)
    declared: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    pack_title: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200))
    # the pack's final assessment: its 学时 are earned by passing, not by handing it in
    final: Mapped[bool] = mapped_column(Boolean, default=False)


class CreditAward(Base):
    """One award of 学时: a completed module, or a passed final assessment (``module_id`` NULL).

    Derived from the learner's records (``trainer.store.credits``) and written in the same
    transaction as the event that earned it; the unique keys make a second award impossible.
    """

    __tablename__ = "credit_awards"
    __table_args__ = (
        CheckConstraint("source IN ('module', 'assessment')", name="source"),
        CheckConstraint("hours >= 0", name="hours"),
        CheckConstraint("(source = 'module' AND module_id IS NOT NULL) OR "
                        "(source = 'assessment' AND module_id IS NULL)", name="module"),
        UniqueConstraint("learner_id", "pack_id", "module_id"),
        Index("uq_credit_awards_assessment", "learner_id", "pack_id", unique=True,
              sqlite_where=text("module_id IS NULL")),  # PostgreSQL: engine.py adds it
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    pack_id: Mapped[str] = mapped_column(String(100))
    module_id: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(16))
    hours: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    earned_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


# --- Training plans (学习计划 / 培训班) -----------------------------------------------------
PLAN_AUDIENCES: tuple[str, ...] = ("unit", "role", "person")


class Plan(Base):
    """A plan: who must study what by when, and how many 学时 in its period (trainer.store.plans).

    ``uid`` names the plan on every machine (plan files); ``revision`` grows with each change, so
    importing an older file never replaces a newer plan.
    """

    __tablename__ = "plans"
    __table_args__ = (CheckConstraint("required_hours >= 0", name="required_hours"),
                      CheckConstraint("ends_on >= starts_on", name="period"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    required_hours: Mapped[float] = mapped_column(Float)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PlanCourse(Base):
    """A course of a plan: compulsory (必修, optionally by a deadline) or elective (选修)."""

    __tablename__ = "plan_courses"

    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"),
                                         primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)
    compulsory: Mapped[bool] = mapped_column(Boolean)
    deadline: Mapped[date | None] = mapped_column(Date)


class PlanAudience(Base):
    """Who a plan is for: a unit (with its sub-units, by path), a job role, or one person."""

    __tablename__ = "plan_audience"
    __table_args__ = (CheckConstraint("kind IN ('unit', 'role', 'person')", name="kind"),)

    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"),
                                         primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), primary_key=True)
