"""Text from packs, rosters and bundles never reaches Qt as rich text outside the lesson
renderer (DESIGN §7): error boxes, table tool tips and headers show it as written."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument

from trainer.content.errors import PackInvalid
from trainer.content.problems import Problem
from trainer.reports.tables import Column
from trainer.ui.common.errors import build_error_box
from trainer.ui.common.plain import plain_tip
from trainer.ui.hr.models import ReportTableModel

HOSTILE = '<img src="/etc/x.png"><b>x</b>'


def shown_as(rich_or_plain: str) -> str:
    """What Qt shows for a tool tip (it reads text that looks like HTML as HTML)."""
    document = QTextDocument()
    if GuiQt.mightBeRichText(rich_or_plain):
        document.setHtml(rich_or_plain)
    else:
        document.setPlainText(rich_or_plain)
    return document.toPlainText()


def test_a_tool_tip_shows_markup_as_written(qapp: Any) -> None:
    assert shown_as(plain_tip(HOSTILE + "\nsecond line")) == HOSTILE + "\nsecond line"
    assert plain_tip("plain words") == "plain words"


def test_an_error_box_quoting_a_pack_shows_it_as_written(qapp: Any) -> None:
    problem = Problem("course.yaml", 3, 0, "error", f"unknown key '{HOSTILE}' in course.yaml")
    box = build_error_box(None, PackInvalid(HOSTILE, [problem]))
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert HOSTILE in box.text()
    assert "/etc/x.png" in shown_as(box.informativeText())


def test_report_table_tool_tips_and_headers_are_plain(qapp: Any) -> None:
    model = ReportTableModel()
    model.set_rows([Column("title", HOSTILE, lambda row: row, "text")], [HOSTILE])
    tip = model.data(model.index(0, 0, QModelIndex()), Qt.ItemDataRole.ToolTipRole)
    assert shown_as(tip) == HOSTILE
    header = model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert shown_as(header) == HOSTILE
    assert model.headerData(0, Qt.Orientation.Horizontal) == HOSTILE
