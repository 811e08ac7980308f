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
    measure = pdf.measure["body"]
    ascent = pdf.metrics["body"].ascent()
    lefts = [sum(widths[:i]) + pad for i in range(len(widths))]
    cells = [(column.value, column.kind, column.kind == "text", left, left + width)
             for column, left, width in zip(columns, lefts, inner, strict=True)]
    draw_row = _row_drawer(pdf, sum(widths))
    for index, item in enumerate(rows):
        # Where each line of each cell goes, worked out once here: drawing is then one call
        # per line at a point, not Qt's text layout in a rectangle per cell.
        texts: list[tuple[float, float, str]] = []
        lines = 1
        for value, kind, text, left, right in cells:
            shown = format_value(value(item), kind)
            if text:
                wrapped = wrap(shown, right - left, measure)
                if len(wrapped) == 1:  # centred in the row, like a number
                    texts.append((left, -1, shown))
                    continue
                lines = max(lines, len(wrapped))
                texts += [(left, number, piece) for number, piece in enumerate(wrapped)]
            else:
                texts.append((right - measure(shown), -1, shown))
        height = max(min_row, lines * line + line * 0.5)
        middle = line * 0.25 + (height - line * 0.5 - line) / 2 + ascent  # a one-line cell
        placed = [(x, middle if number < 0 else line * (0.25 + number) + ascent, piece)
                  for x, number, piece in texts]
        if pdf.layout.y + height > pdf.layout.bottom:
            pdf.layout.new_page()
            if continued is not None:
                pdf.text(continued, "h2")
            pdf.layout.add(header[0], header[1])
        pdf.layout.add(height, draw_row(placed, height, index % 2 == 1))
    pdf.layout.skip(min_row)


def _header(pdf: _Pdf, texts: list[str], inner: list[float], pad: float
            ) -> tuple[float, Any]:
    """The header's height and drawer: a font small enough (down to 70 %) that every word
    fits its cell whole, then wrapped between words (English) or characters (Chinese)."""
    from PySide6.QtGui import QFont, QFontMetricsF

    scale = fitting_scale(texts, inner, pdf.measure["bold"])
    font = QFont(pdf.fonts["bold"])
    font.setPointSizeF(pdf.fonts["bold"].pointSizeF() * scale)
    metrics = QFontMetricsF(font, pdf.device)
    lines = [wrap(text, width, metrics.horizontalAdvance) for text, width in zip(
        texts, inner, strict=True)]
    height = max(len(c) for c in lines) * metrics.height() + 2 * pad
    widths = [w + 2 * pad for w in inner]

    def draw(painter: Any, y: float) -> None:
        from PySide6.QtCore import QRectF, Qt

        painter.fillRect(QRectF(0, y, sum(widths), height), pdf.qcolour(HEADER_FILL))
        painter.setFont(font)
        painter.setPen(pdf.qcolour("bold"))
        x = 0.0
        for cell, width in zip(lines, widths, strict=True):
            for number, text in enumerate(cell):
                painter.drawText(QRectF(x + pad, y + pad + number * metrics.height(),
                                        width - 2 * pad, metrics.height()),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 text)
            x += width
    return height, draw


def _row_drawer(pdf: _Pdf, width: float) -> Any:
    """A function making one row's drawer from its placed lines (x, baseline below the row's
    top, text); a shaded row gets a light fill first."""
    def make(placed: list[tuple[float, float, str]], height: float, shade: bool) -> Any:
        def draw(painter: Any, y: float) -> None:
            from PySide6.QtCore import QPointF, QRectF

            if shade:
                painter.fillRect(QRectF(0, y, width, height), pdf.qcolour(SHADE_FILL))
            painter.setFont(pdf.fonts["body"])
            painter.setPen(pdf.qcolour("body"))
            for x, baseline, text in placed:
                painter.drawText(QPointF(x, y + baseline), text)
        return draw
    return make
