"""Registers the review pages: the session (今日复习 / 每日一练) and the 错题本.

Reached from the review panel on the library and the dashboard (not in the navigation list);
each is built the first time it is shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from trainer.ui.common.context import AppContext

TITLES = {
    "review": QT_TRANSLATE_NOOP("ReviewPages", "Review"),
    "notebook": QT_TRANSLATE_NOOP("ReviewPages", "Wrong-answer book"),
}


def title(key: str) -> str:
    return QCoreApplication.translate("ReviewPages", TITLES[key])


def register_review_pages(window: Any, ctx: AppContext) -> None:
    window.add_page("review", lambda: _session(ctx), title("review"), navigation=False)
    window.add_page("notebook", lambda: _notebook(ctx), title("notebook"), navigation=False)


def _session(ctx: AppContext) -> Any:
    from trainer.ui.learner.review_session import ReviewSessionPage

    return ReviewSessionPage(ctx)


def _notebook(ctx: AppContext) -> Any:
    from trainer.ui.learner.review_notebook import NotebookPage

    return NotebookPage(ctx)
