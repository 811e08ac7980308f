"""Markdown to HTML for one module, and the lesson style sheet for the current theme and zoom."""

from __future__ import annotations

import logging
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


def prefetch(ctx: Any, pack: Any, module: Any) -> None:
    """Render a module's Markdown in the background, so opening it later only lays it out."""
    from trainer.ui.common.work import run_work
    from trainer.ui.learner.segments import prerender

    render = renderer(pack, module)
    run_work(None, ctx, lambda _p: prerender(module, render), show_progress=False,
             on_failure=lambda exc: log.info("Prefetching %s failed: %s", module.id, exc))


def theme_of(widget: QWidget, setting: str) -> str:
    """"light" or "dark": the setting, or for "system" what the palette looks like."""
    if setting in ("light", "dark"):
        return setting
    return "dark" if widget.palette().window().color().lightness() < 128 else "light"


def stylesheet(widget: QWidget, theme_setting: str, font_size: int) -> str:
    from trainer.content.render import lesson_stylesheet

    return lesson_stylesheet(theme_of(widget, theme_setting), font_size)


def clamp_font_size(size: int) -> int:
    return max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, int(size)))
