"""The report charts as a reader sees them: the legend clear of the bars, no empty courses,
whole competency titles under the heat map and nothing cut off at the figure's edges."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest

from tests.reports.export_data import Org, build_org
from trainer.reports import figures
from trainer.reports.data import ReportData


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    built = build_org(tmp_path_factory.mktemp("figures") / "data")
    yield built
    built.db.close()


def drawn(name: str, data: ReportData, width: float = 7.0, height: float = 5.5) -> Any:
    """The chart on a figure of the PDF's size, laid out as it is saved."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with figures.styled():
        fig = Figure(figsize=(width, height), dpi=72)
        FigureCanvasAgg(fig)
        figures.CHARTS[name](fig, data)
        fig.canvas.draw()
    return fig


def with_second_course(data: ReportData, factor: float) -> ReportData:
    """The same departments also taking the English course, at ``factor`` of the progress."""
    rows = list(data.completion)
    data.__dict__["completion"] = rows + [
        dataclasses.replace(r, pack_id="digital-government-en", percent=r.percent * factor)
        for r in rows]
    return data


def test_legend_sits_below_the_bars(org: Org) -> None:
    fig = drawn("completion", with_second_course(ReportData(org.db, org.packs, language="en"),
                                                  0.5))
    ax = fig.axes[0]
    assert not ax.get_legend() and len(fig.legends) == 1
    renderer = fig.canvas.get_renderer()
    legend, axes = fig.legends[0].get_window_extent(renderer), ax.get_window_extent(renderer)
    assert legend.y1 <= axes.y0  # under the axes, never over a bar
    assert len(fig.legends[0].get_texts()) == 2


def test_a_course_nobody_has_started_is_left_out(org: Org) -> None:
    data = with_second_course(ReportData(org.db, org.packs, language="en"), 0.0)
    fig = drawn("completion", data)
    assert not fig.legends
    assert len(fig.axes[0].patches) == len({r.group for r in data.completion})


@pytest.mark.parametrize(("language", "width"), [("zh_CN", 7.0), ("en", 7.0), ("en", 14.0)])
def test_heat_map_labels_are_whole_and_inside_the_figure(org: Org, language: str,
                                                         width: float) -> None:
    data = ReportData(org.db, org.packs, language=language)
    fig = drawn("heat_map", data, width)
    ax = fig.axes[0]
    labels = ax.get_xticklabels()
    for label, competency in zip(labels, data.competencies, strict=True):
        text = label.get_text()
        assert "…" not in text
        assert "".join(text.split()) == "".join(competency.title.split())  # only wrapped
    box = fig.bbox
    renderer = fig.canvas.get_renderer()
    for label in [*labels, *ax.get_yticklabels()]:
        extent = label.get_window_extent(renderer)
        assert extent.x0 >= box.x0 and extent.y0 >= box.y0 and extent.x1 <= box.x1, \
            label.get_text()


@pytest.mark.parametrize("size", [1, 3, 7])
def test_learner_counts_are_whole_numbers(org: Org, size: int) -> None:
    """The distribution counts people: its axis never reads 0.5 or 2.5 learners."""
    data = ReportData(org.db, org.packs, language="en")
    learners = data.learners[:1]
    data.__dict__["learners"] = [dataclasses.replace(learners[0], scores={"x": 55.0})] * size
    ax = drawn("distribution", data).axes[0]
    ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks), ticks
    labels = [label.get_text() for label in ax.get_yticklabels() if label.get_text()]
    assert labels and all(text.lstrip("−-").isdigit() for text in labels), labels
