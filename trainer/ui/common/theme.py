"""Light, dark and high-contrast themes: a Fusion palette plus a small style sheet from
``assets/styles``. High contrast (white on black, yellow focus and selection) meets WCAG AAA
7:1 for text, for people with low vision; charts and lessons follow it.

"system" follows the operating system's colour scheme (``QStyleHints.colorScheme``) and keeps
following it while the app runs. Changing the setting applies at once, without a restart.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from trainer.config import assets_dir

log = logging.getLogger(__name__)

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

# role -> (light, dark, high contrast); government-blue accent, quiet neutrals. Every text/
# background pair meets WCAG AA 4.5:1 (the high-contrast theme AAA 7:1):
# tests/ui/test_contrast.py computes them.
_COLOURS: dict[QPalette.ColorRole, tuple[str, str, str]] = {
    Role.Window: ("#f5f6f8", "#1f2227", "#000000"),
    Role.WindowText: ("#1d2129", "#e6e8eb", "#ffffff"),
    Role.Base: ("#ffffff", "#17191d", "#000000"),
    Role.AlternateBase: ("#f0f2f5", "#23262c", "#1a1a1a"),
    Role.ToolTipBase: ("#ffffff", "#2b2f36", "#000000"),
    Role.ToolTipText: ("#1d2129", "#e6e8eb", "#ffffff"),
    Role.PlaceholderText: ("#636b76", "#939aa5", "#c8c8c8"),
    Role.Text: ("#1d2129", "#e6e8eb", "#ffffff"),
    Role.Button: ("#ffffff", "#2b2f36", "#000000"),
    Role.ButtonText: ("#1d2129", "#e6e8eb", "#ffffff"),
    Role.BrightText: ("#c9252d", "#ff6b6b", "#ff8080"),
    Role.Highlight: ("#1f5fbf", "#2f6fcf", "#ffd500"),
    Role.HighlightedText: ("#ffffff", "#ffffff", "#000000"),
    Role.Link: ("#1f5fbf", "#79a8f0", "#7fc4ff"),
    Role.LinkVisited: ("#6a3fb0", "#b494ec", "#d9b3ff"),
    Role.Light: ("#ffffff", "#3a3f47", "#ffffff"),
    Role.Midlight: ("#e5e6eb", "#30343b", "#c0c0c0"),
    Role.Mid: ("#c9cdd4", "#4a4f58", "#c0c0c0"),
    Role.Dark: ("#a9aeb8", "#0f1114", "#ffffff"),
    Role.Shadow: ("#6b7079", "#000000", "#ffffff"),
}
_DISABLED_TEXT = ("#a9aeb8", "#6b717b", "#a0a0a0")  # inactive controls: WCAG sets no minimum
THEMES = ("light", "dark", "contrast")  # what a theme setting resolves to ("system" → one)


_platform_dark: bool | None = None  # the platform palette's verdict, read before we replace it


def _platform_palette_is_dark() -> bool:
    """Quick start-up guess: the platform's own palette follows its colour scheme."""
    global _platform_dark
    if _platform_dark is None:
        window = QGuiApplication.palette().color(Role.Window)
        _platform_dark = window.lightness() < 128
    return _platform_dark


def theme_kind(choice: str, *, quick: bool = False) -> str:
    """"light", "dark" or "contrast" (high contrast: white on black) for a theme setting."""
    if choice == "contrast":
        return "contrast"
    return "dark" if is_dark(choice, quick=quick) else "light"


def is_dark(choice: str, *, quick: bool = False) -> bool:
    """Whether ``choice`` ("light", "dark", "contrast" or "system") means dark right now.

    ``quick`` avoids ``QStyleHints.colorScheme()``, whose enum loads the whole Qt namespace
    (~20 ms) before the first paint; the app checks the exact answer right after it.
    """
    if choice != "system":
        return choice in ("dark", "contrast")
    if quick:
        return _platform_palette_is_dark()
    from PySide6.QtCore import Qt

    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Unknown:
        return _platform_palette_is_dark()
    return scheme == Qt.ColorScheme.Dark


def build_palette(dark: bool, kind: str | None = None) -> QPalette:
    """The palette of ``kind`` (one of ``THEMES``; by default light or dark as ``dark`` says)."""
    palette = QPalette()
    index = THEMES.index(kind or ("dark" if dark else "light"))
    for role, colours in _COLOURS.items():
        palette.setColor(role, QColor(colours[index]))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor(_DISABLED_TEXT[index]))
    return palette


def style_sheet(dark: bool, kind: str | None = None) -> str:
    """The shared style sheet with the theme's file appended (high contrast: the dark one,
    then its own); empty when the files are missing."""
    folder = assets_dir() / "styles"
    parts = []
    kind = kind or ("dark" if dark else "light")
    names = {"light": ("light.qss",), "dark": ("dark.qss",), "contrast": ("dark.qss",
                                                                          "contrast.qss")}
    for name in ("common.qss", *names[kind]):
        try:
            parts.append((folder / name).read_text(encoding="utf-8"))
        except OSError:
            log.warning("Style sheet %s is missing", folder / name)
    return "\n".join(parts)


def apply_theme(app: QApplication, choice: str, *, quick: bool = False) -> bool:
    """Apply "light", "dark", "contrast" or "system"; returns True when the result is dark.
    Does nothing when that theme is already applied."""
    _platform_palette_is_dark()  # remember the platform's palette before replacing it
    kind = theme_kind(choice, quick=quick)
    dark = kind != "light"
    if app.property("trainerDark") is not None and current_theme(app) == kind:
        return dark
    _set_style(app, dark)
    app.setPalette(build_palette(dark, kind))
    app.setStyleSheet(style_sheet(dark, kind))
    app.setProperty("trainerDark", dark)
    app.setProperty("trainerTheme", kind)
    return dark


FUSION = "Fusion"


def mark_fusion(app: QApplication) -> None:
    """Note that ``app`` was created with Fusion (``-style Fusion``), so the light theme need
    not ask ``app.style()`` (which would build PySide6's ``QStyle`` class before the first
    paint)."""
    app.setProperty("trainerStyle", "fusion")


def _set_style(app: QApplication, dark: bool) -> None:
    """Fusion (the one built-in style that honours a full palette everywhere); in the dark theme
    its variant with visible field borders. Tracked in a property: once a style sheet is set,
    ``app.style()`` is Qt's style-sheet wrapper, whose name says nothing."""
    wanted = "dark" if dark else "fusion"
    current = app.property("trainerStyle")
    if current == wanted:
        return
    if dark:
        from trainer.ui.common.dark_style import DarkStyle

        app.setStyle(DarkStyle(FUSION))
    elif current is not None or app.style().name().lower() != "fusion":
        app.setStyle(FUSION)  # (the platform default is often Fusion already: keep it)
    app.setProperty("trainerStyle", wanted)


def current_theme(app: QApplication | None = None) -> str:
    """"light", "dark" or "contrast": the applied theme (charts and lessons follow it)."""
    app = app or QApplication.instance()
    kind = app.property("trainerTheme") if app is not None else None
    if kind in THEMES and app is not None and app.property("trainerDark") is not None:
        return str(kind)
    return "dark" if current_is_dark(app) else "light"


def current_is_dark(app: QApplication | None = None) -> bool:
    """Whether the applied theme is dark (lesson and chart styling ask this)."""
    app = app or QApplication.instance()
    return bool(app and app.property("trainerDark"))
