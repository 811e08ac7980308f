"""The three HR charts as matplotlib figures, without Qt: completion by department, the
department × competency heat map and the distribution of learners' average scores.

The PDF renders them with the Agg backend; the HR screen draws the same functions on its own
canvas, so screen and report show one picture of one set of numbers. matplotlib is imported
inside the functions (heavy, and not needed at start-up).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from trainer.reports.data import ReportData, rounded
from trainer.reports.palette import BASE_RC, CHART_LIGHT

# The app's chart look on paper: the screen's light theme (trainer.ui.common.charts shares
# the palette and rc settings through trainer.reports.palette).
PALETTE = CHART_LIGHT  # Okabe–Ito hues, dark enough for white paper
HEAT_MAP = "YlGnBu"
STYLE: dict[str, Any] = {**BASE_RC, "axes.grid": True, "grid.alpha": 0.3}
Hover = Any  # trainer.ui.common.charts.Hover on screen (``add(artist, text)``), None on paper


def styled() -> Any:
    """A context manager applying the shared style (and the CJK font) while drawing."""
    import matplotlib

    from trainer.fonts import configure_matplotlib

    configure_matplotlib()
    return matplotlib.rc_context(STYLE)  # type: ignore[arg-type]  # keys are valid rc names


def preload() -> threading.Thread:
    """Import matplotlib and set up the CJK font on a thread (about a second) while the
    database works; join it before drawing."""
    def work() -> None:
        from matplotlib.backends import backend_agg  # noqa: F401 - the import is the point
        from matplotlib.figure import Figure

        from trainer.fonts import configure_matplotlib

        configure_matplotlib()
        Figure().add_subplot(111).text(0, 0, "预热")

    thread = threading.Thread(target=work, name="chart-preload", daemon=True)
    thread.start()
    return thread


def _short(text: str, limit: int = 14) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _wrap(text: str, latin: int, cjk: int, lines: int = 4) -> str:
    """A whole label on at most ``lines`` lines: English at word (and hyphen) breaks, ``latin``
    characters wide; Chinese before 与, then every ``cjk`` characters."""
    import textwrap

    if " " in text:
        return textwrap.fill(text, width=latin, max_lines=lines, placeholder="…",
                             break_long_words=False)
    head, joint, tail = text.partition("与")
    halves = [head, joint + tail] if joint and len(text) > cjk and len(head) >= 2 else [text]
    parts = [piece for half in halves for piece in _chunks(half, cjk)]
    return "\n".join(parts[:lines]) + ("…" if len(parts) > lines else "")


def _chunks(text: str, width: int) -> list[str]:
    """``text`` in the fewest pieces of at most ``width`` characters, evenly long."""
    count = -(-len(text) // width)
    size = -(-len(text) // max(count, 1))
    return [text[i:i + size] for i in range(0, len(text), size)] or [text]


def _column_labels(fig: Any, ax: Any, titles: list[str], size: float = 7.0) -> None:
    """Whole titles under the heat map's columns: wrapped to the column's width where every
    word fits (the wide screen), else slanted (a narrow page), never cut to "Data awa…".
    On screen the choice is made again whenever the canvas is resized."""
    def fit(_event: Any = None) -> None:
        column_pt = fig.get_figwidth() * 72 * 0.6 / max(len(titles), 1)  # axes ≈ 60% wide
        latin, cjk = int(column_pt / (size * 0.6)), max(4, int(column_pt / size))
        words = [len(word) for title in titles if " " in title  # wrap breaks at hyphens too
                 for word in title.replace("-", "- ").split()]
        if max(words, default=0) <= latin:
            ax.set_xticklabels([_wrap(t, latin, cjk) for t in titles], fontsize=size,
                               rotation=0, ha="center")
        else:
            ax.set_xticklabels([_wrap(t, 24, 6, lines=2) for t in titles], fontsize=size,
                               rotation=45, ha="right", rotation_mode="anchor")

    fit()
    canvas = fig.canvas
    if canvas is not None:
        previous = getattr(fig, "_heat_map_resize", None)  # the last drawing's handler
        if previous is not None:
            canvas.mpl_disconnect(previous)
        fig._heat_map_resize = canvas.mpl_connect("resize_event", fit)


def draw_completion(fig: Any, data: ReportData, colours: Sequence[str] = PALETTE,
                    hover: Hover = None) -> None:
    """Horizontal bars: mean completion per department, one bar per course; a course with
    nothing to draw (no participant has started it) gets no bar slot and no legend entry."""
    fig.set_layout_engine("constrained")  # re-fits the margins whenever the canvas is resized
    ax = fig.add_subplot(111)
    t = data.texts
    departments = [d for d in data.departments() if any(r.group == d for r in data.completion)]
    values = {(r.group, r.pack_id): rounded(r.percent) for r in data.completion}
    courses = list(dict.fromkeys(r.pack_id for r in data.completion))
    courses = [c for c in courses if any(values.get((d, c)) for d in departments)] or courses
    ax.set_title(t("chart_completion"))
    if not departments:
        _empty(ax, t("no_data"))
        return
    height = 0.8 / max(len(courses), 1)
    for index, course in enumerate(courses):
        ys = [y + index * height for y in range(len(departments))]
        xs = [values.get((d, course)) or 0.0 for d in departments]
        bars = ax.barh(ys, xs, height=height * 0.9, color=colours[index % len(colours)],
                       label=_short(data.course_title(course), 24))
        if hover is not None:
            for bar, dept, value in zip(bars, departments, xs, strict=True):
                hover.add(bar, f"{data.department_label(dept)}: {value:.1f}%")
    ax.set_yticks([y + height * (len(courses) - 1) / 2 for y in range(len(departments))])
    ax.set_yticklabels([_short(data.department_label(d)) for d in departments])
    ax.set_ylim(-0.5, max(len(departments), 4) - 0.5)  # one department: a bar, not a wall
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("axis_completion"))
    if len(courses) > 1:  # below the axes, never over the bars
        fig.legend(loc="outside lower center", ncols=min(len(courses), 2))


def draw_heat_map(fig: Any, data: ReportData, colours: Sequence[str] = PALETTE,
                  hover: Hover = None) -> None:
    """Departments down, competencies across, the mean score written in each cell."""
    fig.set_layout_engine("constrained")
    ax = fig.add_subplot(111)
    t = data.texts
    ax.set_title(t("chart_heatmap"))
    cells = data.heat_map()
    departments = [d for d in data.departments() if any(k[0] == d for k in cells)]
    competencies = data.competencies
    if not departments or not competencies:
        _empty(ax, t("no_data"))
        return
    import numpy as np

    grid = np.full((len(departments), len(competencies)), np.nan)
    for i, dept in enumerate(departments):
        for j, comp in enumerate(competencies):
            value = rounded(cells.get((dept, comp.id)))
            if value is not None:
                grid[i, j] = value
    image = ax.imshow(grid, cmap=HEAT_MAP, vmin=0, vmax=100, aspect="auto")
    ax.grid(False)
    ax.set_xticks(range(len(competencies)))
    _column_labels(fig, ax, [c.title for c in competencies])
    ax.set_yticks(range(len(departments)))
    ax.set_yticklabels([_short(data.department_label(d)) for d in departments])
    size = 7 if len(departments) * len(competencies) > 60 else 8
    for (i, j), value in np.ndenumerate(grid):
        if not np.isnan(value):
            ax.text(j, i, f"{value:.1f}", ha="center", va="center", fontsize=size,
                    color="white" if value >= 60 else "black")
    fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)


def draw_distribution(fig: Any, data: ReportData, colours: Sequence[str] = PALETTE,
                      hover: Hover = None) -> None:
    """How many learners reach each band of average score (evidence only)."""
    fig.set_layout_engine("constrained")
    ax = fig.add_subplot(111)
    t = data.texts
    ax.set_title(t("chart_distribution"))
    counts = data.score_histogram()
    if not any(counts):
        _empty(ax, t("no_data"))
        return
    width = 100 / len(counts)
    bars = ax.bar([i * width + width / 2 for i in range(len(counts))], counts,
                  width=width * 0.9, color=colours[0])
    if hover is not None:
        for index, (bar, count) in enumerate(zip(bars, counts, strict=True)):
            low = int(index * width)
            hover.add(bar, f"{low}–{int(low + width)}: {count}")
    ax.set_xlim(0, 100)
    ax.set_xticks([i * width for i in range(len(counts) + 1)])
    ax.set_xlabel(t("axis_score"))
    ax.set_ylabel(t("axis_learners"))
    count_axis(ax)


def count_axis(ax: Any) -> None:
    """A y axis that counts people: whole-number ticks only (no "2.5 learners"), from 0 to at
    least 1. The HR screen and the PDF draw with the same functions, so both get it."""
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    if ax.get_ylim()[1] < 1:
        ax.set_ylim(0, 1)


def _empty(ax: Any, message: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)


CHARTS = {"completion": draw_completion, "heat_map": draw_heat_map,
          "distribution": draw_distribution}


def paper_height(name: str, data: ReportData, most: float) -> float:
    """Inches of paper a chart needs: charts with a row per department grow with them."""
    if name == "distribution":
        return most
    rows = len(data.departments())
    return min(most, 1.6 + 0.32 * max(rows, 1))


def render_png(name: str, data: ReportData, width_in: float, height_in: float,
               dpi: int = 150) -> bytes:
    """One chart as PNG bytes, drawn with the Agg backend (no display needed)."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with styled():
        fig = Figure(figsize=(width_in, height_in), dpi=dpi)
        FigureCanvasAgg(fig)
        CHARTS[name](fig, data)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
