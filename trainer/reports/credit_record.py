"""学时证明 / learning record as a PDF (A4 portrait): per person their courses, dates, 学时 and
final-assessment results, the total, and the verification code ``trainer certificate verify``
checks. One person per document, or a whole unit in one document (a page or more each).

Chinese with English beside it, as the certificates are; drawn with the report writer's
QPainter layout (QtGui only, the bundled CJK font embedded), written atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from trainer.analytics.credit_records import CourseLine, CreditRecord
from trainer.content.credits import shown
from trainer.reports.output import atomic_output
from trainer.reports.pdf_report import MARGIN_MM, RESOLUTION, _Pdf
from trainer.reports.qtpdf import ensure_gui_application
from trainer.reports.tables import Column


def _day(day: date) -> str:
    return f"{day.year}-{day.month:02d}-{day.day:02d}"


def _result(line: CourseLine) -> str:
    result = line.result
    if result is None:
        return "—"
    return f"{'通过' if result.passed else '未通过'} {result.score:.0f}"


COLUMNS = (
    Column("course", "课程 Course", lambda c: c.title, width=30),
    Column("dates", "学习日期 Dates", lambda c: _day(c.first) if c.first == c.last
           else f"{_day(c.first)} – {_day(c.last)}", width=25),
    Column("modules", "完成模块 Modules", lambda c: str(c.modules), width=9),
    Column("hours", "学时 Hours", lambda c: shown(c.hours), width=9),
    Column("result", "结业考核 Final (score)", _result, width=12),
    Column("assessed", "考核日期 Taken on",
           lambda c: _day(c.assessed_on) if c.assessed_on else "—", width=12),
)


def _period(record: CreditRecord) -> str:
    return f"{record.year} 年度 / year {record.year}" if record.year else "全部年度 / all years"


def _person(pdf: _Pdf, record: CreditRecord) -> None:
    pdf.text("学 时 证 明", "h1", align="center", gap=0.4)
    pdf.text("Learning record (credit hours)", "small", align="center", gap=1.5)
    pdf.text(f"姓名 Name：{record.name}    工号 Employee no.：{record.employee_no}", "h2")
    pdf.text(f"单位 Unit：{record.department or '—'}    期间 Period：{_period(record)}")
    pdf.layout.skip(pdf._pt(8))
    if record.courses:
        pdf.table(COLUMNS, record.courses)
    else:
        pdf.text("本期间没有获得学时。 No credit hours were earned in this period.")
    pdf.text(f"合计 Total：{shown(record.hours)} 学时 credit hours", "big", gap=1.0)
    pdf.text(f"出具日期 Issued：{_day(record.issued_on)}")
    pdf.text(f"验证码 Verification code：{record.code}", "h2")
    pdf.text(f"核验：trainer certificate verify {record.code}（在出具证明的电脑或服务器上）",
             "small")
    pdf.text("Verify: run the command above on the computer (or server) that issued this "
             "record.", "small")


def write_record_pdf(records: Sequence[CreditRecord], out: Path) -> int:
    """Write the records into one PDF (each person from a new page); returns the page count."""
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter, QPdfWriter

    ensure_gui_application()
    with atomic_output(Path(out)) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(RESOLUTION)
        writer.setTitle("学时证明 Learning record")
        writer.setCreator("Trainer")
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Portrait,
                                         QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                         QPageLayout.Unit.Millimeter))
        pdf = _Pdf(writer)
        starts: list[int] = []
        for record in records:
            pdf.layout.new_page()
            starts.append(len(pdf.layout.pages) - 1)
            _person(pdf, record)
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"cannot write {out}")
        try:
            pages = pdf.layout.pages
            owner = _owners(starts, records, len(pages))
            for number, page in enumerate(pages, start=1):
                if number > 1:
                    writer.newPage()
                for y, draw in page.ops:
                    draw(painter, y)
                painter.setFont(pdf.fonts["small"])
                painter.setPen(QColor("#000000"))
                painter.drawText(QRectF(0, pdf.layout.bottom + pdf._pt(8), pdf.width,
                                        pdf.line("small") * 1.5),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                                 f"{owner[number - 1]}  ·  第 {number} 页，共 {len(pages)} 页")
        finally:
            painter.end()
    return len(pdf.layout.pages)


def _owners(starts: list[int], records: Sequence[CreditRecord], pages: int) -> list[str]:
    """Each page's footer names whose record it is (a unit's document is handed out by page)."""
    owners: list[str] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else pages
        owners += [f"{records[index].name} ({records[index].employee_no})"] * (end - start)
    return owners or [""] * pages


def total_hours(records: Sequence[CreditRecord]) -> Decimal:
    return sum((r.hours for r in records), Decimal("0.00"))


def describe(record: Any) -> str:
    """One line for the command line and the verification answer."""
    period = f"in {record.year}" if record.year else "in all years"
    return (f"学时证明 of {record.name} ({record.employee_no}): {shown(record.hours)} credit "
            f"hours {period}, issued {record.issued_on.isoformat()}.")
