"""PDF report: a cover with the filters and headline figures, the three charts, the department
tables and, per department, its learners; every page numbered "page X of Y".

Drawn with QPainter on a QPdfWriter (QtGui only) with the bundled CJK font, charts rendered by
matplotlib's Agg backend. Tables are laid out first (``pdf_table``: row heights from the wrapped
text, measured with the font), so the page count is known before the first page is drawn.
Departments follow one another on a page; a table that runs on repeats its name and header.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from trainer.analytics.rounding import shown
from trainer.reports.data import ProgressFn, ReportData, rounded
from trainer.reports.output import atomic_output
from trainer.reports.pdf_table import add_table
from trainer.reports.qtpdf import PageLayout, cjk_family, ensure_gui_application
from trainer.reports.tables import (
    Column,
    department_columns,
    filter_lines,
    learner_columns,
    legend,
)

RESOLUTION = 300  # dots per inch of the PDF's coordinate system
MARGIN_MM = 15
EMPHASIS = "#1F3864"  # headings and table headers
PROGRESS_STEPS = 100  # charts 0–30, table layout 30–60, pages 60–100: a bar that keeps moving
LEARNER_KEYS = ("employee_no", "name", "job_role", "completion", "average", "attempts",
                "last_active")


def format_value(value: Any, kind: str) -> str:
    """A cell as text: one decimal for scores and percentages, like the screen."""
    if value is None or value == "":
        return "–"
    if kind in ("number", "percent"):
        return shown(value)
    if kind == "hours":  # 学时 come in quarters: 0.25 must not read 0.2
        return shown(value, 2)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


class _Pdf:
    """Fonts, metrics and the layout for one document."""

    def __init__(self, writer: Any) -> None:
        from PySide6.QtGui import QFont, QFontMetricsF

        family = cjk_family()
        self.device = writer  # fonts are measured on it
        self.width = float(writer.width())
        self.layout = PageLayout(0.0, float(writer.height()) - self._pt(24))
        self.fonts: dict[str, Any] = {}
        self.colours: dict[str, str] = {}
        for name, size, bold in (("body", 8.5, False), ("bold", 8.5, True), ("h1", 24, True),
                                 ("h2", 13, True), ("big", 16, True), ("small", 7.5, False)):
            font = QFont(family)
            font.setPointSizeF(size)
            # The bundled CJK font has no bold face; Qt's synthetic bold draws every glyph
            # twice, which doubles the text when it is copied out of the PDF. Colour instead.
            self.colours[name] = EMPHASIS if bold else "#000000"
            self.fonts[name] = font
        self.metrics = {k: QFontMetricsF(f, writer) for k, f in self.fonts.items()}
        # Widths by font, each string measured once: a 10,000-learner report has 70,000 cells
        # but few distinct values (scores, levels, roles, departments), and Qt's measuring is
        # the cost, not the lookup.
        self.measure = {k: _cached(m.horizontalAdvance) for k, m in self.metrics.items()}
        self.qcolours: dict[str, Any] = {}

    def qcolour(self, name: str) -> Any:
        """A QColor for ``name`` (a font's colour or a fill), made once per document."""
        from PySide6.QtGui import QColor

        colour = self.qcolours.get(name)
        if colour is None:
            colour = self.qcolours[name] = QColor(self.colours.get(name, name))
        return colour

    @staticmethod
    def _pt(points: float) -> float:
        return points * RESOLUTION / 72.0

    def line(self, name: str) -> float:
        return self.metrics[name].height()

    def text(self, text: str, font: str = "body", *, gap: float = 0.3, align: str = "left",
             keep: float | None = None) -> None:
        """A paragraph (wrapped to the page width, never cut), kept on a page with ``keep``
        below it (for a heading: by default three lines)."""
        from trainer.reports.pdf_wrap import wrap

        line = self.line(font)
        lines = wrap(text, self.width, self.measure[font])
        height = line * (len(lines) + gap)

        def draw(painter: Any, y: float) -> None:
            from PySide6.QtCore import QRectF, Qt
            from PySide6.QtGui import QColor

            painter.setFont(self.fonts[font])
            painter.setPen(QColor(self.colours[font]))
            flags = Qt.AlignmentFlag.AlignCenter if align == "center" else \
                Qt.AlignmentFlag.AlignLeft
            for number, piece in enumerate(lines):
                painter.drawText(QRectF(0, y + line * (number + gap / 2), self.width, line),
                                 flags | Qt.AlignmentFlag.AlignVCenter, piece)
        if keep is None:
            keep = self.line("body") * 3 if font == "h2" else 0.0
        self.layout.add(height, draw, keep=keep)

    def table(self, columns: Sequence[Column], rows: Sequence[Any], *,
              title: str | None = None) -> None:
        """A table whose header wraps to fit and repeats on every page (``pdf_table``)."""
        add_table(self, columns, rows, title=title,
                  continued=None if title is None else f"{title} …")

    def image(self, png: bytes, width_in: float, height_in: float) -> None:
        from PySide6.QtGui import QImage

        image = QImage.fromData(png)
        width = min(self.width, width_in * RESOLUTION)
        height = width * height_in / width_in

        def draw(painter: Any, y: float) -> None:
            from PySide6.QtCore import QRectF

            painter.drawImage(QRectF((self.width - width) / 2, y, width, height), image)
        self.layout.add(height + self._pt(8), draw)

def _cached(measure: Callable[[str], float]) -> Callable[[str], float]:
    """``measure`` remembering every string it has measured (one document's worth)."""
    widths: dict[str, float] = {}

    def width(text: str) -> float:
        found = widths.get(text)
        if found is None:
            found = widths[text] = measure(text)
        return found
    return width


def export_pdf(data: ReportData, out: Path, *, progress: ProgressFn | None = None) -> int:
    """Write the report; returns the number of pages."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    ensure_gui_application()
    with atomic_output(out) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(RESOLUTION)
        writer.setTitle(data.texts("report_title"))
        writer.setCreator("Trainer")
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Portrait,
                                         QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                         QPageLayout.Unit.Millimeter))
        pdf = _Pdf(writer)
        _compose(pdf, data, progress)
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"cannot write {out}")
        try:
            _render(pdf, painter, writer, data, progress)
        finally:
            painter.end()
    return len(pdf.layout.pages)


def _compose(pdf: _Pdf, data: ReportData, progress: ProgressFn | None) -> None:
    """Lay out every page (no drawing yet)."""
    from trainer.reports.figures import paper_height, render_png

    t = data.texts
    pdf.layout.skip(pdf._pt(120))
    pdf.text(t("report_title"), "h1", align="center", gap=1.0)
    pdf.text(f"{t('generated', data.zone)}: {data.generated_local:%Y-%m-%d %H:%M}",
             align="center", gap=2.0)
    pdf.text(t("filters"), "h2")
    for label, value in filter_lines(data):
        pdf.text(f"{label}: {value}")
    pdf.layout.skip(pdf._pt(12))
    average = rounded(data.mean_completion())
    for key, value in (("learners_total", str(len(data.learners))),
                       ("average_completion", format_value(average, "percent")),
                       ("attempts_total", str(data.attempts))):
        pdf.text(f"{t(key)}: {value}", "big")
    pdf.layout.skip(pdf._pt(6))
    for note in legend(data, [])[-2:]:  # the overall completion's base, the rounding rule
        pdf.text(note, "small")
    for number, (name, most) in enumerate((("completion", 4.2), ("distribution", 3.4),
                                           ("heat_map", 5.5))):
        if progress is not None:  # charts: the first 30 of 100 steps
            progress(10 * number, PROGRESS_STEPS, "charts")
        if number != 1:
            pdf.layout.new_page()
        height = paper_height(name, data, most)
        pdf.image(render_png(name, data, 7.0, height), 7.0, height)
    pdf.layout.new_page()
    for key, (columns, rows) in (("department_summary", (department_columns(data),
                                                         data.completion_with_total())),
                                 ("department_competency", _competency_matrix(data))):
        add_table(pdf, columns, rows, title=t(key), continued=t("continued", t(key)))
        if key == "department_summary":  # what each figure counts, under its table
            for note in legend(data, columns)[:-2]:
                pdf.text(note, "small")
        pdf.layout.skip(pdf.line("body"))
    _learner_tables(pdf, data, progress)


def _competency_matrix(data: ReportData) -> tuple[list[Column], list[Any]]:
    """Departments down, competencies across (the heat map's numbers as a table)."""
    cells = data.heat_map()
    everyone = {r.competency_id: r.score for r in data.overall_competency}
    label = data.texts("everyone")
    columns = [Column("department", data.texts("department"),
                      lambda d: label if d is _EVERYONE else data.department_label(d), "text", 24)]
    for competency in data.competencies:
        columns.append(Column(competency.id, competency.title, _matrix_cell(
            cells, everyone, competency.id), "number", 9))
    departments = [d for d in data.departments() if any(k[0] == d for k in cells)]
    return columns, [*departments, _EVERYONE]


_EVERYONE = object()


def _matrix_cell(cells: dict[tuple[str | None, str], float], everyone: dict[str, float],
                 competency_id: str) -> Any:
    def value(department: Any) -> float | None:
        if department is _EVERYONE:
            return rounded(everyone.get(competency_id))
        return rounded(cells.get((department, competency_id)))
    return value


def _learner_tables(pdf: _Pdf, data: ReportData, progress: ProgressFn | None) -> None:
    """Per department, its learners (in the analytics table's order). A department starts on
    the page the last one ended on when its name, header and first rows fit there, so small
    departments share pages; a table that runs on names its department again."""
    columns = {c.key: c for c in learner_columns(data)}
    chosen = [columns[k] for k in LEARNER_KEYS]
    by_department: dict[str | None, list[Any]] = {}
    for row in data.learners:
        by_department.setdefault(row.department, []).append(row)
    pdf.layout.new_page()
    for number, (department, rows) in enumerate(by_department.items()):
        if progress is not None:  # laying out the tables: steps 30–60
            progress(30 + 30 * number // len(by_department), PROGRESS_STEPS, "tables")
        title = data.texts("learners_of", data.department_label(department))
        add_table(pdf, chosen, rows, title=title, continued=data.texts("continued", title))


def _render(pdf: _Pdf, painter: Any, writer: Any, data: ReportData,
            progress: ProgressFn | None) -> None:
    from PySide6.QtCore import QRectF, Qt

    pages = pdf.layout.pages
    footer_y = pdf.layout.bottom + pdf._pt(8)
    for number, page in enumerate(pages, start=1):
        if number > 1:
            writer.newPage()
        for y, draw in page.ops:
            draw(painter, y)
        from PySide6.QtGui import QColor

        painter.setFont(pdf.fonts["small"])
        painter.setPen(QColor("#000000"))
        painter.drawText(QRectF(0, footer_y, pdf.width, pdf.line("small") * 1.5),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                         data.texts("page_of", number, len(pages)))
        if progress is not None:  # drawing the pages: steps 60–100
            progress(60 + 40 * number // len(pages), PROGRESS_STEPS, "pages")
