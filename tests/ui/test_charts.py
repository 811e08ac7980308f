"""The shared chart module: lazy import, themes from the palette, hover values, PNG/SVG files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from trainer.ui.common.charts import SERIES_DARK, SERIES_LIGHT, ChartView, preload_in_background
from trainer.ui.common.theme import build_palette


def bars(figure: Any, theme: Any, hover: Any) -> None:
    ax = figure.add_subplot()
    drawn = ax.bar(["数据共享", "数据安全"], [40, 75], color=[theme.colour(0), theme.colour(1)])
    for patch, value in zip(drawn.patches, (40, 75), strict=True):
        hover.add(patch, f"得分 {value}")
    ax.set_title("部门平均 Department mean")


def test_importing_the_module_does_not_import_matplotlib() -> None:
    code = "import sys, trainer.ui.common.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert out.stdout.strip() == "False"


def test_preload_finishes_in_the_background() -> None:
    thread = preload_in_background()
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert "matplotlib.backends.backend_agg" in sys.modules
    # matplotlib's Qt backend (toolbar, figure options, QtSvg: ~3 MB) is never needed
    assert "matplotlib.backends.backend_qtagg" not in sys.modules
    assert "matplotlib.backends.qt_editor.figureoptions" not in sys.modules


def test_theme_follows_the_palette(qtbot: Any) -> None:
    view = ChartView(bars, name="t")
    qtbot.addWidget(view)
    view.setPalette(build_palette(dark=False))
    assert not view.theme.dark and view.theme.series == SERIES_LIGHT
    view.setPalette(build_palette(dark=True))
    assert view.theme.dark and view.theme.series == SERIES_DARK
    face = view.figure.get_facecolor()
    assert sum(face[:3]) / 3 < 0.3  # redrawn on a dark background
    title = view.figure.axes[0].title
    assert title.get_color() == view.theme.text


def test_hover_shows_the_value_under_the_mouse(qtbot: Any) -> None:
    from matplotlib.backend_bases import MouseEvent

    view = ChartView(bars, name="t")
    qtbot.addWidget(view)
    view.canvas.draw()
    patch = view.figure.axes[0].patches[1]
    x, y = patch.get_x() + patch.get_width() / 2, patch.get_height() / 2
    px, py = view.figure.axes[0].transData.transform((x, y))
    event = MouseEvent("motion_notify_event", view.canvas, px, py)
    assert view.hover.text_at(event) == "得分 75"
    outside = MouseEvent("motion_notify_event", view.canvas, 1, 1)
    assert view.hover.text_at(outside) is None


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip, offscreen
def test_hover_follows_the_real_mouse(qtbot: Any) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QToolTip

    view = ChartView(bars, name="t")
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.figure.stale)
    patch = view.figure.axes[0].patches[1]
    x, y = patch.get_x() + patch.get_width() / 2, patch.get_height() / 2
    px, py = view.figure.axes[0].transData.transform((x, y))
    ratio = view.canvas.device_pixel_ratio
    where = QPoint(int(px / ratio), int(view.canvas.height() - py / ratio))
    qtbot.mouseMove(view.canvas, where)
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    assert QToolTip.text() == "得分 75"
    qtbot.mouseMove(view.canvas, QPoint(2, 2))
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_the_canvas_follows_its_size_and_paints_the_figure(qtbot: Any) -> None:
    view = ChartView(bars, name="t")
    qtbot.addWidget(view)
    view.resize(640, 360)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.figure.stale)
    ratio = view.canvas.device_pixel_ratio
    assert view.canvas.get_width_height(physical=True) == (
        round(view.canvas.width() * ratio), round(view.canvas.height() * ratio))
    image = view.canvas.grab().toImage()
    colours = {image.pixelColor(x, image.height() // 2).name()
               for x in range(0, image.width(), 4)}
    assert len(colours) > 2  # the bars are on screen, not an empty widget


def test_save_png_and_svg(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    view = ChartView(bars, name="t")
    qtbot.addWidget(view)
    png = view.save(tmp_path / "chart.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = view.save(tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "<text" not in svg  # text as paths: Chinese shows without the font
    monkeypatch.setattr("trainer.ui.common.charts.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "asked.svg"), ""))
    assert view.ask_and_save("svg") == tmp_path / "asked.svg"
    menu = view.save_button.menu()  # the visible Save… button; the context menu is the same
    assert [a.text() for a in menu.actions()] == ["Save as PNG…", "Save as SVG…"]


def test_unknown_suffix_saves_png(qtbot: Any, tmp_path: Path) -> None:
    view = ChartView(bars, name="t")
    qtbot.addWidget(view)
    assert view.save(tmp_path / "chart.bmp").suffix == ".png"

