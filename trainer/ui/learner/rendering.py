"""Markdown to HTML for one module, and the lesson style sheet for the current theme and zoom."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

DEFAULT_FONT_SIZE = 15
MIN_FONT_SIZE, MAX_FONT_SIZE = 11, 30


def module_dir(pack: Any, module: Any) -> Path:
    """The folder a module's relative image paths start from."""
    return (Path(pack.root) / module.file).parent


class ModuleRenderer:
    """``render(markdown) -> html`` for text of this module (sanitised, images inside the
    pack); ``render.cached(markdown)`` is the HTML only if it is already rendered."""

    def __init__(self, pack: Any, module: Any) -> None:
        self.base = module_dir(pack, module)
        self.root = Path(pack.root)
        self.language = pack.language

    def __call__(self, text: str) -> str:
        from trainer.content.render import render_markdown

        return render_markdown(text, self.base, self.root, self.language)

    def cached(self, text: str) -> str | None:
        from trainer.content.render import cached_markdown

        return cached_markdown(text, self.base, self.root, self.language)


def renderer(pack: Any, module: Any) -> ModuleRenderer:
    return ModuleRenderer(pack, module)


def theme_of(widget: QWidget, setting: str) -> str:
    """"light", "dark" or "contrast": the setting, or for "system" what the palette looks like."""
    if setting in ("light", "dark", "contrast"):
        return setting
    return "dark" if widget.palette().window().color().lightness() < 128 else "light"


def stylesheet(widget: QWidget, theme_setting: str, font_size: int) -> str:
    from trainer.content.render import lesson_stylesheet

    return lesson_stylesheet(theme_of(widget, theme_setting), font_size)


def clamp_font_size(size: int) -> int:
    return max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, int(size)))


RENDER_NOW_CHARS = 2_000  # shorter text renders in a few milliseconds: no worker needed


class BackgroundRender:
    """``render`` for one view that never renders long Markdown on the GUI thread.

    Text already rendered (the course prefetches the next module) or short comes back at once;
    longer text comes back as itself, escaped, and its HTML is rendered by a worker when the
    view calls ``start``, then handed to whatever registered with ``when_ready``.
    """

    def __init__(self, render: Callable[[str], str], ctx: Any = None) -> None:
        self.render = render
        self.ctx = ctx
        self.pending: dict[str, list[Callable[[str], None]]] = {}
        self.cancelled = False

    def cancel(self) -> None:
        """The view is going: HTML still being rendered is not handed to its widgets."""
        self.cancelled = True
        self.pending = {}

    def now(self, text: str) -> str | None:
        """The HTML if it can be had now, else None (and the text is queued)."""
        cached = getattr(self.render, "cached", None)
        if self.ctx is None or cached is None:
            return self.render(text)
        html = cached(text)
        if html is None and len(text) <= RENDER_NOW_CHARS:
            html = self.render(text)
        if html is None:
            self.pending.setdefault(text, [])
        return html

    def __call__(self, text: str) -> str:
        from trainer.content.render import plain_html

        html = self.now(text)
        return html if html is not None else plain_html(text)

    def when_ready(self, text: str, apply: Callable[[str], None]) -> None:
        if text in self.pending:
            self.pending[text].append(apply)

    def start(self, owner: QWidget) -> None:
        """Render the queued texts on a worker, in order; each ``apply`` runs on the GUI thread
        (unless ``owner`` is gone). A failure shows the escaped text instead."""
        if not self.pending:
            return
        from shiboken6 import isValid

        from trainer.content.render import plain_html
        from trainer.ui.common.work import run_work

        waiting, self.pending = self.pending, {}
        texts, render = list(waiting), self.render

        def show(htmls: list[str]) -> None:
            if isValid(owner) and not self.cancelled:
                for text, html in zip(texts, htmls, strict=True):
                    for apply in waiting[text]:
                        apply(html)

        def failed(exc: BaseException) -> None:
            log.warning("Rendering in the background failed: %s", exc)
            show([plain_html(text) for text in texts])

        run_work(owner, self.ctx, lambda _p: [render(text) for text in texts],
                 show_progress=False, on_success=show, on_failure=failed)


def watch_card(deferred: BackgroundRender, card: Any) -> None:
    """An exercise card built with ``deferred``: its question gets the HTML when it is ready,
    and its explanation is rendered ahead, so grading shows it at once."""
    exercise = card.exercise
    deferred.when_ready(exercise.question, card.question.setText)
    if exercise.explanation and deferred.now(exercise.explanation) is None:
        deferred.when_ready(exercise.explanation, lambda _html: card.refresh_explanation())
