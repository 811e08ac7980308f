"""The HR screen's charts: completion by department, the department × competency heat map and
the distribution of average scores — the same drawing functions the PDF report uses
(``trainer.reports.figures``), shown in the app's ``ChartView`` with its colours and hover."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QGridLayout, QScrollArea, QWidget

from trainer.reports.data import ReportData
from trainer.ui.common.charts import ChartTheme, ChartView, Hover

NAMES = ("completion", "heat_map", "distribution")


class ChartsPanel(QScrollArea):
    """Three charts, redrawn whenever the screen's figures change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        body = QWidget()
        grid = QGridLayout(body)
        self.views: dict[str, ChartView] = {}
        for position, (name, height) in enumerate(zip(NAMES, (3.6, 4.4, 3.2), strict=True)):
            view = ChartView(name=f"hr-{name}", height=height)
            self.views[name] = view
            if name == "heat_map":
                grid.addWidget(view, 1, 0, 1, 2)
            else:
                grid.addWidget(view, 0, position // 2)
        self.setWidget(body)

    def show_data(self, data: ReportData) -> None:
        from trainer.reports import figures

        functions = {"completion": figures.draw_completion, "heat_map": figures.draw_heat_map,
                     "distribution": figures.draw_distribution}
        for name, view in self.views.items():
            view.set_draw(_adapter(functions[name], data))

    def figures(self) -> dict[str, Any]:
        """Chart name → matplotlib figure (tests)."""
        return {name: view.figure for name, view in self.views.items()}


def _adapter(draw: Callable[..., None], data: ReportData
             ) -> Callable[[Any, ChartTheme, Hover], None]:
    def run(figure: Any, theme: ChartTheme, hover: Hover) -> None:
        draw(figure, data, theme.series, hover)
    return run
