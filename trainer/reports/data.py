"""What every report shows, gathered once through the analytics functions.

The HR screen, CSV, XLSX and PDF all read a ``ReportData`` (or the attempt stream below), so a
number on screen and the same number in a file come from one call and one rounding rule.
Attempts are streamed from the database in batches and never held in a list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, type_coerce
from sqlalchemy.types import String

from trainer.analytics import sql
from trainer.analytics.cohort import (
    CohortCompetencyRow,
    CohortCompletionRow,
    LearnerRow,
    cohort_competency,
    cohort_completion,
    learner_table,
)
from trainer.analytics.filters import CohortFilter, time_window
from trainer.analytics.scoring import merged_framework
from trainer.content.model import Competency, Framework, Pack
from trainer.reports.texts import Texts
from trainer.store.models import Attempt, Learner

# progress(done, total, label); the GUI's version raises to cancel.
ProgressFn = Callable[[int, int, str], None]
BATCH = 5000
DECIMALS = 1  # every export and the screen show scores and percentages to one decimal


def rounded(value: float | None) -> float | None:
    """The one rounding rule for shown figures, so screen and files agree digit for digit."""
    return None if value is None else round(float(value), DECIMALS)


def average_score(row: LearnerRow) -> float | None:
    """A learner's overall score: the plain mean of their competency scores (evidence only)."""
    if not row.scores:
        return None
    return sum(row.scores.values()) / len(row.scores)


def order_packs(packs: Sequence[Pack], language: str) -> list[Pack]:
    """Packs in the report's language first, so framework titles come out in that language."""
    wanted = "en" if language == "en" else "zh"
    return sorted(packs, key=lambda p: not (p.language or "").lower().startswith(wanted))


@dataclass
class ReportData:
    """Figures for one filter, in one language; see the module docstring."""

    filters: CohortFilter
    texts: Texts
    packs: list[Pack]
    learners: list[LearnerRow]
    completion: list[CohortCompletionRow]  # by department and course
    competency: list[CohortCompetencyRow]  # by department and competency
    overall_completion: list[CohortCompletionRow]  # one row per course, everyone together
    overall_competency: list[CohortCompetencyRow]
    attempts: int
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def framework(self) -> Framework | None:
        return merged_framework(self.packs)

    @property
    def competencies(self) -> list[Competency]:
        framework = self.framework
        return list(framework.competencies) if framework else []

    def course_title(self, pack_id: str) -> str:
        return next((p.title for p in self.packs if p.id == pack_id), pack_id)

    def level_name(self, level_id: int | None) -> str:
        framework = self.framework
        if level_id is None or framework is None:
            return ""
        return next((lv.name for lv in framework.levels if lv.id == level_id), str(level_id))

    def role_title(self, role_id: str | None) -> str:
        framework = self.framework
        if not role_id or framework is None:
            return role_id or ""
        return next((r.title for r in framework.roles if r.id == role_id), role_id)

    def department_label(self, name: str | None) -> str:
        return name if name else self.texts("no_department")

    def departments(self) -> list[str | None]:
        """Departments with figures, in the order the analytics rows give them."""
        seen: dict[str | None, None] = {}
        for row in self.completion:
            seen.setdefault(row.group)
        for crow in self.competency:
            seen.setdefault(crow.group)
        return list(seen)

    def heat_map(self) -> dict[tuple[str | None, str], float]:
        """(department, competency id) → mean score, as cohort_competency computed it."""
        return {(r.group, r.competency_id): r.score for r in self.competency}

    def score_histogram(self, bins: int = 10) -> list[int]:
        """Learners per band of average score (0–10, 10–20 … 90–100), evidence only."""
        counts = [0] * bins
        for row in self.learners:
            score = rounded(average_score(row))
            if score is not None:
                counts[min(int(score * bins / 100.0), bins - 1)] += 1
        return counts

    def mean_completion(self) -> float | None:
        """Mean completion of the learners listed (each learner once, over their courses)."""
        if not self.learners:
            return None
        return sum(r.completion for r in self.learners) / len(self.learners)


def collect(db: Any, packs: Sequence[Pack], filters: CohortFilter | None = None, *,
            language: str | None = None, progress: ProgressFn | None = None) -> ReportData:
    """Run the analytics queries a report needs (about five SQL statements)."""
    flt = filters or CohortFilter()
    texts = Texts(language)
    chosen = order_packs(sql.restrict(list(packs), flt), texts.language)
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("learners", lambda: learner_table(db, chosen, flt)),
        ("completion", lambda: cohort_completion(db, chosen, by="department", filters=flt)),
        ("competency", lambda: cohort_competency(db, chosen, by="department", filters=flt)),
        ("overall_completion", lambda: cohort_completion(db, chosen, by="all", filters=flt)),
        ("overall_competency", lambda: cohort_competency(db, chosen, by="all", filters=flt)),
        ("attempts", lambda: count_attempts(db, chosen, flt)),
    ]
    found: dict[str, Any] = {}
    for number, (name, step) in enumerate(steps):
        if progress is not None:
            progress(number, len(steps), name)
        found[name] = step()
    return ReportData(flt, texts, chosen, **found)


def _attempt_query(packs: Sequence[Pack], flt: CohortFilter, columns: Sequence[Any]) -> Any:
    kept = sql.filtered_learners(flt)
    return (select(*columns)
            .select_from(Attempt)
            .join(kept, kept.c.learner_id == Attempt.learner_id)
            .where(Attempt.pack_id.in_([p.id for p in packs]),
                   *time_window(Attempt.started_at, flt)))


def count_attempts(db: Any, packs: Sequence[Pack], flt: CohortFilter) -> int:
    """How many answers the filter keeps (pending ones included)."""
    if not packs:
        return 0
    with db.reader() as session:
        return int(session.execute(_attempt_query(packs, flt, [func.count()])).scalar_one())


@dataclass(frozen=True)
class AttemptRow:
    employee_no: str
    name: str
    pack_id: str
    exercise_id: str
    score: float | None  # 0–100, rounded; None while a trainer has not marked it
    started_at: datetime
    finished_at: datetime | None


def iter_attempts(db: Any, data: ReportData, *, limit: int | None = None,
                  batch: int = BATCH) -> Iterator[tuple[Any, ...]]:
    """Raw answer rows (see ``AttemptRow`` for the fields), streamed in database batches.

    Yields plain tuples for speed; timestamps are naive UTC datetimes.
    """
    if not data.packs:
        return
    raw = db.is_sqlite  # ISO text straight from SQLite parses far faster than the ORM type
    started = type_coerce(Attempt.started_at, String) if raw else Attempt.started_at
    finished = type_coerce(Attempt.finished_at, String) if raw else Attempt.finished_at
    query = _attempt_query(data.packs, data.filters, [
        Learner.employee_no, Learner.name, Attempt.pack_id, Attempt.exercise_id,
        Attempt.score, started, finished,
    ]).join(Learner, Learner.id == Attempt.learner_id).order_by(Attempt.learner_id,
                                                                Attempt.started_at)
    if limit is not None:
        query = query.limit(limit)
    moment = _from_text if raw else _from_value
    with db.reader() as session:
        result = session.execute(query.execution_options(yield_per=batch))
        for no, name, pack_id, exercise_id, score, begun, ended in result:
            yield (no, name, pack_id, exercise_id,
                   None if score is None else round(score * 100.0, DECIMALS),
                   moment(begun), moment(ended) if ended is not None else None)


def _from_text(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _from_value(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
