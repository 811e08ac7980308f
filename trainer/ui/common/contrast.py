"""WCAG 2.1 contrast between two colours (pure Python: the themes' test and tools use it).

WCAG 1.4.3 asks 4.5:1 for text (3:1 for large text: 18 pt, or 14 pt bold), 1.4.11 asks 3:1 for
graphics such as chart series and control borders, and 1.4.6 (AAA, our high-contrast theme)
7:1 for text. GB/T 37668-2019 takes the same figures.
"""

from __future__ import annotations

TEXT = 4.5  # normal text, WCAG 1.4.3 (AA)
LARGE_TEXT = 3.0  # 18 pt or 14 pt bold text, WCAG 1.4.3 (AA)
GRAPHICS = 3.0  # chart series, icons, focus indicators, WCAG 1.4.11 (AA)
ENHANCED = 7.0  # text in the high-contrast theme, WCAG 1.4.6 (AAA)


def _rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` (or ``#rgb``) as three 0–255 values."""
    hex_digits = colour.strip().lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    if len(hex_digits) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    value = int(hex_digits, 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def relative_luminance(colour: str) -> float:
    """The WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 (none) to 21 (black on white)."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)
