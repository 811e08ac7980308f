"""The shared report figures: what they add up equals the analytics functions' own totals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tests.reports.export_data import Org, build_org
from trainer.analytics.cohort import cohort_competency, cohort_completion
from trainer.analytics.filters import CohortFilter
from trainer.reports.data import ReportData, average_score, collect


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    built = build_org(tmp_path_factory.mktemp("data") / "data")
    yield built
    built.db.close()


@pytest.mark.parametrize("flt", [None, CohortFilter(department="民政局"),
                                 CohortFilter(course="digital-government")])
def test_everyone_rows_equal_the_whole_organisation_figures(org: Org,
                                                            flt: CohortFilter | None) -> None:
    data = collect(org.db, org.packs, flt)
    whole = cohort_completion(org.db, data.packs, by="all", filters=flt)
    assert [(r.pack_id, r.learners, round(r.percent, 9), r.completed, r.passed)
            for r in data.overall_completion] == [
        (r.pack_id, r.learners, round(r.percent, 9), r.completed, r.passed) for r in whole]
    competency = {r.competency_id: r for r in cohort_competency(org.db, data.packs, by="all",
                                                                filters=flt)}
    assert {r.competency_id for r in data.overall_competency} == set(competency)
    for row in data.overall_competency:
        want = competency[row.competency_id]
        assert (row.learners, row.level) == (want.learners, want.level)
        assert row.score == pytest.approx(want.score, abs=1e-9)


@pytest.mark.parametrize("flt", [None, CohortFilter(department="民政局"),
                                 CohortFilter(course="digital-government"),
                                 CohortFilter(until=date(2026, 3, 3))])
def test_department_competency_equals_the_cohort_figures(org: Org,
                                                         flt: CohortFilter | None) -> None:
    data = collect(org.db, org.packs, flt)
    want = {(r.group, r.competency_id): r
            for r in cohort_competency(org.db, data.packs, by="department", filters=flt)}
    assert {(r.group, r.competency_id) for r in data.competency} == set(want)
    for row in data.competency:
        expected = want[row.group, row.competency_id]
        assert (row.learners, row.level) == (expected.learners, expected.level)
        assert row.score == pytest.approx(expected.score, abs=1e-9)


def test_figures_are_queried_only_when_asked_for(org: Org) -> None:
    data = ReportData(org.db, org.packs)
    assert data.attempts == 16
    assert "learners" not in data.__dict__ and "competency" not in data.__dict__


def test_average_and_histogram_cover_learners_with_evidence(org: Org) -> None:
    data = collect(org.db, org.packs)
    with_scores = [r for r in data.learners if average_score(r) is not None]
    assert sum(data.score_histogram()) == len(with_scores) == 5
    by_no = {r.employee_no: r for r in data.learners}
    assert average_score(by_no["E005"]) == pytest.approx(
        sum(by_no["E005"].scores.values()) / len(by_no["E005"].scores))
