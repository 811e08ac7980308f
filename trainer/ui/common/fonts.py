"""Chinese in every widget: register the bundled CJK font with Qt, preferring a system one.

On a machine with only Latin fonts (DejaVu) Qt would draw boxes for Chinese. The bundled
Droid Sans Fallback covers all of CJK Unified Ideographs, including the rarer characters in
staff names that GB2312 lacks. Qt's ordinary font fallback finds an application font, and the
application font's family list names it explicitly as well.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from trainer.config import cjk_font_file
from trainer.fonts import PREFERRED_CJK_FAMILIES

log = logging.getLogger(__name__)

_family: str | None = None


def install_cjk_font(app: QGuiApplication) -> str:
    """Pick the CJK family (system first, else the bundled file) and add it to the app font.

    Returns the family's name. Safe to call more than once.
    """
    global _family
    if _family is None:
        _family = _system_cjk_family() or _register_bundled()
    font = QFont(app.font())
    families = [f for f in font.families() if f != _family] or [font.family()]
    font.setFamilies([*families, _family])
    app.setFont(font)
    return _family


def cjk_family() -> str | None:
    """The family ``install_cjk_font`` chose, or None before it ran."""
    return _family


def _system_cjk_family() -> str | None:
    installed = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    return next((f for f in PREFERRED_CJK_FAMILIES if f in installed), None)


def _register_bundled() -> str:
    path = cjk_font_file()
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.error("Could not load the bundled CJK font %s; Chinese may show as boxes", path)
        return "Droid Sans Fallback"
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    log.info("Using the bundled CJK font %s (%s)", family, path.name)
    return family
