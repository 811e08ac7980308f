"""Pay for a lesson's first opening before the learner asks for it (DESIGN §6: ≤ 30 ms).

A lesson opened for the first time in a session used to cost about four times a cached one:
python-markdown and its extensions were imported and set up, the Markdown was rendered, and
Qt built its enum types, font caches and the exercise widgets' code paths on the GUI thread.
All of that can be done while the learner is still reading the sign-in or library screen:

- ``warm_up_lessons`` (once, after the first paint): a worker imports and sets up the Markdown
  converter and renders the bundled starter pack (every exercise type); then the GUI thread
  builds that pack's modules off screen, one per idle moment, and throws them away;
- ``prefetch_starts`` (library shown): each course's Markdown for the module it opens at;
- ``prefetch_course`` (a course opened): the rest of the course, next modules first.

Rendering fills ``content.render``'s cache, so the reader only lays the HTML out.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QTimer

from trainer.ui.learner.rendering import renderer
from trainer.ui.learner.segments import prerender

log = logging.getLogger(__name__)

WARM_UP_DELAY_MS = 400  # after the first paint: the window is up, the learner is reading
_warmed = False


def start_module(pack: Any, states: dict[str, Any]) -> str:
    """The module a course opens at: the one touched last, else the first."""
    if states:
        return max(states.values(), key=lambda s: s.updated_at).module_id
    return pack.modules[0].id


def _render_modules(pairs: Iterable[tuple[Any, Any]]) -> int:
    count = 0
    for pack, module in pairs:
        count += prerender(module, renderer(pack, module))
    return count


def _in_background(ctx: Any, pairs: list[tuple[Any, Any]], what: str) -> None:
    from trainer.ui.common.work import run_work

    if pairs:
        run_work(None, ctx, lambda _p: _render_modules(pairs), show_progress=False,
                 on_failure=lambda exc: log.info("Prefetching %s failed: %s", what, exc))


def prefetch_module(ctx: Any, pack: Any, module: Any) -> None:
    """Render one module in the background (the library's "Continue" then opens from the cache)."""
    _in_background(ctx, [(pack, module)], module.id)


def prefetch_starts(ctx: Any, packs: Iterable[Any], states: dict[str, dict[str, Any]]) -> None:
    """Render, in the background, the module each course on the library opens at."""
    pairs = []
    for pack in packs:
        if pack.modules:
            module_id = start_module(pack, states.get(pack.id, {}))
            module = next((m for m in pack.modules if m.id == module_id), pack.modules[0])
            pairs.append((pack, module))
    _in_background(ctx, pairs, "the courses' first modules")


def prefetch_course(ctx: Any, pack: Any, index: int) -> None:
    """Render, in the background, every module of a course but ``index``, nearest after it
    first (the Markdown cache holds a whole course; see ``content.render``)."""
    count = len(pack.modules)
    order = [pack.modules[(index + step) % count] for step in range(1, count)]
    _in_background(ctx, [(pack, m) for m in order], pack.id)


def warm_up_lessons(ctx: Any) -> None:
    """Once per process: set up Markdown and the lesson widgets' code paths off the path."""
    global _warmed
    if _warmed:
        return
    _warmed = True
    from trainer.ui.common.language import resolve_language
    from trainer.ui.common.work import run_work

    language = "en" if resolve_language(ctx.settings.get("language")) == "en" else "zh-CN"
    run_work(None, ctx, lambda _p: _load_starter(language), show_progress=False,
             on_success=lambda pack: _build_off_screen(pack) if pack is not None else None,
             on_failure=lambda exc: log.info("Warming up the reader failed: %s", exc))


def _load_starter(language: str) -> Any:
    """The starter pack in ``language`` ("zh-CN" or "en"), rendered (on a worker thread)."""
    from trainer.content.loader import load_pack
    from trainer.content.starter import STARTER_DIR

    pack = load_pack(STARTER_DIR / language)
    _render_modules((pack, m) for m in pack.modules)
    return pack


def _build_off_screen(pack: Any) -> None:
    """Build each module view of ``pack`` on the GUI thread, one per idle moment: lay it out,
    paint it into a pixmap, never show it, throw it away."""
    modules = [m for m in pack.modules if m.kind != "assessment"]

    def step() -> None:
        if not modules:
            return
        from trainer.ui.learner.lesson import LessonView
        from trainer.ui.learner.rendering import DEFAULT_FONT_SIZE

        module = modules.pop(0)
        try:
            view = LessonView(pack, module, renderer(pack, module), "", has_previous=True,
                              has_next=True, font_size=DEFAULT_FONT_SIZE)
            view.complete()  # every card too (a real opening builds those below the fold later)
            view.resize(1000, 700)
            view.grab()
            view.deleteLater()
        except Exception:  # noqa: BLE001 - a warm-up must never disturb the learner
            log.exception("Warming up the reader with %s failed", module.id)
        QTimer.singleShot(0, step)

    QTimer.singleShot(0, step)
