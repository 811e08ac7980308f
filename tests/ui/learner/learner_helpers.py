"""Helpers shared by the learner-screen tests (imported by name: the test folders are not packages)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from trainer.config import Paths, Settings
from trainer.ui.common import work
from trainer.ui.common.context import AppContext

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "packs" / "learner-mini"
LEARNER_HOOK = ("trainer.ui.learner.signin:install_learner_pages",)


def make_context(paths: Paths, bundled: Path, language: str = "en") -> AppContext:
    from trainer.content.library import Library

    settings = Settings(paths.settings_file)
    settings.set("language", language)
    return AppContext(paths, settings, library=Library(paths.packs_dir, bundled))


def start_app(qapp: QApplication, qtbot: Any, ctx: AppContext) -> Any:
    """The main window with the learner pages, shown, as after start-up."""
    from trainer.ui.app import install_pages, start_gui

    window = start_gui(qapp, ctx)
    qtbot.addWidget(window)
    install_pages(window, ctx, LEARNER_HOOK)
    window.resize(1180, 760)
    window.show()
    qtbot.waitExposed(window)
    return window


def settle(qapp: QApplication) -> None:
    """Let background work finish and its results arrive."""
    for _ in range(3):
        work.wait_for_all()
        qapp.processEvents()


def choose_in_leave_box(monkeypatch: Any, choice: str) -> list[str]:
    """Answer the "assessment is still open" box by clicking its button to ``leave`` or
    ``stay`` (a modal box would block offscreen); returns the texts of the boxes shown."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    role = (QMessageBox.ButtonRole.AcceptRole if choice == "leave"
            else QMessageBox.ButtonRole.RejectRole)

    def fake_exec(box: QMessageBox) -> int:
        assert box.objectName() == "leaveAssessment", box.text()
        shown.append(box.text())
        next(b for b in box.buttons() if box.buttonRole(b) == role).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown
