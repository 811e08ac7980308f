"""matplotlib's Agg renderer in a plain QWidget: what Trainer's charts need of a Qt canvas.

``matplotlib.backends.backend_qtagg`` also brings its navigation toolbar, its figure-options
editor and QtSvg (about 3 MB resident, for features no chart here shows). This canvas does what
the charts use — paint the rendered figure, follow the widget's size and device pixel ratio, and
report mouse motion for the hover values — and draws when Qt paints rather than on a zero-delay
timer: while a new page's layout settles its charts are resized several times, and a timer draw
in between would be thrown away (the radar cost the dashboard's first opening ~50 ms twice).

matplotlib is imported when ``canvas_class()`` is first called, never at import.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QSize, Qt
from PySide6.QtGui import QCursor, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

_class: type | None = None


def canvas_class() -> type:
    """The canvas class (built once, importing matplotlib's Agg backend)."""
    global _class
    if _class is None:
        _class = _build()
    return _class


def _build() -> type:
    from matplotlib.backend_bases import LocationEvent, MouseEvent, ResizeEvent
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    class AggCanvas(FigureCanvasAgg, QWidget):  # type: ignore[misc] - as matplotlib's own
        """A figure rendered by Agg and painted by Qt; ``draw_idle`` draws at the next paint."""

        def __init__(self, figure: Any) -> None:
            super().__init__(figure=figure)  # FigureCanvasBase calls QWidget.__init__
            self._draw_pending = False
            self._is_drawing = False
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
            self.setMouseTracking(True)
            self.resize(*self.get_width_height())

        def draw(self) -> None:
            """Render now (tests and saving call this directly) and ask Qt to paint."""
            if self._is_drawing:
                return
            self._is_drawing = True
            try:
                super().draw()
            finally:
                self._is_drawing = False
            self.update()

        def draw_idle(self, *_args: Any, **_kwargs: Any) -> None:
            if not self._is_drawing:
                self._draw_pending = True
                self.update()  # hidden: drawn when shown

        def print_figure(self, *args: Any, **kwargs: Any) -> None:
            super().print_figure(*args, **kwargs)
            self._draw_pending = True  # saving at another dpi replaced the screen renderer

        def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
            if self._draw_pending and self.width() > 0 and self.height() > 0:
                self._draw_pending = False
                with self._idle_draw_cntx():
                    try:
                        self.draw()
                    except Exception:  # noqa: BLE001 - a broken chart must not end the app
                        log.exception("Drawing a chart failed")
            if not hasattr(self, "renderer"):
                return
            buffer = self.buffer_rgba()  # the renderer's pixels, not a copy
            image = QImage(buffer, buffer.shape[1], buffer.shape[0],
                           QImage.Format.Format_RGBA8888)
            image.setDevicePixelRatio(self.device_pixel_ratio)
            painter = QPainter(self)
            try:
                painter.eraseRect(event.rect())
                painter.drawImage(QPoint(0, 0), image)  # clipped to the region to repaint
            finally:
                painter.end()

        def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
            ratio = self.device_pixel_ratio
            self.figure.set_size_inches(event.size().width() * ratio / self.figure.dpi,
                                        event.size().height() * ratio / self.figure.dpi,
                                        forward=False)
            QWidget.resizeEvent(self, event)
            ResizeEvent("resize_event", self)._process()
            self.draw_idle()

        def event(self, event: QEvent) -> bool:
            if event.type() in (QEvent.Type.Show, QEvent.Type.DevicePixelRatioChange):
                self._follow_pixel_ratio()
            return QWidget.event(self, event)

        def _follow_pixel_ratio(self) -> None:
            if self._set_device_pixel_ratio(self.devicePixelRatioF() or 1):
                self.resizeEvent(QResizeEvent(self.size(), self.size()))

        def _coordinates(self, position: Any) -> tuple[float, float]:
            """Qt's logical position as matplotlib's: physical pixels, origin bottom left."""
            ratio = self.device_pixel_ratio
            return position.x() * ratio, (self.get_width_height()[1] - position.y()) * ratio

        def mouseMoveEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
            MouseEvent("motion_notify_event", self, *self._coordinates(event.position()),
                       guiEvent=event)._process()

        def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
            position = self.mapFromGlobal(QCursor.pos())
            LocationEvent("figure_leave_event", self, *self._coordinates(position),
                          guiEvent=event)._process()

        def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
            return QSize(*self.get_width_height())

        def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
            return QSize(10, 10)

    return AggCanvas
