"""Line breaking for PDF table cells: English wraps between words, Chinese between characters,
and nothing is ever cut off.

Pure Python with a ``measure(text) -> width`` callback (the PDF passes Qt's font metrics), so
the rules are tested without Qt. Closing punctuation stays with the character before it and
opening punctuation with the one after (a line never starts with "，" or ends with "（").
A hyphenated word may break after its hyphen. A single word wider than the cell is the only thing broken inside a word, between characters;
``fitting_scale`` lets the caller shrink a header's font first so that this does not happen.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Measure = Callable[[str], float]

_CJK = "\u2e80-\u303e\u3040-\u9fff\uf900-\ufaff"  # ideographs, kana, CJK punctuation
_OPEN = "（(“‘《「【〈"
_CLOSE = "）)”’》」】〉，。、：；！？%"
# a word may break after its hyphen ("Digital-" | "government"), as English typesetting does
_TOKEN = re.compile(
    rf"[{_OPEN}]*(?:[{_CJK}]|[^\s{_CJK}{re.escape(_OPEN + _CLOSE)}-]+-*|-+)?"
    rf"[{re.escape(_CLOSE)}]*")


def tokens(text: str) -> list[tuple[str, bool]]:
    """(piece, space before it): words, single CJK characters, punctuation held to them."""
    found: list[tuple[str, bool]] = []
    position = 0
    for match in _TOKEN.finditer(text):
        piece = match.group()
        if not piece:
            continue
        found.append((piece, match.start() > position and text[position:match.start()].isspace()
                      and bool(found)))
        position = match.end()
    return found


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """``text`` as lines no wider than ``width`` (an empty text is one empty line)."""
    if not text or measure(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for piece, spaced in tokens(text):
        joined = f"{line} {piece}" if line and spaced else line + piece
        if measure(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        line = piece
        while measure(line) > width and len(line) > 1:  # one word wider than the cell
            cut = _longest_prefix(line, width, measure)
            lines.append(line[:cut])
            line = line[cut:]
    lines.append(line)
    return lines


def _longest_prefix(text: str, width: float, measure: Measure) -> int:
    cut = 1
    while cut < len(text) and measure(text[:cut + 1]) <= width:
        cut += 1
    return cut


def fitting_scale(texts: list[str], widths: list[float], measure: Measure, *,
                  smallest: float = 0.7) -> float:
    """The font scale (≤ 1, ≥ ``smallest``) at which every word of every text fits its
    cell whole, so headers wrap between words and never inside one."""
    scale = 1.0
    for text, width in zip(texts, widths, strict=True):
        for piece, _ in tokens(text):
            wide = measure(piece)
            if wide > width > 0:
                scale = min(scale, width / wide)
    return max(smallest, scale)
