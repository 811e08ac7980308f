"""The charts of "My progress": the competency radar and the activity calendar.

Each ``draw_*`` takes plain values and translated labels and draws into a matplotlib figure with
the theme ``trainer.ui.common.charts`` supplies; hover texts are registered for every mark.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from trainer.ui.common.charts import ChartTheme, Hover


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per axis, 0–100; None = no evidence
    style: str  # "me" (filled), "target" (dashed), "group" (dotted)


def _wrap(label: str) -> str:
    """Break long axis labels: Chinese after 6 characters, English by words."""
    if label.isascii():
        return textwrap.fill(label, 18)
    lines = math.ceil(len(label) / 6)
    width = math.ceil(len(label) / lines)  # balanced: 数据意识 / 与素养, not 数据意识与素 / 养
    return "\n".join(label[i:i + width] for i in range(0, len(label), width))


def draw_radar(figure: Any, theme: ChartTheme, hover: Hover, *, labels: Sequence[str],
               series: Sequence[Series], rings: Sequence[tuple[int, str]],
               no_data: str) -> None:
    """Competencies around a circle, 0 at the centre and 100 at the rim.

    Drawn on plain axes (rings, spokes and text by hand): a polar projection builds tick
    machinery that costs more than the whole chart.
    """
    count = len(labels)
    figure.subplots_adjust(left=0.02, right=0.98, top=0.98, bottom=0.1)
    ax = figure.add_subplot()
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_xlim(-1.55, 1.55)
    ax.set_ylim(-1.3, 1.3)
    angles = [math.pi / 2 - 2 * math.pi * i / count for i in range(count)]
    cos, sin = [math.cos(a) for a in angles], [math.sin(a) for a in angles]
    ax.plot([*cos, cos[0]], [*sin, sin[0]], color=theme.grid, linewidth=0.8, zorder=1)
    web_x: list[float] = []  # the inner rings and the spokes: one line, gaps between parts
    web_y: list[float] = []
    for value, name in rings:
        r = value / 100
        web_x += [*(r * c for c in [*cos, cos[0]]), math.nan]
        web_y += [*(r * s for s in [*sin, sin[0]]), math.nan]
        if name:  # between the first two spokes, clear of the data lines on them
            middle = math.pi / 2 - math.pi / count
            ax.text(r * math.cos(middle), r * math.sin(middle), name, fontsize=7,
                    color=theme.muted, ha="left", va="bottom", zorder=1)
    for c, s in zip(cos, sin, strict=True):
        web_x += [0.0, c, math.nan]
        web_y += [0.0, s, math.nan]
    ax.plot(web_x, web_y, color=theme.grid, linewidth=0.5, zorder=1)
    for c, s, label in zip(cos, sin, labels, strict=True):
        ax.text(1.12 * c, 1.1 * s, _wrap(label), fontsize=8.5, color=theme.text,
                ha="center" if abs(c) < 0.2 else ("left" if c > 0 else "right"),
                va="center" if abs(s) < 0.9 else ("bottom" if s > 0 else "top"))
    styles = {"me": ("-", 2.2, 0.22), "target": ("--", 1.6, 0.0), "group": (":", 1.8, 0.0)}
    for index, item in enumerate(series):
        line_style, width, fill = styles[item.style]
        r = [(v if v is not None else 0.0) / 100 for v in item.values]
        xs = [v * c for v, c in zip(r, cos, strict=True)]
        ys = [v * s for v, s in zip(r, sin, strict=True)]
        colour = theme.colour(index)
        (line,) = ax.plot([*xs, xs[0]], [*ys, ys[0]], line_style, color=colour, linewidth=width,
                          marker="o" if item.style == "me" else None, markersize=4,
                          label=item.name, zorder=3)
        if fill:
            ax.fill(xs, ys, color=colour, alpha=fill, zorder=2)
        texts = [f"{item.name} · {label}: " + (f"{v:.0f}" if v is not None else no_data)
                 for label, v in zip(labels, item.values, strict=True)]
        hover.add(line, [*texts, texts[0]])
    figure.legend(loc="lower center", ncol=len(series), fontsize=8)


def calendar_grid(activity: dict[date, int], today: date, weeks: int
                  ) -> tuple[list[list[float]], list[list[date | None]]]:
    """Counts as rows Monday…Sunday × columns of weeks (oldest first); future days empty."""
    last_monday = today - timedelta(days=today.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    values = [[math.nan] * weeks for _ in range(7)]
    days: list[list[date | None]] = [[None] * weeks for _ in range(7)]
    for week in range(weeks):
        for weekday in range(7):
            day = first + timedelta(days=7 * week + weekday)
            if day <= today:
                values[weekday][week] = float(activity.get(day, 0))
                days[weekday][week] = day
    return values, days


def draw_calendar(figure: Any, theme: ChartTheme, hover: Hover, *, activity: dict[date, int],
                  today: date, weeks: int, weekday_names: Sequence[str],
                  month_names: Sequence[str], describe: Any) -> None:
    """A calendar heat map: one square per day, darker for more answers (hover: the count)."""
    from matplotlib.colors import LinearSegmentedColormap

    values, days = calendar_grid(activity, today, weeks)
    figure.subplots_adjust(left=0.08, right=0.99, top=0.97, bottom=0.14)
    ax = figure.add_subplot()
    cmap = LinearSegmentedColormap.from_list("activity", [theme.empty, theme.colour(0)]
                                             ).with_extremes(bad=theme.background)
    top = max([v for row in values for v in row if not math.isnan(v)] + [1.0])
    mesh = ax.pcolormesh(values, cmap=cmap, vmin=0, vmax=top, edgecolors=theme.background,
                         linewidth=1.5)
    flat = [describe(day, activity.get(day, 0)) if day else "" for row in days for day in row]
    hover.add(mesh, flat)
    ax.set_aspect("equal")
    ax.set_xlim(0, weeks)
    ax.set_ylim(7, 0)  # Monday on top
    ax.set_axis_off()  # labels as plain text: tick machinery cost more than the whole mesh
    for row in (0, 2, 4):
        ax.text(-0.4, row + 0.5, weekday_names[row], fontsize=7, color=theme.muted,
                ha="right", va="center")
    for week in range(weeks):
        monday = days[0][week] or (today - timedelta(days=today.weekday()))
        if monday.day <= 7:
            ax.text(week + 0.5, 7.4, month_names[monday.month - 1], fontsize=7,
                    color=theme.muted, ha="center", va="top")
