"""Light and dark themes: a Fusion palette plus a small style sheet from ``assets/styles``.

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

# role -> (light, dark); government-blue accent, quiet neutrals.
_COLOURS: dict[QPalette.ColorRole, tuple[str, str]] = {
    Role.Window: ("#f5f6f8", "#1f2227"),
    Role.WindowText: ("#1d2129", "#e6e8eb"),
    Role.Base: ("#ffffff", "#17191d"),
    Role.AlternateBase: ("#f0f2f5", "#23262c"),
    Role.ToolTipBase: ("#ffffff", "#2b2f36"),
    Role.ToolTipText: ("#1d2129", "#e6e8eb"),
    Role.PlaceholderText: ("#86909c", "#7d8590"),
    Role.Text: ("#1d2129", "#e6e8eb"),
    Role.Button: ("#ffffff", "#2b2f36"),
    Role.ButtonText: ("#1d2129", "#e6e8eb"),
    Role.BrightText: ("#c9252d", "#ff6b6b"),
    Role.Highlight: ("#1f5fbf", "#3d7bd9"),
    Role.HighlightedText: ("#ffffff", "#ffffff"),
    Role.Link: ("#1f5fbf", "#79a8f0"),
    Role.LinkVisited: ("#6a3fb0", "#b494ec"),
    Role.Light: ("#ffffff", "#3a3f47"),
    Role.Midlight: ("#e5e6eb", "#30343b"),
    Role.Mid: ("#c9cdd4", "#4a4f58"),
    Role.Dark: ("#a9aeb8", "#0f1114"),
    Role.Shadow: ("#6b7079", "#000000"),
}
_DISABLED_TEXT = ("#a9aeb8", "#6b717b")


_platform_dark: bool | None = None  # the platform palette's verdict, read before we replace it


def _platform_palette_is_dark() -> bool:
    """Quick start-up guess: the platform's own palette follows its colour scheme."""
    global _platform_dark
    if _platform_dark is None:
        window = QGuiApplication.palette().color(Role.Window)
        _platform_dark = window.lightness() < 128
    return _platform_dark


def is_dark(choice: str, *, quick: bool = False) -> bool:
    """Whether ``choice`` ("light", "dark" or "system") means dark right now.

    ``quick`` avoids ``QStyleHints.colorScheme()``, whose enum loads the whole Qt namespace
    (~20 ms) before the first paint; the app checks the exact answer right after it.
    """
    if choice != "system":
        return choice == "dark"
    if quick:
        return _platform_palette_is_dark()
    from PySide6.QtCore import Qt

    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Unknown:
        return _platform_palette_is_dark()
    return scheme == Qt.ColorScheme.Dark


def build_palette(dark: bool) -> QPalette:
    palette = QPalette()
    index = 1 if dark else 0
    for role, colours in _COLOURS.items():
        palette.setColor(role, QColor(colours[index]))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor(_DISABLED_TEXT[index]))
    return palette


def style_sheet(dark: bool) -> str:
    """The shared style sheet with the theme's file appended; empty when the files are missing."""
    folder = assets_dir() / "styles"
    parts = []
    for name in ("common.qss", "dark.qss" if dark else "light.qss"):
        try:
            parts.append((folder / name).read_text(encoding="utf-8"))
        except OSError:
            log.warning("Style sheet %s is missing", folder / name)
    return "\n".join(parts)


def apply_theme(app: QApplication, choice: str, *, quick: bool = False) -> bool:
    """Apply "light", "dark" or "system"; returns True when the result is dark. Does nothing
    when that theme is already applied."""
    _platform_palette_is_dark()  # remember the platform's palette before replacing it
    dark = is_dark(choice, quick=quick)
    if app.property("trainerDark") is not None and bool(app.property("trainerDark")) == dark:
        return dark
    _set_style(app, dark)
    app.setPalette(build_palette(dark))
    app.setStyleSheet(style_sheet(dark))
    app.setProperty("trainerDark", dark)
    return dark


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

        app.setStyle(DarkStyle("Fusion"))
    elif current is not None or app.style().name().lower() != "fusion":
        app.setStyle("Fusion")  # (the platform default is often Fusion already: keep it)
    app.setProperty("trainerStyle", wanted)


def current_is_dark(app: QApplication | None = None) -> bool:
    """Whether the applied theme is dark (lesson and chart styling ask this)."""
    app = app or QApplication.instance()
    return bool(app and app.property("trainerDark"))
