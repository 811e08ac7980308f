"""A course certificate as a one-page PDF (A4 landscape), in Chinese with an English line under
each part, drawn with QPdfWriter and QPainter (QtGui only: works on a machine with no display).

The bundled CJK font is embedded, so the PDF reads the same on any computer.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from trainer.analytics.certificates import Certificate
from trainer.reports.output import ExportError, atomic_output
from trainer.reports.qtpdf import cjk_family, ensure_gui_application

log = logging.getLogger(__name__)

ACCENT = QColor("#1f5fbf")
INK = QColor("#1d2129")
MUTED = QColor("#5c6370")


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont(cjk_family())
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


class _Page:
    """Draws in points on a device of any resolution (fonts are sized by Qt in points)."""

    def __init__(self, painter: QPainter, k: float, width: float, height: float) -> None:
        self.painter, self.k = painter, k
        self.box = QRectF(48, 40, width - 96, height - 80)

    def line(self, y: float, height: float, text: str, font: QFont, colour: QColor) -> float:
        """Centred text in a band from y (points); returns the band's bottom."""
        k = self.k
        self.painter.setFont(font)
        self.painter.setPen(colour)
        self.painter.drawText(QRectF(self.box.left() * k, y * k, self.box.width() * k,
                                     height * k),
                              int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)
        return y + height

    def rect(self, inset: float, width: float, width_pt: float, height_pt: float) -> None:
        self.painter.setPen(QPen(ACCENT, width * self.k))
        self.painter.drawRect(QRectF(inset * self.k, inset * self.k,
                                     (width_pt - 2 * inset) * self.k,
                                     (height_pt - 2 * inset) * self.k))

    def rule(self, y: float) -> None:
        self.painter.setPen(QPen(ACCENT, 0.8 * self.k))
        self.painter.drawLine(int((self.box.left() + 60) * self.k), int(y * self.k),
                              int((self.box.right() - 60) * self.k), int(y * self.k))


def _draw(page: _Page, width: float, height: float, cert: Certificate) -> None:
    page.rect(12, 3, width, height)
    page.rect(20, 0.8, width, height)
    day_zh = f"{cert.passed_on.year} 年 {cert.passed_on.month} 月 {cert.passed_on.day} 日"
    y = page.box.top() + 24
    y = page.line(y, 54, "结 业 证 书", _font(32, True), ACCENT)
    y = page.line(y, 24, "Certificate of Completion", _font(14), MUTED) + 40
    y = page.line(y, 40, f"{cert.name}（工号 {cert.employee_no}）", _font(24, True), INK)
    y = page.line(y, 22, f"{cert.name} (employee no. {cert.employee_no})", _font(11), MUTED)
    y += 22
    y = page.line(y, 60, f"完成了课程《{cert.course}》的学习，\n并于 {day_zh}通过结业测验，"
                         f"成绩 {cert.score} 分。", _font(16), INK)
    page.line(y + 4, 36, f"has completed the course “{cert.course}” and passed its final "
                         f"assessment on {cert.passed_on.isoformat()} with a score of "
                         f"{cert.score}.", _font(11), MUTED)
    bottom = page.box.bottom() - 64
    page.rule(bottom)
    y = page.line(bottom + 8, 24, f"验证码 Verification code:  {cert.code}", _font(13, True), INK)
    page.line(y + 2, 30, f"核验方法：运行 trainer certificate verify {cert.code}，或在“我的进度”中"
                         "选择“核验证书”。\nTo check it, run the command above or use "
                         "“Check a Certificate Code” in My progress.", _font(8.5), MUTED)


def write_certificate_pdf(cert: Certificate, path: str | Path) -> Path:
    """Write the certificate (atomically); a clear error when the file cannot be written."""
    ensure_gui_application()
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    with atomic_output(target) as temp:
        writer = QPdfWriter(str(temp))
        writer.setTitle(f"结业证书 — {cert.course} — {cert.name}")
        writer.setCreator("Trainer")
        writer.setResolution(300)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Landscape,
                                         QMarginsF(0, 0, 0, 0)))
        painter = QPainter()
        if not painter.begin(writer):
            raise ExportError(f"{target}: cannot write this file.",
                              hint="Check that the folder is writable.")
        try:
            size = writer.pageLayout().fullRect(QPageLayout.Unit.Point)
            page = _Page(painter, writer.resolution() / 72.0, size.width(), size.height())
            _draw(page, size.width(), size.height(), cert)
        finally:
            painter.end()
        del writer  # flushes and closes the file before it is renamed
    log.info("Certificate %s written to %s", cert.code, target)
    return target
