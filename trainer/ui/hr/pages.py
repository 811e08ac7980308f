"""Registers the HR page ("人员与报表 / People and reports") for HR officers and administrators."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject

from trainer.ui.common.context import AppContext

KEY = "hr"
TITLE: str = str(QT_TRANSLATE_NOOP("HRPages", "People and reports"))
ROLES = ("hr", "admin")


def title() -> str:
    return QCoreApplication.translate("HRPages", TITLE)


class _Retitler(QObject):
    """Keeps the navigation entry's title in the interface language."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.main_window: Any = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.main_window and event.type() == QEvent.Type.LanguageChange:
            _retitle(self.main_window)
        return False


def _retitle(window: Any) -> None:
    window.set_page_title(KEY, title())


def install(window: Any, ctx: AppContext) -> None:
    """Add the HR page; it is built (and queries the database) the first time it is opened."""

    def build() -> Any:
        from trainer.ui.hr.screen import HRScreen

        return HRScreen(ctx)

    window.add_page(KEY, build, title(), roles=ROLES)
    _Retitler(window)
