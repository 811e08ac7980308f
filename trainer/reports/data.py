"""What every report shows, gathered once through the analytics functions.

The HR screen, CSV, XLSX and PDF all read a ``ReportData`` (or the attempt stream below), so a
number on screen and the same number in a file come from one call and one rounding rule
(``trainer.analytics.rounding.rounded``, 四舍五入, re-exported here as ``rounded``).
Attempts are streamed from the database in batches and never held in a list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from trainer.analytics import sql
from trainer.analytics.cohort import (
    CohortCompetencyRow,
    CohortCompletionRow,
    LearnerRow,
    cohort_completion,
    learner_table,
)
from trainer.analytics.filters import CohortFilter
from trainer.analytics.rounding import exact_mean, rounded, weighted_mean
from trainer.analytics.scoring import level_for, merged_framework
from trainer.content.model import Competency, Framework, Pack
from trainer.localtime import local, zone_label
from trainer.reports.texts import Texts

# progress(done, total, label); the GUI's version raises to cancel.
ProgressFn = Callable[[int, int, str], None]


def average_score(row: LearnerRow) -> float | None:
    """A learner's overall score: the plain mean of their competency scores (evidence only)."""
    return exact_mean(row.scores.values())


def order_packs(packs: Sequence[Pack], language: str) -> list[Pack]:
    """Packs in the report's language first, so framework titles come out in that language."""
    wanted = "en" if language == "en" else "zh"
    return sorted(packs, key=lambda p: not (p.language or "").lower().startswith(wanted))


class ReportData:
    """Figures for one filter, in one language; see the module docstring.

    Each figure is queried on first use and kept, so a CSV of answers never pays for the
    cohort aggregates and a PDF never streams the answers.
    """

    def __init__(self, db: Any, packs: Sequence[Pack], filters: CohortFilter | None = None,
                 language: str | None = None) -> None:
        self.db = db
        self.filters = filters or CohortFilter()
        self.texts = Texts(language)
        self.packs = order_packs(sql.restrict(list(packs), self.filters), self.texts.language)
        self.generated_at = datetime.now(UTC)
        self.zone = zone_label(self.generated_at)  # every moment in the report is local time

    @property
    def generated_local(self) -> datetime:
        """When the report was made, in local time (naive, like every moment it writes)."""
        return local(self.generated_at)

    @cached_property
    def learners(self) -> list[LearnerRow]:
        """By department (people without one last, on every database), then employee no."""
        rows = learner_table(self.db, self.packs, self.filters)
        return sorted(rows, key=lambda r: (r.department is None, r.department or "",
                                           r.employee_no))

    @cached_property
    def completion(self) -> list[CohortCompletionRow]:
        """By department (none last) and course."""
        rows = cohort_completion(self.db, self.packs, by="department", filters=self.filters)
        return sorted(rows, key=lambda r: (r.group is None, r.group or "", r.pack_id))

    @cached_property
    def competency(self) -> list[CohortCompetencyRow]:
        """By department and competency: the mean of the learner table's competency scores
        over the learners with evidence, as ``cohort_competency(by="department")`` computes it
        (the same scoring subquery; tests check they agree) without a second pass over a
        million attempts. Departments in the completion rows' order, competencies in the
        framework's."""
        framework = self.framework
        sums: dict[tuple[str | None, str], list[float]] = {}
        for row in self.learners:
            for competency_id, score in row.scores.items():
                sums.setdefault((row.department, competency_id), []).append(score)
        departments = {g: i for i, g in enumerate(dict.fromkeys(r.group for r in self.completion))}
        competencies = {c.id: i for i, c in enumerate(self.competencies)}

        def order(item: tuple[tuple[str | None, str], Any]) -> tuple[int, str, int, str]:
            (group, competency_id), _ = item
            return (departments.get(group, len(departments)), group or "",
                    competencies.get(competency_id, len(competencies)), competency_id)
        result = []
        for (group, competency_id), scores in sorted(sums.items(), key=order):
            mean = exact_mean(scores) or 0.0
            level = level_for(framework, mean) if framework else None
            result.append(CohortCompetencyRow(group, competency_id, len(scores), mean,
                                              level.id if level else None))
        return result

    @property
    def overall_completion(self) -> list[CohortCompletionRow]:
        """Everyone together, one row per course: the department rows added up.

        The same sums and learner-weighted means ``cohort_completion(by="all")`` computes,
        without a second pass over a million attempts (tests check the two agree).
        """
        groups: dict[str, list[CohortCompletionRow]] = {}
        for row in self.completion:
            groups.setdefault(row.pack_id, []).append(row)
        return [CohortCompletionRow(None, pack_id, sum(r.learners for r in rows),
                                    _weighted(rows, lambda r: r.percent),
                                    sum(r.completed for r in rows), sum(r.passed for r in rows))
                for pack_id, rows in groups.items()]

    @property
    def overall_competency(self) -> list[CohortCompetencyRow]:
        """Everyone together per competency, from the department rows (see above)."""
        framework = self.framework
        groups: dict[str, list[CohortCompetencyRow]] = {}
        for row in self.competency:
            groups.setdefault(row.competency_id, []).append(row)
        result = []
        for competency in self.competencies:
            rows = groups.get(competency.id)
            if rows:
                mean = _weighted(rows, lambda r: r.score)
                level = level_for(framework, mean) if framework else None
                result.append(CohortCompetencyRow(None, competency.id,
                                                  sum(r.learners for r in rows), mean,
                                                  level.id if level else None))
        return result

    def completion_with_total(self) -> list[CohortCompletionRow]:
        """The department rows, then one 全体 (everyone) row per course: the departments table
        as every format writes it (screen, CSV, XLSX, PDF), so none lacks the total."""
        label = self.texts("everyone")
        return [*self.completion, *(replace(r, group=label) for r in self.overall_completion)]

    def competency_with_total(self) -> list[CohortCompetencyRow]:
        """The department × competency rows, then the 全体 row per competency."""
        label = self.texts("everyone")
        return [*self.competency, *(replace(r, group=label) for r in self.overall_competency)]

    @cached_property
    def attempts(self) -> int:
        """Answers the filter covers (pending ones included)."""
        from trainer.reports.attempts import count_attempts

        return count_attempts(self.db, self.packs, self.filters)

    FIGURES = ("learners", "completion", "attempts")

    def fetch(self, names: Sequence[str] = FIGURES, progress: ProgressFn | None = None) -> None:
        """Query the named figures now, two at a time: the database works outside Python's
        lock, so on two cores this nearly halves the wait (exports, the screen's worker)."""
        from concurrent.futures import ThreadPoolExecutor, as_completed

        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="report") as pool:
            running = {pool.submit(getattr, self, name): name for name in names}
            try:
                for done, future in enumerate(as_completed(running), start=1):
                    future.result()
                    if progress is not None:
                        progress(done, len(names), running[future])
            finally:
                for future in running:
                    future.cancel()

    @cached_property
    def framework(self) -> Framework | None:
        return merged_framework(self.packs)

    @cached_property
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
        return exact_mean(r.completion for r in self.learners)


def _weighted(rows: Sequence[Any], value: Callable[[Any], float]) -> float:
    """Mean of group means weighted by their learners = the mean over all those learners."""
    return weighted_mean((value(r), r.learners) for r in rows)


def collect(db: Any, packs: Sequence[Pack], filters: CohortFilter | None = None, *,
            language: str | None = None, progress: ProgressFn | None = None,
            figures: Sequence[str] = ReportData.FIGURES) -> ReportData:
    """A ``ReportData`` with ``figures`` already queried (about one SQL statement each)."""
    data = ReportData(db, packs, filters, language)
    data.fetch(figures, progress)
    return data
