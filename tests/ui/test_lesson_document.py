"""What QTextDocument really makes of lesson HTML: call-outs as coloured one-row tables, data
tables with their own borders, anchors for headings, theme colours from the style sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument, QTextTable

from trainer.content.render import render_markdown
from trainer.content.styles import DARK, LIGHT, lesson_stylesheet

TEXT = """# 数据共享

> [!WARNING] 注意
> 不要通过私人渠道获取数据。

| 类型 | 例子 |
| --- | --- |
| 有条件共享 | 社保缴纳明细 |
"""


def document(theme: str, tmp_path: Path) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultStyleSheet(lesson_stylesheet(theme, 15))
    doc.setHtml(render_markdown(TEXT, tmp_path, tmp_path))
    return doc


def tables(doc: QTextDocument) -> list[QTextTable]:
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


@pytest.mark.parametrize(("theme", "palette"), [("light", LIGHT), ("dark", DARK)])
def test_call_out_is_a_coloured_bar_and_body(theme: str, palette: object, qapp: object,
                                             tmp_path: Path) -> None:
    doc = document(theme, tmp_path)  # keep it alive while its tables are used
    callout, data = tables(doc)
    assert (callout.rows(), callout.columns()) == (1, 2)
    bar, body, _title = palette.callouts["warning"]  # type: ignore[attr-defined]
    assert callout.cellAt(0, 0).format().background().color().name() == bar
    assert callout.cellAt(0, 1).format().background().color().name() == body
    assert "不要通过私人渠道获取数据。" in callout.cellAt(0, 1).firstCursorPosition().block().next().text()
    # the data table keeps its own look: header shaded, body cells not painted like call-outs
    assert (data.rows(), data.columns()) == (2, 2)
    assert data.format().border() >= 1
    assert data.cellAt(0, 0).format().background().color().name() == palette.table_head  # type: ignore[attr-defined]
    assert data.cellAt(1, 0).format().background().style().name == "NoBrush"


def test_headings_have_anchors(qapp: object, tmp_path: Path) -> None:
    doc = document("light", tmp_path)
    names = []
    block = doc.begin()
    while block.isValid():
        for fragment in (block.begin(),):
            if not fragment.atEnd():
                names += fragment.fragment().charFormat().anchorNames()
        block = block.next()
    assert "数据共享" in names
