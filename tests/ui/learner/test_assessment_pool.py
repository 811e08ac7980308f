"""A final assessment with a question pool (issue 18): a sitting shows the questions drawn for
it, the same ones when the learner comes back, is graded on those only, and a retake draws
others where the pool allows. The workspace preview shows the pool."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from learner_helpers import FIXTURE, choose_in_leave_box, settle, start_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from trainer.content.loader import load_pack
from trainer.store.progress import attempts
from trainer.store.sittings import open_sitting
from trainer.ui.common.context import AppContext
from trainer.ui.learner.assessment import AssessmentView

EXTRA = """
::: exercise single q-final-4
competencies: data-sharing

部门之间按目录申请使用数据，叫作什么？

- [x] 数据共享
- [ ] 数据开放

> 解析：部门之间是共享。
:::

::: exercise truefalse q-final-5
competencies: data-security

手机号码可以随意提供给第三方。

- [ ] 正确
- [x] 错误

> 解析：手机号码是个人信息。
:::
"""
SHARING, SECURITY = {"q-final-1", "q-final-4"}, {"q-final-2", "q-final-5"}


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """learner-mini whose final draws one question per competency from a pool of five."""
    folder = tmp_path / "bundled"
    shutil.copytree(FIXTURE, folder / "learner-mini")
    final = folder / "learner-mini" / "modules" / "03-final.md"
    text = final.read_text("utf-8").replace(
        "pass_mark: 60\n", "pass_mark: 60\ndraw: {data-sharing: 1, data-security: 1, "
        "data-literacy: 1}\n", 1)
    final.write_text(text + EXTRA, "utf-8")
    return folder


@pytest.fixture(autouse=True)
def signed_out_at_the_end(app_ctx: AppContext) -> Any:
    yield
    app_ctx.set_user(None)


def open_final(qapp: QApplication, qtbot: Any, ctx: AppContext, learner: Any) -> tuple[Any, Any]:
    window = start_app(qapp, qtbot, ctx)
    ctx.set_user(learner)
    settle(qapp)
    assert window.show_page("reader", ("learner-mini", "final"))
    view = window.page("reader").view
    assert isinstance(view, AssessmentView)
    return window, view


def test_a_pool_sitting_shows_its_draw_keeps_it_and_a_retake_draws_others(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window, view = open_final(qapp, qtbot, app_ctx, learner)
    facts = [label.text() for label in view.findChildren(QLabel)
             if label.objectName() == "cardMeta"]
    assert any("3 questions" in t and "drawn at random from 5" in t for t in facts), facts
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    first = list(view.cards)
    assert len(first) == 3 and first == list(view.sitting.questions)
    assert len(set(first) & SHARING) == 1 and len(set(first) & SECURITY) == 1
    assert "q-final-3" in first and "Answered 0 of 3" in view.answered_label.text()
    sharing = next(iter(set(first) & SHARING))
    right = 1 if sharing == "q-final-1" else 0  # 数据开放 / 数据共享 is the second / first
    view.cards[sharing].input.button(right).click()
    settle(qapp)
    # the learner leaves (as after a crash, the sitting stays open in the store) and returns
    choose_in_leave_box(monkeypatch, "leave")
    course = window.page("reader")
    course.step(-1)
    settle(qapp)
    assert open_sitting(app_ctx.db, learner.id, "learner-mini", "final").questions == \
        tuple(first)
    course.step(1)
    settle(qapp)
    again = course.view
    assert isinstance(again, AssessmentView) and again is not view
    assert list(again.cards) == first, "the same questions, in the same order"
    assert again.cards[sharing].response() is not None, "the answer given is kept"
    again.cards["q-final-3"].input.edit.insert("一网通办")
    again.finish(confirm=False)
    result = again.result
    assert result.total == 3 and result.percent == pytest.approx(66.7) and result.passed
    saved = {a.exercise_id for a in attempts(app_ctx.db, learner.id, "learner-mini")}
    assert saved == {sharing, "q-final-3"}, "only the drawn questions, as answered"
    course.step(-1)
    settle(qapp)
    course.step(1)
    settle(qapp)
    retake = course.view
    qtbot.mouseClick(retake.start_button, Qt.MouseButton.LeftButton)
    second = list(retake.cards)
    assert set(second) & set(first) == {"q-final-3"}, "the other sharing and security ones"
    retake.finish(confirm=False)


def test_the_workspace_preview_shows_the_pool(qapp: QApplication, qtbot: Any,
                                              bundled: Path) -> None:
    from trainer.ui.trainer.preview import PackPreview

    pack = load_pack(bundled / "learner-mini")
    preview = PackPreview("light", 14)
    qtbot.addWidget(preview)
    preview.show_pack(pack)
    preview.show()
    preview.show_module("final")
    assert preview.pool.isVisible()
    text = preview.pool.text()
    assert "each sitting draws 3 of 5 questions" in text
    assert text.count("<tr>") == 4, "a heading and one row per competency"
    preview.show_module("basics")
    assert not preview.pool.isVisible()
