"""Charts are rasterised when Qt paints them: once, at their final size, and not while hidden."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from trainer.ui.common.charts import ChartView


def line(figure: Any, theme: Any, hover: Any) -> None:
    ax = figure.add_subplot()
    ax.plot([1, 2, 3], [20, 60, 40], color=theme.colour(0))
    ax.set_title("学习活跃度 Activity")


def counted(view: ChartView) -> list[tuple[int, int]]:
    """Sizes at which the view's canvas rendered its figure."""
    sizes: list[tuple[int, int]] = []
    render = view.canvas.draw

    def draw() -> None:
        sizes.append(view.canvas.get_width_height())
        render()

    view.canvas.draw = draw
    return sizes


def test_a_hidden_chart_is_drawn_once_shown_at_its_final_size(qtbot: Any) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    view = ChartView(line, name="t")
    QVBoxLayout(page).addWidget(view)
    draws = counted(view)
    view.set_draw(line)  # new data while hidden
    qtbot.wait(30)
    assert draws == []
    page.resize(400, 300)
    page.show()
    page.resize(700, 500)  # the layout settles after the first resize
    qtbot.waitUntil(lambda: bool(draws))
    qtbot.wait(30)
    assert draws == [(view.canvas.width(), view.canvas.height())]
    assert not view.figure.stale


def test_a_visible_chart_redraws_with_new_data(qtbot: Any) -> None:
    view = ChartView(line, name="t")
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    draws = counted(view)
    view.set_draw(lambda figure, theme, hover: figure.add_subplot().bar([0, 1], [3, 5]))
    qtbot.waitUntil(lambda: bool(draws))
    assert not view.figure.stale and len(view.figure.axes[0].patches) == 2
