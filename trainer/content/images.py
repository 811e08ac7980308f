"""Image sizes read from file headers, so wide pictures can be scaled to fit a lesson.

QTextBrowser shows an image at its natural size and has no ``max-width``; a 1,920-pixel
screenshot would need sideways scrolling. Reading a header costs far less than decoding.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

MAX_WIDTH = 720  # CSS pixels; a lesson column at the default window size


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) for PNG, GIF, JPEG, BMP and simple SVG files; None when unknown."""
    try:
        with path.open("rb") as stream:
            head = stream.read(64 * 1024)
    except OSError:
        return None
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        return struct.unpack("<HH", head[6:10])
    if head.startswith(b"BM") and len(head) >= 26:
        width, height = struct.unpack("<ii", head[18:26])
        return width, abs(height)
    if head.startswith(b"\xff\xd8"):
        return _jpeg_size(head)
    if path.suffix.lower() == ".svg":
        return _svg_size(head.decode("utf-8", "replace"))
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            index += 1
            continue
        marker = data[index + 1]
        length = struct.unpack(">H", data[index + 2:index + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE,
                      0xCF):
            height, width = struct.unpack(">HH", data[index + 5:index + 9])
            return width, height
        index += 2 + length
    return None


def _svg_size(text: str) -> tuple[int, int] | None:
    tag = re.search(r"<svg\b[^>]*>", text)
    if tag is None:
        return None
    width = re.search(r'\bwidth\s*=\s*["\']\s*([\d.]+)\s*(?:px)?\s*["\']', tag[0])
    height = re.search(r'\bheight\s*=\s*["\']\s*([\d.]+)\s*(?:px)?\s*["\']', tag[0])
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    return None


def fitted_size(path: Path, max_width: int = MAX_WIDTH) -> tuple[int, int] | None:
    """A smaller (width, height) when the image is wider than ``max_width``, else None."""
    size = image_size(path)
    if size is None or size[0] <= max_width or size[0] <= 0:
        return None
    width, height = size
    return max_width, max(1, round(height * max_width / width))
