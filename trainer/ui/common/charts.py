"""Charts for every screen: the one place that styles matplotlib for Trainer.

Screens hand a ``draw(figure, theme, hover)`` function to a ``ChartView``; the view owns the
canvas, follows the app's light or dark palette, shows values on hover, and saves the chart as
PNG or SVG. matplotlib (about 0.4 s of imports) is never imported at start-up:
``preload_in_background()`` imports it in a worker thread once the first screen is up, and
``ensure_matplotlib()`` finishes the job (or waits for it) when a chart is first needed.
Colours come from the Okabe–Ito palette, which stays distinguishable with colour-blindness.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from trainer.reports.palette import BASE_RC, CHART_CONTRAST, CHART_DARK, CHART_LIGHT
from trainer.ui.common.plain import plain_tip

log = logging.getLogger(__name__)

SERIES_LIGHT = CHART_LIGHT  # Okabe–Ito hues (colour-blind safe), shared with the PDF reports
SERIES_DARK = CHART_DARK
SERIES_CONTRAST = CHART_CONTRAST  # the high-contrast theme: 7:1 on its black background
SAVE_FORMATS = ("png", "svg")

WARM_FONT_SIZES = (7, 8, 8.5)  # the sizes screens' charts use besides the default (9)
_lock = threading.Lock()
_ready = False


@dataclass(frozen=True)
class ChartTheme:
    """Colours for one chart, taken from the widget's palette so charts match the app."""

    dark: bool
    background: str
    text: str
    muted: str
    grid: str
    series: tuple[str, ...]
    empty: str  # cells or areas with no data (calendar days without activity)

    def colour(self, index: int) -> str:
        return self.series[index % len(self.series)]

    def rc(self) -> dict[str, Any]:
        """matplotlib settings for this theme (used with ``matplotlib.rc_context``)."""
        return {
            "figure.facecolor": self.background, "axes.facecolor": self.background,
            "savefig.facecolor": self.background, "text.color": self.text,
            "axes.labelcolor": self.text, "axes.edgecolor": self.grid,
            "xtick.color": self.muted, "ytick.color": self.muted, "grid.color": self.grid,
            **BASE_RC, "svg.fonttype": "path", "axes.prop_cycle": _cycler(self.series),
        }


def _cycler(colours: Sequence[str]) -> Any:
    from cycler import cycler

    return cycler(color=list(colours))


def theme_from_palette(palette: QPalette) -> ChartTheme:
    """Light or dark chart colours from a Qt palette (window colour decides which); the
    high-contrast theme's brighter series when that theme is applied."""
    from trainer.ui.common.theme import current_theme

    window = palette.color(QPalette.ColorRole.Window)
    dark = window.lightness() < 128
    contrast = dark and current_theme() == "contrast"
    return ChartTheme(
        dark=dark, background=window.name(),
        text=palette.color(QPalette.ColorRole.WindowText).name(),
        muted=palette.color(QPalette.ColorRole.PlaceholderText).name(),
        grid=palette.color(QPalette.ColorRole.Mid).name(),
        series=SERIES_CONTRAST if contrast else SERIES_DARK if dark else SERIES_LIGHT,
        empty="#2b2f36" if dark else "#e5e6eb")


def ensure_matplotlib() -> None:
    """Import matplotlib's Qt canvas and teach it the CJK font; idempotent and thread-safe."""
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        import matplotlib.figure  # noqa: F401 - the import is the point
        from matplotlib.backends import backend_agg  # noqa: F401 - not its Qt backend

        from trainer.fonts import configure_matplotlib

        configure_matplotlib()
        _warm_up()
        _ready = True


def _warm_up() -> None:
    """Draw a small chart of every kind the screens use, off screen, with Chinese text: loads
    the CJK font, the glyph code paths and matplotlib's lazily imported modules now, in the
    background, instead of when the learner opens the first chart."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import LinearSegmentedColormap
    from matplotlib.figure import Figure

    figure = Figure(figsize=(3, 2))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.plot([0, 1], [0, 1], "--", marker="o", label="数据")
    ax.fill([0, 1, 1], [0, 0, 1], alpha=0.2)
    bars = ax.barh([0, 1], [30, 60])
    ax.bar_label(bars, labels=["30%", "60%"])
    cmap = LinearSegmentedColormap.from_list("w", ["#fff", "#000"]).with_extremes(bad="#fff")
    ax.pcolormesh([[0.0, 1.0], [2.0, float("nan")]], cmap=cmap, vmin=0, vmax=3,
                  edgecolors="#fff", linewidth=1)  # NaN: numpy.ma is a slow first import
    ax.set_aspect("equal")
    ax.invert_yaxis()
    ax.tick_params(length=0)
    ax.spines["left"].set_visible(False)
    ax.text(0, 0, "数据意识与素养 Data 0123456789%：，。")
    for size in WARM_FONT_SIZES:  # matplotlib looks a font up once per size and family
        ax.text(0, 1, "图 Chart", fontsize=size)
    ax.set_xticks([0, 1], ["一月", "Feb"])
    figure.legend(loc="lower center")
    figure.suptitle("课程完成情况")
    figure.canvas.draw()
    if threading.current_thread() is not threading.main_thread():
        _forget_thread_fonts()


def _forget_thread_fonts() -> None:
    """Drop the fonts the warm-up opened in its worker thread. matplotlib caches an opened font
    per thread (FreeType objects must not cross threads), so the GUI thread opens its own when
    it draws its first chart; the worker's copies, the CJK one with its large tables, stayed
    resident for nothing once the thread ended (about 0.6 MB). The GUI thread has drawn nothing
    yet (it waits for ``ensure_matplotlib``), so it loses nothing."""
    from matplotlib import font_manager

    cached = getattr(font_manager, "_get_font", None)  # private: absent in another version
    if callable(getattr(cached, "cache_clear", None)):
        cached.cache_clear()


def preload_in_background() -> threading.Thread:
    """Start importing the chart libraries in a daemon thread (call after the first paint).

    First stops PySide keeping the source of every imported module (``ui.common.memory``):
    matplotlib's and SQLAlchemy's would cost about 38 MB; and glibc keeping freed heap.
    """
    from trainer.ui.common.memory import drop_import_sources, return_freed_memory

    drop_import_sources()

    def work() -> None:
        return_freed_memory()  # here: its ctypes import stays off the GUI thread
        try:
            ensure_matplotlib()
        except Exception:  # noqa: BLE001 - the dashboard will report it when it is opened
            log.exception("Preloading matplotlib failed")

    thread = threading.Thread(target=work, name="chart-preload", daemon=True)
    thread.start()
    return thread


def save_figure(figure: Any, path: str | Path) -> Path:
    """Write the figure as PNG (150 dpi) or SVG (text as paths: Chinese shows anywhere)."""
    target = Path(path)
    kind = target.suffix.lower().lstrip(".")
    if kind not in SAVE_FORMATS:
        target, kind = target.with_suffix(".png"), "png"
    figure.savefig(target, format=kind, dpi=150 if kind == "png" else None,
                   facecolor=figure.get_facecolor(), bbox_inches="tight")
    return target


class Hover:
    """Values shown in a tooltip when the mouse is over a bar, a point or a cell."""

    def __init__(self) -> None:
        self.targets: list[tuple[Any, Callable[[dict[str, Any]], str | None]]] = []

    def add(self, artist: Any, text: str | Sequence[str] | Callable[[dict[str, Any]], str | None]
            ) -> None:
        """``text``: one string, one per point (Line2D/collection index), or a function."""
        if callable(text):
            self.targets.append((artist, text))
        elif isinstance(text, str):
            self.targets.append((artist, lambda _info, t=text: t))
        else:
            labels = list(text)
            self.targets.append((artist, lambda info, ls=labels: _pick(ls, info)))

    def text_at(self, event: Any) -> str | None:
        for artist, text in reversed(self.targets):
            hit, info = artist.contains(event)
            if hit:
                return text(info)
        return None

    def clear(self) -> None:
        self.targets.clear()


def _pick(labels: list[str], info: dict[str, Any]) -> str | None:
    index = info.get("ind")
    if index is None or len(index) == 0:
        return None
    return labels[int(index[0])] if int(index[0]) < len(labels) else None


DrawFunction = Callable[[Any, ChartTheme, Hover], None]


def _canvas_class() -> type:
    """The charts' Qt canvas: matplotlib's Agg renderer in a plain widget that draws when Qt
    paints (``chart_canvas``; matplotlib's Qt backend would add ~3 MB for its toolbar)."""
    from trainer.ui.common.chart_canvas import canvas_class

    return canvas_class()


class ChartView(QWidget):
    """A matplotlib canvas styled like the app, with hover values and Save as PNG/SVG."""

    def __init__(self, draw: DrawFunction | None = None, *, name: str = "chart",
                 height: float = 3.2,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ensure_matplotlib()
        from matplotlib.figure import Figure

        self._draw, self.name = draw, name
        self.hover = Hover()
        self.figure = Figure(figsize=(5.0, height))  # each chart sets its margins: a layout engine
        # costs a full extra text layout on every draw
        self.canvas = _canvas_class()(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumHeight(int(height * 60))
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(self._menu)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.save_button = QToolButton()
        self.save_button.setAutoRaise(True)
        self.save_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.retranslate()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addStretch(1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.canvas)
        self.theme = theme_from_palette(self.palette())
        if draw is not None:
            self.redraw()

    def set_draw(self, draw: DrawFunction | None) -> None:
        """Replace what the chart shows (new data; None: an empty chart) and draw it."""
        self._draw = draw
        self.redraw()

    def redraw(self) -> None:
        """Draw from scratch with the current palette's theme."""
        import matplotlib

        self.theme = theme_from_palette(self.palette())
        self.hover.clear()
        self.figure.clear()
        with matplotlib.rc_context(self.theme.rc()):
            self.figure.set_facecolor(self.theme.background)
            if self._draw is not None:
                self._draw(self.figure, self.theme, self.hover)
        self.canvas.draw_idle()

    def save(self, path: str | Path) -> Path:
        return save_figure(self.figure, path)

    def retranslate(self) -> None:
        """The Save button and its menu in the interface language (again after a switch)."""
        self.save_button.setText(self.tr("Save…"))
        self.save_button.setToolTip(self.tr("Save this chart as a PNG or SVG image"))
        old = self.save_button.menu()
        self.save_button.setMenu(self.save_menu())
        if old is not None:
            old.deleteLater()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif (event.type() == QEvent.Type.PaletteChange
                and theme_from_palette(self.palette()) != self.theme):
            self.redraw()

    def _on_motion(self, event: Any) -> None:
        text = self.hover.text_at(event) if event.inaxes is not None else None
        if text:
            QToolTip.showText(self.canvas.mapToGlobal(QPoint(int(event.x),
                              int(self.canvas.height() - event.y))), plain_tip(text),
                              self.canvas)  # names from packs: never HTML
        else:
            QToolTip.hideText()

    def save_menu(self) -> QMenu:
        """"Save as PNG…" and "Save as SVG…", for the context menu and any Save button."""
        menu = QMenu(self)
        for kind, text in (("png", self.tr("Save as PNG…")), ("svg", self.tr("Save as SVG…"))):
            action = QAction(text, menu)
            action.triggered.connect(lambda _=False, k=kind: self.ask_and_save(k))
            menu.addAction(action)
        return menu

    def _menu(self, position: QPoint) -> None:
        self.save_menu().exec(self.canvas.mapToGlobal(position))

    def ask_and_save(self, kind: str = "png") -> Path | None:
        """Ask where to save (PNG or SVG) and write the chart there."""
        names = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)")}
        filters = ";;".join([names[kind], *(v for k, v in names.items() if k != kind)])
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save Chart"),
                                                f"{self.name}.{kind}", filters)
        if not chosen:
            return None
        try:
            return self.save(chosen)
        except OSError as exc:
            from trainer.ui.common.errors import present_error

            present_error(self, exc)
            return None
