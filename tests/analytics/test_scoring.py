"""Scoring rules on hand-made histories, with exact expected numbers (no database)."""

from __future__ import annotations

import pytest

from tests.analytics.builders import framework, mini_pack
from trainer.analytics.scoring import (
    best_results,
    exercise_weights,
    role_gap,
    role_targets,
    score_competencies,
)


def test_best_result_per_exercise_ignores_pending_and_worse_retries() -> None:
    rows = [("p", "e1", 0.2), ("p", "e1", 0.9), ("p", "e1", 0.5), ("p", "e2", None),
            ("p", "e3", None), ("p", "e3", 0.0)]
    assert best_results(rows) == {("p", "e1"): 0.9, ("p", "e3"): 0.0}


def test_weighted_mean_of_best_results() -> None:
    pack = mini_pack()
    weights = exercise_weights([pack])
    best = {("mini", "e1"): 1.0, ("mini", "e2"): 0.5, ("mini", "e4"): 0.0}
    scores = score_competencies(best, weights, framework())
    # literacy: (1.0*1 + 0.5*0.5) / (1 + 0.5) = 0.8333…
    assert scores["data-literacy"].score == pytest.approx(250 / 3)
    assert scores["data-literacy"].exercises == 2
    assert scores["data-literacy"].level.name == "熟练"
    # sharing: (0.5*0.5 + 0.7*0.0) / 1.2
    assert scores["data-sharing"].score == pytest.approx(100 * 0.25 / 1.2)
    assert scores["data-sharing"].level.id == 1
    # security: only e4 (weight 0.3, result 0)
    assert scores["data-security"].score == 0.0
    assert scores["data-security"].exercises == 1


def test_unanswered_competency_has_no_score_and_unknown_exercises_do_not_count() -> None:
    scores = score_competencies({("mini", "zzz"): 1.0, ("other", "e1"): 1.0},
                                exercise_weights([mini_pack()]), framework())
    assert scores == {}


def test_level_boundaries_are_inclusive() -> None:
    weights = {("p", "a"): {"data-literacy": 1.0}}
    for result, level in [(0.0, 1), (0.3999, 1), (0.40, 2), (0.65, 3), (0.85, 4), (1.0, 4)]:
        got = score_competencies({("p", "a"): result}, weights, framework())["data-literacy"]
        assert got.level.id == level, result


def test_role_gap_lists_unmet_targets_largest_first() -> None:
    weights = {("p", "a"): {"data-literacy": 1.0}, ("p", "b"): {"data-security": 1.0}}
    scores = score_competencies({("p", "a"): 0.70, ("p", "b"): 0.50}, weights, framework())
    gaps = role_gap(framework(), scores, "data-steward")
    # sharing: no evidence (target 4) → 4 levels; security 50 → level 2, target 4 → 2;
    # literacy 70 → level 3 = target → not listed
    assert [(g.competency_id, g.gap_levels) for g in gaps] == [("data-sharing", 4),
                                                                ("data-security", 2)]
    assert gaps[1].gap_points == pytest.approx(35.0)
    assert gaps[0].score is None and gaps[0].level is None
    assert role_gap(framework(), scores, "frontline-officer")[0].competency_id == "data-security"


def test_role_targets_are_the_minimum_score_of_the_target_level() -> None:
    assert role_targets(framework(), "frontline-officer") == {"data-literacy": 40.0,
                                                              "data-security": 65.0}
    with pytest.raises(KeyError):
        role_gap(framework(), {}, "astronaut")
