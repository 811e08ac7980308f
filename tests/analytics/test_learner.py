"""One learner's figures from a real SQLite database seeded through the store's services."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.analytics.builders import T0, add_attempt, mini_pack
from trainer.analytics.assessment import assessment_result
from trainer.analytics.learner import (
    activity_by_day,
    competency_scores,
    completion,
    last_active,
    time_spent,
    wrong_exercises,
)
from trainer.analytics.recommend import recommendations
from trainer.store.learners import create_learner
from trainer.store.progress import record_lesson_progress


@pytest.fixture
def learner(db):
    return create_learner(db, "E001", "王小明", "市数据局").id


def test_scores_use_best_attempt_and_skip_pending(db, learner) -> None:
    pack = mini_pack()
    add_attempt(db, learner, pack, "e1", 0.0)
    add_attempt(db, learner, pack, "e1", 1.0, T0 + timedelta(hours=1))
    add_attempt(db, learner, pack, "e1", 0.5, T0 + timedelta(hours=2))
    add_attempt(db, learner, pack, "e2", None)  # waiting for a trainer
    add_attempt(db, learner, pack, "e3", 0.6)
    scores = competency_scores(db, learner, [pack])
    assert scores["data-literacy"].score == pytest.approx(100.0)
    assert scores["data-literacy"].exercises == 1
    assert scores["data-security"].score == pytest.approx(60.0)
    assert "data-sharing" not in scores
    # a score limited to dates is where the learner stood at the end of the range
    assert competency_scores(db, learner, [pack], since=date(2025, 3, 4)) == scores
    assert competency_scores(db, learner, [pack], until=T0.date() - timedelta(days=1)) == {}
    at_first = competency_scores(db, learner, [pack], until=T0.date())
    assert at_first["data-security"].score == pytest.approx(60.0)


def test_completion_counts_modules_but_not_reference(db, learner) -> None:
    pack = mini_pack()
    record_lesson_progress(db, learner, "mini", "m1", status="completed", add_seconds=600)
    record_lesson_progress(db, learner, "mini", "m2", status="in_progress", add_seconds=120)
    record_lesson_progress(db, learner, "mini", "glossary", status="completed")
    add_attempt(db, learner, pack, "e1", 1.0)
    result = completion(db, learner, pack)
    assert result.percent == pytest.approx(100 / 3)
    assert result.seconds == 720
    by_id = {m.module_id: m for m in result.modules}
    assert (by_id["m1"].status, by_id["m1"].answered, by_id["m1"].exercises) == ("completed", 1, 2)
    assert by_id["final"].status == "not_started"
    assert time_spent(db, learner) == {"mini": 720}
    assert last_active(db, learner) is not None


def test_activity_per_local_day(db, learner) -> None:
    pack = mini_pack()
    today = date(2025, 3, 10)
    for hours in (0, 1, 30):  # two on the 3rd, one on the 4th (UTC)
        add_attempt(db, learner, pack, "e1", 1.0, T0 + timedelta(hours=hours))
    add_attempt(db, learner, pack, "e1", 1.0, datetime(2024, 1, 1, tzinfo=UTC))  # too old
    days = activity_by_day(db, learner, days=30, tz=UTC, today=today)
    assert days == {date(2025, 3, 3): 2, date(2025, 3, 4): 1}


def test_wrong_exercises_are_the_not_yet_mastered(db, learner) -> None:
    pack = mini_pack()
    add_attempt(db, learner, pack, "e1", 0.0)
    add_attempt(db, learner, pack, "e1", 0.5, T0 + timedelta(minutes=5))
    add_attempt(db, learner, pack, "e2", 0.0)
    add_attempt(db, learner, pack, "e2", 1.0, T0 + timedelta(minutes=6))
    add_attempt(db, learner, pack, "e3", 0.25, T0 + timedelta(minutes=9))
    wrong = wrong_exercises(db, learner, [pack])
    assert [(w.exercise_id, w.best, w.tries) for w in wrong] == [("e3", 0.25, 1), ("e1", 0.5, 2)]
    assert wrong[0].module_id == "m2"


def test_assessment_sitting_score_and_pass(db, learner) -> None:
    pack = mini_pack(pass_mark=60)
    first, second = T0, T0 + timedelta(days=1)
    add_attempt(db, learner, pack, "f1", 1.0, first)  # f2 never answered: 50 %
    add_attempt(db, learner, pack, "f1", 1.0, second)
    add_attempt(db, learner, pack, "f2", 0.3, second)  # 65 %
    result = assessment_result(db, learner, pack)
    assert result.passed and result.score == pytest.approx(65.0)
    assert result.started_at == second and result.sittings == 2


def test_assessment_not_passed_shows_best_sitting(db, learner) -> None:
    pack = mini_pack(pass_mark=80)
    add_attempt(db, learner, pack, "f1", 1.0, T0)
    add_attempt(db, learner, pack, "f2", None, T0)  # pending counts 0
    result = assessment_result(db, learner, pack)
    assert not result.passed and result.score == pytest.approx(50.0) and result.pending == 1


def test_recommendations_follow_the_largest_gap(db, learner) -> None:
    pack = mini_pack()
    add_attempt(db, learner, pack, "e1", 1.0)
    add_attempt(db, learner, pack, "e3", 0.2)
    advice = recommendations(db, learner, [pack], "frontline-officer")
    # literacy 100 meets level 2; security 20 (e3) → level 1 vs target 3
    assert [r.gap.competency_id for r in advice] == ["data-security"]
    suggestion = advice[0].suggestions[0]
    assert (suggestion.module_id, suggestion.exercise_ids) == ("m2", ("e3", "e4"))
    assert suggestion.unanswered == 1
    assert suggestion.gain == pytest.approx(1.0 * 0.8 + 0.3)


def test_job_role_is_kept_and_drives_the_default_gap(db, learner) -> None:
    from trainer.store.errors import InvalidValue
    from trainer.store.learners import get_learner, update_learner

    me = get_learner(db, learner)
    assert me.job_role is None
    assert update_learner(db, learner, actor=me, job_role="Data-Steward").job_role == \
        "data-steward"
    assert get_learner(db, learner).job_role == "data-steward"
    with pytest.raises(InvalidValue, match="role-profile id"):
        update_learner(db, learner, actor=me, job_role="数据 管理员")
    assert update_learner(db, learner, actor=me, job_role="").job_role is None


@pytest.mark.parametrize(("score", "status", "percent"), [(0.2, "failed", 100 / 3),
                                                          (1.0, "completed", 200 / 3)])
def test_a_final_counts_as_done_only_once_passed(db, learner, score, status, percent) -> None:
    """Handing in is not passing (issue 17): a final below the pass mark is "failed", never
    "completed", and the course percentage does not count it."""
    pack = mini_pack(pass_mark=60)
    record_lesson_progress(db, learner, "mini", "m1", status="completed")
    record_lesson_progress(db, learner, "mini", "final", status="completed")  # handed in
    add_attempt(db, learner, pack, "f1", score)
    add_attempt(db, learner, pack, "f2", score)
    result = completion(db, learner, pack)
    assert {m.module_id: m.status for m in result.modules}["final"] == status
    assert result.percent == pytest.approx(percent)
