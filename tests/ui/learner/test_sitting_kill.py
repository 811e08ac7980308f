"""A sitting survives a killed process: the app (a child process) starts the final, answers two
questions and is killed with SIGKILL; signing in again resumes the same sitting with its answers
and the time that was left, or hands it in when the time ran out meanwhile."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from learner_helpers import settle, start_app
from PySide6.QtWidgets import QApplication

from trainer.analytics import sittings as rules
from trainer.store.progress import attempts
from trainer.store.sittings import open_sitting
from trainer.ui.common.context import AppContext

CHILD = Path(__file__).with_name("sitting_child.py")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


@pytest.fixture
def killed(app_ctx: AppContext, bundled: Path, learner: Any) -> Any:
    """The sitting a killed process left behind (its two answers committed before the kill)."""
    child = subprocess.Popen([sys.executable, str(CHILD), str(app_ctx.paths.data_dir),
                              str(bundled), str(learner.id)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line == b"answered\n", child.stderr.read().decode() if child.stderr else line
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=10)  # reaps it and closes the pipes
    assert child.returncode == -signal.SIGKILL
    state = open_sitting(app_ctx.db, learner.id, "learner-mini", "final")
    assert state is not None and set(state.answers) == {"q-final-1", "q-final-2"}
    return state


@pytest.fixture(autouse=True)
def signed_out_at_the_end(app_ctx: AppContext, qtbot: Any) -> Any:
    yield
    app_ctx.set_user(None)  # the window closes at teardown without asking


def reopen(qapp: QApplication, qtbot: Any, ctx: AppContext, learner: Any) -> Any:
    window = start_app(qapp, qtbot, ctx)
    ctx.set_user(learner)
    settle(qapp)
    assert window.show_page("reader", ("learner-mini", "final"))
    return window, window.page("reader").view


def test_the_same_sitting_resumes_then_is_handed_in_once_its_time_ran_out(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any, killed: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "clock", lambda: killed.started_at + timedelta(minutes=3))
    window, view = reopen(qapp, qtbot, app_ctx, learner)
    assert view.in_progress() and view.sitting.id == killed.id, "the same sitting"
    assert view.pages.currentIndex() == 1, "straight back to the questions"
    assert view.cards["q-final-1"].response() == killed.answers["q-final-1"]
    assert view.cards["q-final-2"].response() == killed.answers["q-final-2"]
    assert view.remaining() == pytest.approx(7 * 60)  # 10 minutes, 3 gone (the clock ran)
    assert "Time left 07:00" in view.timer_label.text()
    assert "Answered 2 of 3" in view.answered_label.text()
    assert attempts(app_ctx.db, learner.id, "learner-mini") == [], "not handed in"
    app_ctx.set_user(None)  # away again (as after another crash) …
    monkeypatch.setattr(rules, "clock", lambda: killed.started_at + timedelta(hours=2))
    app_ctx.set_user(learner)  # … and back when the limit has long passed
    settle(qapp)
    assert window.show_page("reader", ("learner-mini", "final"))
    view = window.page("reader").view
    assert not view.in_progress() and view.pages.currentIndex() == 0
    assert view.earlier is not None and view.earlier.sittings == 1
    saved = attempts(app_ctx.db, learner.id, "learner-mini")
    assert {a.exercise_id for a in saved} == {"q-final-1", "q-final-2"}
    assert {a.started_at for a in saved} == {killed.started_at}
    assert {a.finished_at for a in saved} == {killed.started_at + timedelta(minutes=10)}
    assert open_sitting(app_ctx.db, learner.id, "learner-mini", "final") is None
