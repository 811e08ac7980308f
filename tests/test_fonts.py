"""Chinese in charts without a system CJK font: matplotlib must find every glyph.

pytest turns "Glyph … missing from font" into an error (pyproject filterwarnings), so drawing
and saving a figure full of Chinese fails loudly if the bundled font is not used.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from trainer.config import cjk_font_file
from trainer.fonts import BUNDLED_FAMILY, PREFERRED_CJK_FAMILIES, configure_matplotlib

# Common words, plus name characters outside GB2312 (e.g. 堃 喆 珺 昇 赟 犇 镕 玥).
CHINESE = "数据治理能力 — 张堃、王喆、李珺、刘昇、陈赟、周犇、朱镕、林玥：−12.5％"


def test_bundled_font_covers_the_whole_cjk_unified_block() -> None:
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(cjk_font_file()))
    charmap = font.get_charmap()
    block = range(0x4E00, 0x9FA6)  # CJK Unified Ideographs as of Unicode 4.1
    missing = [c for c in block if c not in charmap]
    assert not missing, f"{len(missing)} ideographs missing, e.g. {chr(missing[0])}"


def test_matplotlib_draws_chinese_without_missing_glyphs(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    family = configure_matplotlib()
    assert family in (*PREFERRED_CJK_FAMILIES, BUNDLED_FAMILY)
    assert configure_matplotlib() == family  # idempotent
    fig, ax = plt.subplots()
    try:
        ax.set_title(CHINESE)
        ax.bar(["数据素养", "数据安全", "数字服务"], [-3, 50, 80])
        ax.set_xlabel("能力 competency")
        for fmt in ("png", "pdf", "svg"):
            fig.savefig(io.BytesIO(), format=fmt)
    finally:
        plt.close(fig)


def test_missing_glyph_warning_really_is_an_error() -> None:
    """Guards the guard: the pyproject filter must turn the warning into a failure."""
    import warnings

    with pytest.raises(UserWarning):
        warnings.warn("Glyph 25968 (\\N{CJK UNIFIED IDEOGRAPH-6570}) missing from font(s) "
                      "DejaVu Sans.", UserWarning, stacklevel=1)
