"""Registers the trainer's workspace with the main window (trainers and administrators only)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject

from trainer.ui.common.context import AppContext

TITLE = QT_TRANSLATE_NOOP("TrainerPages", "Course workspace")
ROLES = ("trainer", "admin")


def title() -> str:
    return QCoreApplication.translate("TrainerPages", TITLE)


class _Retitler(QObject):
    """Keeps the navigation entry's title in the interface language."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.window.set_page_title("workspace", title())
        return False


def install(window: Any, ctx: AppContext) -> None:
    """Add the workspace page; it is built the first time a trainer opens it."""

    def build() -> Any:
        from trainer.ui.trainer.workspace import WorkspacePage

        return WorkspacePage(ctx)

    window.add_page("workspace", build, title(), roles=ROLES)
    _Retitler(window)
