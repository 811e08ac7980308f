"""The one helper for long or data-changing work, the error presenter and the instance guard."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget

from trainer.config import Paths
from trainer.errors import TrainerError
from trainer.ui.common import work as work_module
from trainer.ui.common.context import PROGRESS, AppContext
from trainer.ui.common.errors import build_error_box, present_error
from trainer.ui.common.single_instance import LOCK_NAME, SingleInstance, server_name
from trainer.ui.common.work import Progress, run_work


def test_work_runs_off_the_gui_thread_and_announces_changes(
        app_ctx: AppContext, qtbot: Any) -> None:
    gui_thread = threading.get_ident()
    seen: dict[str, Any] = {}
    changed: list[str] = []
    app_ctx.dataChanged.connect(changed.append)

    def job(progress: Progress) -> int:
        seen["thread"] = threading.get_ident()
        for step in range(3):
            progress.update(step + 1, 3, f"step {step}")
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["callback thread"] = threading.get_ident()

    app_ctx.dataChanged.connect(lambda _what: seen.setdefault("notify thread",
                                                               threading.get_ident()))
    work = run_work(None, app_ctx, job, title="Saving", changes=PROGRESS, on_success=done)
    with qtbot.waitSignal(work.finished, timeout=5000):
        pass
    assert seen["thread"] != gui_thread
    assert seen["callback thread"] == gui_thread == seen["notify thread"]  # views update safely
    assert seen["result"] == 42 and work.result == 42
    assert changed == [PROGRESS]
    assert work.dialog is None  # quick work never flashes a progress dialog


def test_known_problem_becomes_a_clear_message(
        app_ctx: AppContext, qtbot: Any, message_boxes: list[QMessageBox]) -> None:
    changed: list[str] = []
    app_ctx.dataChanged.connect(changed.append)

    def job(progress: Progress) -> None:
        raise TrainerError("The roster has 3 bad rows.", hint="Fix rows 4, 9 and 12.")

    work = run_work(None, app_ctx, job, changes="learners")
    with qtbot.waitSignal(work.failed, timeout=5000):
        pass
    assert [box.text() for box in message_boxes] == ["The roster has 3 bad rows."]
    assert message_boxes[0].informativeText() == "Fix rows 4, 9 and 12."
    assert message_boxes[0].icon() == QMessageBox.Icon.Warning
    assert changed == []  # nothing changed, nothing to refresh


def test_bug_becomes_the_crash_dialog_with_the_log_path(
        app_ctx: AppContext, qtbot: Any, message_boxes: list[QMessageBox]) -> None:
    from trainer.config import setup_logging

    setup_logging(app_ctx.paths)

    def job(progress: Progress) -> None:
        raise KeyError("oops")

    work = run_work(None, app_ctx, job)
    with qtbot.waitSignal(work.failed, timeout=5000):
        pass
    box = message_boxes[0]
    assert box.icon() == QMessageBox.Icon.Critical
    assert str(app_ctx.paths.log_file) in box.informativeText()
    assert "KeyError: 'oops'" in box.detailedText()
    assert "KeyError: 'oops'" in app_ctx.paths.log_file.read_text(encoding="utf-8")


def test_cancel_stops_the_work_quietly(app_ctx: AppContext, qtbot: Any,
                                       message_boxes: list[QMessageBox]) -> None:
    started = threading.Event()
    steps: list[int] = []

    def job(progress: Progress) -> None:
        started.set()
        for step in range(1000):
            progress.update(step, 1000)
            steps.append(step)
            threading.Event().wait(0.002)

    work = run_work(None, app_ctx, job, title="Importing", cancellable=True)
    started.wait(5)
    qtbot.waitUntil(lambda: work.dialog is not None and work.dialog.isVisible(), timeout=5000)
    assert work.dialog.labelText() == "Importing" and work.dialog.maximum() == 1000
    cancel_button = work.dialog.findChild(QPushButton)
    with qtbot.waitSignal(work.cancelled, timeout=5000):
        cancel_button.click()
    assert len(steps) < 1000 and message_boxes == []


def test_custom_failure_handler_replaces_the_message(app_ctx: AppContext, qtbot: Any,
                                                     message_boxes: list[QMessageBox]) -> None:
    handled: list[BaseException] = []

    def job(progress: Progress) -> None:
        raise TrainerError("wrong PIN")

    work = run_work(None, app_ctx, job, on_failure=handled.append, show_progress=False)
    with qtbot.waitSignal(work.finished, timeout=5000):
        pass
    assert [str(e) for e in handled] == ["wrong PIN"] and message_boxes == []


def _visible_progress_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()]


def _modal_pause(ms: int) -> None:
    """Like a modal dialog's exec(): a nested event loop in which timers still fire."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def test_progress_dialog_is_gone_before_a_callback_opens_a_dialog(
        app_ctx: AppContext, qtbot: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(work_module, "SHOW_PROGRESS_AFTER_MS", 50)
    release = threading.Event()
    seen: list[int] = []

    def job(progress: Progress) -> None:
        release.wait(5)
        raise TrainerError("broken pack")

    def problems_dialog(exc: BaseException) -> None:
        seen.append(len(_visible_progress_dialogs()))
        _modal_pause(150)
        seen.append(len(_visible_progress_dialogs()))

    work = run_work(None, app_ctx, job, title="Importing", on_failure=problems_dialog)
    qtbot.waitUntil(lambda: bool(_visible_progress_dialogs()), timeout=5000)
    release.set()
    with qtbot.waitSignal(work.finished, timeout=5000):
        pass
    assert seen == [0, 0] and work.dialog is None


@pytest.mark.parametrize("label", ["", "写入第 2 页"])
def test_the_end_arriving_while_progress_is_shown_closes_the_dialog_cleanly(
        app_ctx: AppContext, qtbot: Any, monkeypatch: Any, label: str) -> None:
    """A window-modal progress dialog's setValue runs the event loop; the work's end queued
    behind its last progress is delivered there and closes the dialog. Showing that progress
    must not then touch the closed dialog (CI: 'NoneType' has no attribute 'setLabelText')."""
    monkeypatch.setattr(work_module, "SHOW_PROGRESS_AFTER_MS", 50)
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()

    def job(progress: Progress) -> str:
        release.wait(5)
        progress.update(1, 3, label)  # Qt shows the dialog "at once" on the first step,
        progress.update(2, 3, label)  # runs the event loop on the next,
        return "done"  # where the end queued behind it arrives

    work = run_work(parent, app_ctx, job, title="Exporting")
    qtbot.waitUntil(lambda: bool(_visible_progress_dialogs()), timeout=5000)
    release.set()
    work_module.wait_for_all()  # the GUI thread busy until both are queued
    with qtbot.waitSignal(work.finished, timeout=5000):
        pass
    QApplication.processEvents()
    assert work.result == "done" and work.dialog is None and _visible_progress_dialogs() == []


@pytest.mark.parametrize("fails", [False, True])
def test_late_progress_timer_never_shows_finished_work(
        app_ctx: AppContext, qtbot: Any, monkeypatch: Any, fails: bool) -> None:
    monkeypatch.setattr(work_module, "SHOW_PROGRESS_AFTER_MS", 50)
    seen: list[int] = []

    def job(progress: Progress) -> None:
        if fails:
            raise TrainerError("broken pack")

    def callback(_value: object) -> None:  # quick work, then a modal window outlives the timer
        _modal_pause(200)
        seen.append(len(_visible_progress_dialogs()))

    work = run_work(None, app_ctx, job, on_success=callback, on_failure=callback)
    with qtbot.waitSignal(work.finished, timeout=5000):
        pass
    _modal_pause(100)
    assert seen == [0] and _visible_progress_dialogs() == [] and work.dialog is None


def test_error_box_parent_may_be_gone(app_ctx: AppContext, qtbot: Any,
                                      message_boxes: list[QMessageBox]) -> None:
    parent = QWidget()

    def job(progress: Progress) -> None:
        raise TrainerError("late failure")

    work = run_work(parent, app_ctx, job, show_progress=False)
    parent.deleteLater()
    with qtbot.waitSignal(work.finished, timeout=5000):
        pass
    assert message_boxes[0].text() == "late failure"


def test_present_error_logs_bugs(caplog: Any, message_boxes: list[QMessageBox]) -> None:
    try:
        raise ValueError("bad state")
    except ValueError as exc:
        present_error(None, exc)
    assert "bad state" in caplog.text
    assert message_boxes[0].icon() == QMessageBox.Icon.Critical


def test_known_problem_box_has_no_traceback(qapp: Any) -> None:
    box = build_error_box(None, TrainerError("Disk full."))
    assert box.text() == "Disk full." and box.detailedText() == ""


def test_a_database_error_that_escaped_the_store_is_still_a_clear_message(qapp: Any) -> None:
    import sqlite3

    box = build_error_box(None, sqlite3.OperationalError("database is locked"))
    assert "in use by another program" in box.text() and box.detailedText() == ""


def test_second_start_is_refused_and_raises_the_first(qapp: Any, qtbot: Any, tmp_path: Path) -> None:
    folder = Paths(tmp_path / "data").ensure().data_dir
    first = SingleInstance(folder)
    assert first.acquire()
    first.listen()
    try:
        other_folder = SingleInstance(Paths(tmp_path / "elsewhere").ensure().data_dir)
        assert other_folder.acquire()  # another data folder runs side by side
        other_folder.release()
        with qtbot.waitSignal(first.raiseRequested, timeout=5000):
            assert not SingleInstance(folder).acquire()
    finally:
        first.release()
    again = SingleInstance(folder)
    assert again.acquire()  # free again once the first has gone
    again.release()


def test_lock_of_a_crashed_run_is_taken_over(qapp: Any, tmp_path: Path) -> None:
    folder = Paths(tmp_path / "data").ensure().data_dir
    crash = ("import os, sys; from PySide6.QtCore import QLockFile; "
             "lock = QLockFile(sys.argv[1]); assert lock.tryLock(0); os._exit(0)")
    subprocess.run([sys.executable, "-c", crash, str(folder / LOCK_NAME)], check=True, timeout=60)
    assert (folder / LOCK_NAME).exists()
    guard = SingleInstance(folder)
    assert guard.acquire()
    guard.release()


def test_server_name_depends_only_on_the_folder(tmp_path: Path) -> None:
    assert server_name(tmp_path) == server_name(tmp_path / "." )
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
