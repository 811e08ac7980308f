"""QtGui pieces for PDF output with no display: a GUI application on demand, the bundled CJK
font, and a page layout that knows its page count before drawing (for "page X of Y").

Only QtGui is used (DESIGN §1), so ``trainer report export`` works on a headless machine.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from trainer.config import cjk_font_file

_family: str | None = None


def ensure_gui_application() -> Any:
    """The running Q(Gui)Application, or a new offscreen one for the command line."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["trainer"])
    return app


def cjk_family() -> str:
    """Register the bundled CJK font with Qt once; its family name (a system fallback if absent)."""
    global _family
    if _family is None:
        from PySide6.QtGui import QFontDatabase

        font_id = QFontDatabase.addApplicationFont(str(cjk_font_file()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _family = families[0] if families else "Sans Serif"
    return _family


Draw = Callable[[Any, float], None]  # draw(painter, top y)


@dataclass
class Page:
    ops: list[tuple[float, Draw]] = field(default_factory=list)


class PageLayout:
    """Collects blocks (height + drawing function) into pages, top to bottom."""

    def __init__(self, top: float, bottom: float) -> None:
        self.top = top
        self.bottom = bottom
        self.pages: list[Page] = [Page()]
        self.y = top

    def new_page(self) -> None:
        if self.pages[-1].ops:
            self.pages.append(Page())
        self.y = self.top

    def room(self) -> float:
        return self.bottom - self.y

    def add(self, height: float, draw: Draw, *, keep: float = 0.0) -> None:
        """Place a block; start a new page first if it (plus ``keep`` below) does not fit."""
        if self.y + height + keep > self.bottom and self.y > self.top:
            self.new_page()
        self.pages[-1].ops.append((self.y, draw))
        self.y += height

    def skip(self, height: float) -> None:
        self.y = min(self.y + height, self.bottom)
