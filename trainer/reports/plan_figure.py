"""The units' completion of a plan as a bar chart (matplotlib, no Qt): drawn on paper for the
PDF and on the HR plan tab's canvas, so both show one picture of one set of numbers."""

from __future__ import annotations

from typing import Any

from trainer.analytics.plan_report import NO_UNIT, PlanReport
from trainer.analytics.rounding import rounded, shown
from trainer.reports.figures import PALETTE, styled
from trainer.reports.plan_tables import plan_text

MAX_BARS = 30


def draw_completion(fig: Any, report: PlanReport, language: str | None) -> None:
    """Horizontal bars: each unit's share (%) of people who completed the plan, sub-units
    indented under their unit."""
    units = list(report.units)[:MAX_BARS]
    ax = fig.add_subplot(111)
    labels = [plan_text("no_unit", language) if u.unit == NO_UNIT
              else "└ " * min(u.depth, 1) + u.unit.rsplit("/", 1)[-1] for u in units]
    shares = [rounded(100.0 * u.share) or 0.0 for u in units]
    positions = list(range(len(units)))[::-1]
    bars = ax.barh(positions, shares, color=[PALETTE[min(u.depth, len(PALETTE) - 1)]
                                             for u in units])
    ax.set_yticks(positions, labels)
    ax.set_xlim(0, 100)
    ax.set_xlabel(plan_text("complete_share", language))
    ax.set_title(plan_text("chart_title", language))
    for bar, share, unit in zip(bars, shares, units, strict=True):
        inside = share > 75  # a long bar holds its label, which would run off the axes
        ax.text(share - 1 if inside else share + 1, bar.get_y() + bar.get_height() / 2,
                f"{shown(100.0 * unit.share, 0)}% ({unit.complete}/{unit.people})", va="center",
                fontsize=7,
                ha="right" if inside else "left", color="white" if inside else "black")
    fig.tight_layout()


def chart_height(report: PlanReport) -> float:
    """Inches: room for every unit's bar and label (a line of type each), at least three."""
    return max(3.0, 1.2 + 0.2 * min(len(report.units), MAX_BARS))


def completion_png(report: PlanReport, language: str | None, width: float, height: float
                   ) -> bytes:
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with styled():
        fig = Figure(figsize=(width, height), dpi=150)
        FigureCanvasAgg(fig)
        draw_completion(fig, report, language)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    return buffer.getvalue()
