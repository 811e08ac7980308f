"""Tables in the PDF report: headers that wrap inside their cells and grow the row to fit,
text cells that wrap rather than lose their end, and on every page a table runs onto its name
("… (continued)") and its header again.

Widths come from the columns' character widths; heights from the wrapped lines, measured with
the font's own metrics (``pdf_wrap``), so nothing is cut and the page count is known before
the first page is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from trainer.reports.pdf_wrap import fitting_scale, wrap
from trainer.reports.tables import Column

if TYPE_CHECKING:
    from trainer.reports.pdf_report import _Pdf

HEADER_FILL = "#DCE6F1"
SHADE_FILL = "#F3F6FA"


def add_table(pdf: _Pdf, columns: Sequence[Column], rows: Sequence[Any], *,
              title: str | None = None, continued: str | None = None) -> None:
    """Lay out ``rows`` under a header; ``title`` (an h2 line) is kept with the header and the
    first rows, and ``continued`` heads every further page of the table."""
    from trainer.reports.pdf_report import format_value

    total = sum(c.width for c in columns)
    widths = [pdf.width * c.width / total for c in columns]
    pad = pdf._pt(3)
    inner = [w - 2 * pad for w in widths]
    header = _header(pdf, [c.header for c in columns], inner, pad)
    line = pdf.line("body")
    min_row = line * 1.5
    if title is not None:
        pdf.text(title, "h2", keep=header[0] + 2 * min_row)
    pdf.layout.add(header[0], header[1], keep=2 * min_row)
    measure = pdf.metrics["body"].horizontalAdvance
    for index, item in enumerate(rows):
        cells: list[list[str]] = []
        for column, width in zip(columns, inner, strict=True):
            text = format_value(column.value(item), column.kind)
            cells.append(wrap(text, width, measure) if column.kind == "text" else [text])
        height = max(min_row, max(len(c) for c in cells) * line + line * 0.5)
        if pdf.layout.y + height > pdf.layout.bottom:
            pdf.layout.new_page()
            if continued is not None:
                pdf.text(continued, "h2")
            pdf.layout.add(header[0], header[1])
        pdf.layout.add(height, _drawer(pdf, cells, columns, widths, height, pad,
                                       shade=index % 2 == 1))
    pdf.layout.skip(min_row)


def _header(pdf: _Pdf, texts: list[str], inner: list[float], pad: float
            ) -> tuple[float, Any]:
    """The header's height and drawer: a font small enough (down to 70 %) that every word
    fits its cell whole, then wrapped between words (English) or characters (Chinese)."""
    from PySide6.QtGui import QFont, QFontMetricsF

    scale = fitting_scale(texts, inner, pdf.metrics["bold"].horizontalAdvance)
    font = QFont(pdf.fonts["bold"])
    font.setPointSizeF(pdf.fonts["bold"].pointSizeF() * scale)
    metrics = QFontMetricsF(font, pdf.device)
    lines = [wrap(text, width, metrics.horizontalAdvance) for text, width in zip(
        texts, inner, strict=True)]
    height = max(len(c) for c in lines) * metrics.height() + 2 * pad
    widths = [w + 2 * pad for w in inner]

    def draw(painter: Any, y: float) -> None:
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor

        painter.fillRect(QRectF(0, y, sum(widths), height), QColor(HEADER_FILL))
        painter.setFont(font)
        painter.setPen(QColor(pdf.colours["bold"]))
        x = 0.0
        for cell, width in zip(lines, widths, strict=True):
            for number, text in enumerate(cell):
                painter.drawText(QRectF(x + pad, y + pad + number * metrics.height(),
                                        width - 2 * pad, metrics.height()),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 text)
            x += width
    return height, draw


def _drawer(pdf: _Pdf, cells: list[list[str]], columns: Sequence[Column],
            widths: list[float], height: float, pad: float, *, shade: bool) -> Any:
    line = pdf.line("body")

    def draw(painter: Any, y: float) -> None:
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor

        if shade:
            painter.fillRect(QRectF(0, y, sum(widths), height), QColor(SHADE_FILL))
        painter.setFont(pdf.fonts["body"])
        painter.setPen(QColor(pdf.colours["body"]))
        x = 0.0
        top = y + line * 0.25
        for cell, width, column in zip(cells, widths, columns, strict=True):
            align = (Qt.AlignmentFlag.AlignLeft if column.kind == "text"
                     else Qt.AlignmentFlag.AlignRight)
            tall = line if len(cell) > 1 else height - line * 0.5
            for number, text in enumerate(cell):
                painter.drawText(QRectF(x + pad, top + number * line, width - 2 * pad, tall),
                                 align | Qt.AlignmentFlag.AlignVCenter, text)
            x += width
    return draw
