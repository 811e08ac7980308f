"""CJK fonts without Qt: the bundled font file, and matplotlib set up to draw Chinese.

Base layer (beside ``config``), so ``analytics``/``reports`` may use it. matplotlib is imported
only inside ``configure_matplotlib`` — call it right before drawing the first chart.
"""

from __future__ import annotations

import logging
from pathlib import Path

from trainer.config import cjk_font_file

log = logging.getLogger(__name__)

# System CJK families that look better than the bundled fallback, best first.
PREFERRED_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
)
BUNDLED_FAMILY = "Droid Sans Fallback"

_configured: str | None = None


def configure_matplotlib() -> str:
    """Make matplotlib draw Chinese; returns the CJK family chosen. Idempotent and cheap after once.

    The bundled file is registered with matplotlib's font manager directly: its cached font list
    never sees fonts added after the cache was built. Latin text stays in DejaVu Sans (which has
    the minus sign and digits); matplotlib falls back per glyph to the CJK family.
    """
    global _configured
    if _configured is not None:
        return _configured
    from matplotlib import font_manager, rcParams

    font_file: Path = cjk_font_file()
    if font_file.exists():
        font_manager.fontManager.addfont(str(font_file))
    else:  # a broken installation; the system font may still save the day
        log.warning("Bundled CJK font %s is missing", font_file)
    available = {entry.name for entry in font_manager.fontManager.ttflist}
    chosen = next((f for f in PREFERRED_CJK_FAMILIES if f in available), BUNDLED_FAMILY)
    # Fallback works across the families of ``font.family`` (a generic name resolves to one font).
    rcParams["font.family"] = ["DejaVu Sans", chosen]
    rcParams["font.sans-serif"] = ["DejaVu Sans", chosen, *rcParams["font.sans-serif"]]
    rcParams["axes.unicode_minus"] = True
    _configured = chosen
    log.info("matplotlib draws Chinese with %s", chosen)
    return chosen
