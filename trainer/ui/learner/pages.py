"""Registers the learner pages with the main window and keeps their titles translated."""

from __future__ import annotations

import importlib.util
import logging
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence

from trainer.errors import TrainerError
from trainer.ui.common.context import AppContext

log = logging.getLogger(__name__)

# page key -> English title (context "LearnerPages")
TITLES = {
    "signin": QT_TRANSLATE_NOOP("LearnerPages", "Sign in"),
    "library": QT_TRANSLATE_NOOP("LearnerPages", "Courses"),
    "dashboard": QT_TRANSLATE_NOOP("LearnerPages", "My progress"),
    "reader": QT_TRANSLATE_NOOP("LearnerPages", "Course"),
    "search": QT_TRANSLATE_NOOP("LearnerPages", "Search"),
}


def title(key: str) -> str:
    return QCoreApplication.translate("LearnerPages", TITLES[key])


class _Retranslator(QObject):
    """Renames the pages and the import action when the interface language changes."""

    def __init__(self, window: Any, actions: dict[str, QAction]) -> None:
        super().__init__(window)
        self.window, self.actions = window, actions
        window.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        for key in TITLES:
            if self.window.has_page(key):
                self.window.set_page_title(key, title(key))
        self.actions["import"].setText(
            QCoreApplication.translate("LearnerPages", "&Import Course Pack…"))
        self.actions["switch"].setText(QCoreApplication.translate("LearnerPages", "S&witch User…"))
        self.actions["find"].setText(
            QCoreApplication.translate("LearnerPages", "&Find in Courses…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.apply()
        return False


def register_pages(window: Any, ctx: AppContext) -> None:
    """Library, progress dashboard (analytics' page), course reader and search."""
    window.add_page("library", lambda: _library(ctx), title("library"))
    if importlib.util.find_spec("trainer.ui.learner.dashboard") is not None:
        window.add_page("dashboard", lambda: _dashboard(ctx), title("dashboard"))
        from trainer.ui.learner.dashboard_prefetch import watch

        # gathered, built and painted while the learner studies (DESIGN §6: ≤ 300 ms)
        stack = getattr(window, "stack", None)
        watch(ctx, None if stack is None else stack.size)
    window.add_page("reader", lambda: _course(ctx), title("reader"), navigation=False)
    window.add_page("search", lambda: _search(ctx), title("search"))
    from trainer.ui.learner.review_pages import register_review_pages

    register_review_pages(window, ctx)
    ctx.pageRequested.connect(lambda key, payload: _redirect(window, ctx, key, payload))
    actions = _add_actions(window, ctx)
    window._learner_retranslator = _Retranslator(window, actions)


def _add_actions(window: Any, ctx: AppContext) -> dict[str, QAction]:
    """File menu: import a course pack, switch user; Ctrl+F opens the search page."""
    actions = {"import": QAction(window), "switch": QAction(window), "find": QAction(window)}
    actions["import"].setShortcut(QKeySequence("Ctrl+I"))
    actions["import"].triggered.connect(lambda: _import_pack(window))
    actions["switch"].setShortcut(QKeySequence("Ctrl+Shift+U"))
    actions["switch"].triggered.connect(window.sign_out)
    actions["find"].setShortcut(QKeySequence.StandardKey.Find)
    actions["find"].triggered.connect(lambda: window.show_page("search"))
    menu = window.file_menu
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, actions["import"])
    menu.insertAction(first, actions["find"])
    menus = getattr(window, "menus", window)  # the shell's actions; Quit stays last
    anchor = next((a for a in (getattr(menus, "sign_out_action", None),
                               getattr(menus, "quit_action", None)) if a in menu.actions()), None)
    menu.insertAction(anchor, actions["switch"])

    def enable(user: Any) -> None:
        for action in actions.values():
            action.setEnabled(user is not None)
        if user is not None:  # installing needs a trainer or administrator (checked again)
            from trainer.analytics.install import may_install

            actions["import"].setEnabled(may_install(user))

    ctx.userChanged.connect(enable)
    enable(ctx.user)
    from trainer.ui.common.readonly import block_when_read_only

    block_when_read_only(ctx, actions["import"], window)
    return actions


# Screens are imported when first shown, so the sign-in screen is up sooner.
def _library(ctx: AppContext) -> Any:
    from trainer.ui.learner.library import LibraryPage

    return LibraryPage(ctx)


def _course(ctx: AppContext) -> Any:
    from trainer.ui.learner.course import CoursePage

    return CoursePage(ctx)


def _search(ctx: AppContext) -> Any:
    from trainer.ui.learner.search_page import SearchPage

    return SearchPage(ctx)


def _dashboard(ctx: AppContext) -> Any:
    from trainer.ui.learner.dashboard_prefetch import claim_page

    ready = claim_page(ctx)  # built in advance while the learner studied
    if ready is not None:
        return ready
    from trainer.ui.learner.dashboard import DashboardPage  # analytics' module

    return DashboardPage(ctx)


def _import_pack(window: Any) -> None:
    if window.show_page("library"):
        window.page("library").choose_and_import()


def _redirect(window: Any, ctx: AppContext, key: str, payload: Any) -> None:
    """"exercise" with (pack_id, exercise_id) opens the reader at that exercise."""
    if key != "exercise" or not payload:
        return
    pack_id, exercise_id = payload[0], payload[1]
    try:
        module_id = ctx.library.get(pack_id).exercise(exercise_id).module_id
    except (KeyError, TrainerError) as exc:
        log.warning("Cannot open exercise %s in %s: %s", exercise_id, pack_id, exc)
        return
    window.show_page("reader", (pack_id, module_id, exercise_id))
