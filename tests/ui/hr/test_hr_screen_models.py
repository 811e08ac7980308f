"""The HR screen's item models without widgets: Qt's model checks, sorting with empty cells
last, free-text search, one-decimal display."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt

from trainer.reports.tables import Column
from trainer.ui.hr.models import ReportFilterProxy, ReportTableModel, RowRole, ValueRole, display

COLUMNS = [Column("name", "Name", lambda r: r[0]), Column("department", "Dept", lambda r: r[1]),
           Column("score", "Score", lambda r: r[2], "number"),
           Column("seen", "Seen", lambda r: r[3], "datetime")]
ROWS = [("张三", "市数据局", 81.25, datetime(2026, 3, 1, 9, 5)), ("李四", "民政局", None, None),
        ("王五", "市数据局", 99.0, None), ("赵六", "民政局", 7.5, datetime(2026, 2, 1))]


def model() -> ReportTableModel:
    built = ReportTableModel()
    built.set_rows(COLUMNS, ROWS)
    return built


def test_model_passes_qt_model_checks(qtmodeltester: Any) -> None:
    built = model()
    qtmodeltester.check(built)
    proxy = ReportFilterProxy()
    proxy.setSourceModel(built)
    qtmodeltester.check(proxy)


def test_cells_read_like_the_exports() -> None:
    built = model()
    assert built.index(0, 2).data() == "81.3"  # one decimal, 四舍五入, as every file writes it
    assert built.index(1, 2).data() == "—"
    assert built.index(0, 3).data() == "2026-03-01 09:05"
    assert built.index(0, 2).data(ValueRole) == 81.25
    assert built.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) & int(
        Qt.AlignmentFlag.AlignRight)
    assert built.headerData(2, Qt.Orientation.Horizontal) == "Score"
    assert display(None, "text") == "—"


def test_sorting_puts_empty_cells_last_both_ways() -> None:
    built = model()
    proxy = ReportFilterProxy()
    proxy.setSourceModel(built)
    proxy.sort(2, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(4)] == ["王五", "张三", "赵六", "李四"]
    proxy.sort(2, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(4)] == ["赵六", "张三", "王五", "李四"]
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 1).data() for r in range(4)] == sorted(r[1] for r in ROWS)


def test_search_needs_every_word() -> None:
    proxy = ReportFilterProxy()
    proxy.setSourceModel(model())
    proxy.set_search("市数据局 王")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data(RowRole) == ROWS[2]
    proxy.set_search("")
    assert proxy.rowCount() == 4


def test_search_finds_people_by_pinyin_after_sorting() -> None:
    rows = [*ROWS, ("曾凡", "民政局", 50.0, None)]
    built = ReportTableModel()
    built.set_rows(COLUMNS, rows)
    proxy = ReportFilterProxy()
    proxy.setSourceModel(built)
    proxy.set_search("zs")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["张三"]
    proxy.sort(2, Qt.SortOrder.DescendingOrder)  # the keys follow their rows
    proxy.set_search("zhangsan")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["张三"]
    proxy.set_search("zeng mzj")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["曾凡"]
    proxy.set_search("ceng")
    assert proxy.rowCount() == 0, "曾 as a surname is Zēng"
    built.set_rows(COLUMNS, ROWS)  # new rows: new keys
    proxy.set_search("zengfan")
    assert proxy.rowCount() == 0
