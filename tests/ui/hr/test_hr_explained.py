"""HR figures that explain themselves, and exports that show progress and open their folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from tests.ui.hr.test_hr_screen import ctx, org, screen  # noqa: F401 - fixtures
from trainer.ui.common import work
from trainer.ui.hr.screen import HRScreen


def test_department_figures_say_what_they_count(screen: HRScreen) -> None:  # noqa: F811
    model = screen.department_model
    headers = {model.columns[c].key: model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(model.columnCount())}
    assert headers["completed"] == "学完全部单元人数"
    assert headers["passed"] == "结业考核通过人数"
    tip = model.headerData(model.column_of("passed"), Qt.Orientation.Horizontal,
                           Qt.ItemDataRole.ToolTipRole)
    assert "不要求学完其他单元" in tip
    legend = screen.department_legend.text()
    assert "学完全部单元人数：" in legend and "结业考核通过人数：" in legend
    assert "四舍五入" in legend and "全体学员平均完成度" in legend


def test_pdf_export_shows_progress_and_offers_the_folder(
        qtbot: Any, screen: HRScreen, tmp_path: Path,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    button = screen.export_button
    steps: list[tuple[int, int, str]] = []
    original = work.Progress.update

    def update(self: work.Progress, done: int, total: int = 0, label: str = "") -> None:
        steps.append((done, total, label))
        original(self, done, total, label)
    monkeypatch.setattr(work.Progress, "update", update)
    boxes: list[QMessageBox] = []

    def click_open_folder(box: QMessageBox) -> int:
        boxes.append(box)
        folder = [b for b in box.buttons()
                  if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole]
        assert [b.text() for b in folder] == [button.tr("Open Containing Folder")]
        folder[0].click()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", click_open_folder)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
                        or True)
    out = tmp_path / "reports" / "报告.pdf"
    out.parent.mkdir()
    button.ask_path = lambda *_args: out  # type: ignore[method-assign]
    with qtbot.waitSignal(button.export("pdf", "", ".pdf").finished, timeout=60_000):
        pass
    assert out.exists()
    labels = {label.split("\n")[-1] for _, _, label in steps}
    names = button.step_labels()
    assert {names["charts"], names["tables"], names["pages"]} <= labels
    assert all("报告.pdf" in label for _, _, label in steps)  # under the file's name
    done = [d for d, _, _ in steps]
    assert done == sorted(done) and steps[-1][:2] == (100, 100)
    assert boxes and "报告.pdf" in boxes[0].text()
    assert opened == [str(out.parent)]
