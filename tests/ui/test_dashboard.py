"""The "My progress" page built from a seeded database: its numbers, charts, advice and clicks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import reset_app_appearance
from tests.ui.dashboard_seed import seed
from trainer.analytics.learner import competency_scores, wrong_exercises
from trainer.ui.common.context import AppContext


@pytest.fixture
def seeded(app_ctx: AppContext) -> dict[str, int]:
    ids = seed(app_ctx.db, app_ctx.library.get("digital-government"))
    from trainer.store.learners import get_learner

    app_ctx.set_user(get_learner(app_ctx.db, ids["E1001"]))
    return ids


@pytest.fixture
def page(qapp: QApplication, qtbot: Any, app_ctx: AppContext, seeded: dict[str, int]
         ) -> Iterator[Any]:
    from trainer.ui.learner.dashboard import DashboardPage

    widget = DashboardPage(app_ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 1400)
    yield widget
    reset_app_appearance(qapp)


def test_header_and_tiles(page: Any) -> None:
    assert page.subtitle.text() == "王小明 · E1001 · 市数据局"
    tiles = [(t.value.text(), t.caption.text()) for t in page.tiles]
    assert tiles[0] == ("1 h 30 min", "study time")  # 900 + 1200 + 1500 + 1800 s
    assert tiles[2] == ("0/1", "courses completed")
    assert tiles[3] == ("1", "final assessments passed")


def test_radar_shows_my_scores_the_target_and_my_department(page: Any, app_ctx: AppContext,
                                                            qtbot: Any) -> None:
    pack = app_ctx.library.get("digital-government")
    page.show()
    page.role_box.setCurrentIndex(page.role_box.findData("data-steward"))
    qtbot.waitUntil(lambda: page.data is not None and page.data.role_id == "data-steward")
    scores = competency_scores(app_ctx.db, app_ctx.user.id, app_ctx.library.packs())
    ax = page.radar.figure.axes[0]
    lines = {line.get_label(): line for line in ax.get_lines() if not line.get_label()
             .startswith("_")}
    # an English interface takes titles from the English pack of the same framework
    assert set(lines) == {"Me", "Target: Data steward", "My department's average"}
    order = [c.id for c in pack.framework.competencies]
    mine = lines["Me"]
    radius = [round((x * x + y * y) ** 0.5 * 100, 6) for x, y in
              zip(mine.get_xdata()[:-1], mine.get_ydata()[:-1], strict=True)]
    expected = [round(scores[c].score, 6) if c in scores else 0.0 for c in order]
    assert radius == pytest.approx(expected)
    texts = {t.get_text() for t in ax.texts}
    assert "Data security and\nprivacy protection" in texts


def test_completion_and_activity(page: Any, app_ctx: AppContext, qtbot: Any) -> None:
    completion = page.completion
    # 3 lessons and the passed final of 18 modules: the percentage counts what the rows show
    assert completion.title.text() == "数字政府建设与数据治理 — 22% complete"
    assert len(completion.bars) == 18  # the glossary (reference) is not counted
    assert [b.value() for b in completion.bars[:4]] == [100, 100, 100, 0]
    assert completion.bars[-1].value() == 100  # the passed final assessment
    with qtbot.waitSignal(app_ctx.pageRequested) as signal:
        completion.buttons[1].click()
    pack = app_ctx.library.get("digital-government")
    assert signal.args == ["reader", ("digital-government", pack.modules[1].id)]
    ax = page.calendar.figure.axes[0]
    mesh = ax.collections[0]
    assert mesh.get_array().max() >= 1
    from PySide6.QtCore import QLocale

    labels = {t.get_text() for t in ax.texts}  # plain texts, not ticks (cheaper to draw)
    assert QLocale().dayName(1, QLocale.FormatType.ShortFormat) in labels  # Monday's row
    months = {QLocale().monthName(m, QLocale.FormatType.ShortFormat) for m in range(1, 13)}
    assert len(labels & months) >= 5  # 26 weeks: a label under each month's first week
    assert "in the last 26 weeks" in page.activity_note.text()


def test_advice_opens_the_first_exercise_not_mastered(page: Any, app_ctx: AppContext,
                                                      qtbot: Any) -> None:
    assert page.advice.buttons, "advice is expected for a learner with gaps"
    with qtbot.waitSignal(app_ctx.pageRequested) as signal:
        page.advice.buttons[0].click()
    key, (pack_id, module_id, exercise_id) = signal.args
    assert key == "reader" and pack_id == "digital-government"
    pack = app_ctx.library.get(pack_id)
    assert pack.exercise(exercise_id).module_id == module_id


def test_retry_list_matches_wrong_answers(page: Any, app_ctx: AppContext, qtbot: Any) -> None:
    wrong = wrong_exercises(app_ctx.db, app_ctx.user.id, app_ctx.library.packs())
    assert page.retry.rowCount() == len(wrong) > 0
    with qtbot.waitSignal(app_ctx.pageRequested) as signal:
        page.retry.cellWidget(0, 4).click()
    assert signal.args == ["exercise", (wrong[0].pack_id, wrong[0].exercise_id)]


def test_certificate_offered_for_the_passed_course(page: Any) -> None:
    labels = [w.text() for w in page.certificates.findChildren(type(page.subtitle))]
    assert any("数字政府建设与数据治理" in text and "80 point" in text for text in labels)


def test_reloads_after_new_answers(page: Any, app_ctx: AppContext) -> None:
    from datetime import UTC, datetime

    from trainer.store.progress import record_attempt

    pack = app_ctx.library.get("digital-government")
    exercise = pack.modules[5].exercises[0]
    before = page.tiles[1].value.text()
    record_attempt(app_ctx.db, app_ctx.user.id, pack.id, pack.version, exercise.id, {}, 1.0,
                   dict(exercise.weights), datetime.now(UTC))
    page.show()
    app_ctx.notify("attempts")
    assert int(page.tiles[1].value.text()) == int(before) + 1


def test_chinese_interface(qapp: QApplication, qtbot: Any, app_ctx: AppContext,
                           seeded: dict[str, int]) -> None:
    from trainer.ui.common.language import install_language
    from trainer.ui.learner.dashboard import DashboardPage

    install_language("zh_CN")
    try:
        widget = DashboardPage(app_ctx)
        qtbot.addWidget(widget)
        assert widget.title.text() == "我的进度"
        assert widget.tiles[0].value.text() == "1 小时 30 分钟"
        assert widget.groups["advice"].title() == "下一步学什么"
        texts = {t.get_text() for t in widget.radar.figure.axes[0].texts}
        assert "数据安全与\n隐私保护" in texts  # Chinese competency titles, wrapped
        for chart in widget.charts():  # a missing glyph warning fails the test
            chart.canvas.draw()
    finally:
        reset_app_appearance(qapp)


def test_signing_out_clears_the_figures(page: Any, app_ctx: AppContext) -> None:
    page.show()
    assert page.retry.rowCount() > 0
    app_ctx.set_user(None)
    assert page.subtitle.text() == "Sign in to see your progress."
    assert page.retry.rowCount() == 0 and not page.advice.buttons
    assert page.tiles[0].value.text() == "–" and not page.calendar.figure.axes


def test_signed_out_shows_a_prompt(qapp: QApplication, qtbot: Any, app_ctx: AppContext) -> None:
    from trainer.ui.learner.dashboard import DashboardPage

    widget = DashboardPage(app_ctx)
    qtbot.addWidget(widget)
    assert widget.subtitle.text() == "Sign in to see your progress."


def test_follows_the_dark_theme(page: Any, qapp: QApplication) -> None:
    from trainer.ui.common.theme import apply_theme

    page.show()
    apply_theme(qapp, "dark")
    qapp.processEvents()
    assert page.radar.theme.dark and page.calendar.theme.dark
    assert "#2FBF8F" in page.completion.styleSheet()  # the dark theme's green
    apply_theme(qapp, "light")
    qapp.processEvents()
    assert not page.radar.theme.dark
    assert "#009E73" in page.completion.styleSheet()


def test_a_database_problem_is_reported_not_raised(page: Any, monkeypatch: Any,
                                                   message_boxes: list[Any]) -> None:
    from trainer.store.errors import DatabaseUnavailable

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise DatabaseUnavailable("The database server at db.example does not answer.")

    monkeypatch.setattr("trainer.ui.learner.dashboard.load_dashboard", broken)
    page.reload()
    assert page.subtitle.text() == "Your progress cannot be read right now."
    assert len(message_boxes) == 1
    assert page.tiles[0].value.text() == "–" and not page.radar.figure.axes


def test_choosing_a_role_saves_it_as_mine(page: Any, app_ctx: AppContext, qtbot: Any) -> None:
    from trainer.store.learners import get_learner
    from trainer.ui.common import work

    page.show()
    page.role_box.setCurrentIndex(page.role_box.findData("department-leader"))
    qtbot.waitUntil(lambda: work.running() == 0 and app_ctx.user.job_role is not None)
    assert get_learner(app_ctx.db, app_ctx.user.id).job_role == "department-leader"
    assert app_ctx.user.job_role == "department-leader"
    assert page.data is not None and page.data.role_id == "department-leader"


def test_english_course_fits_a_1280_pixel_window(qapp: QApplication, qtbot: Any,
                                                 app_ctx: AppContext) -> None:
    """Long English module titles give way with "…" (full text on hover) instead of pushing the
    page wider than the window."""
    from trainer.store.learners import get_learner
    from trainer.ui.learner.dashboard import DashboardPage

    ids = seed(app_ctx.db, app_ctx.library.get("digital-government-en"))
    app_ctx.set_user(get_learner(app_ctx.db, ids["E1001"]))
    widget = DashboardPage(app_ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 1000)
    widget.show()
    qtbot.waitUntil(lambda: widget.data is not None)
    qapp.processEvents()
    try:
        scroll = widget.scroll
        assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()
        assert not scroll.horizontalScrollBar().isVisible()
        rows = widget.completion.buttons
        long_title = next(b for b in rows if b.full_text().startswith("Lesson 4: Building"))
        assert long_title.text() != long_title.full_text() and "…" in long_title.text()
        assert long_title.full_text() in long_title.toolTip()
        for advice in widget.advice.buttons:  # the number of exercises stays readable
            assert advice.text().endswith("to master")
    finally:
        reset_app_appearance(qapp)
