"""A push button whose long text gives way with "…" instead of widening the whole page.

Module and course titles are long in English ("Lesson 4: Building and sharing data together: …");
a plain QPushButton refuses to be narrower than its text, so one long title pushed the dashboard
past a 1280-pixel window. The full text stays in ``full_text()`` and the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from trainer.ui.common.plain import plain_tip

MIN_CHARACTERS = 12  # never narrower than about this many characters


class ElidingButton(QPushButton):
    """QPushButton that elides its text to the width it is given."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *,
                 mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        super().__init__(parent)
        self._mode = mode  # ElideMiddle keeps the end of the text ("… 5 exercises to master")
        self._full = ""
        self._tip = ""
        self._measured: tuple[int, int, int] | None = None  # padding, full width, height
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        self._measured = None
        self._elide()

    def setToolTip(self, tip: str) -> None:  # noqa: N802 - Qt's name
        """The tooltip; while the text is elided, the full text is shown above it."""
        self._tip = tip
        self._elide(force=True)

    def _measure(self) -> tuple[int, int, int]:
        """Padding the style adds around the text (margins, frame, padding of a style sheet),
        the full text's width and the button's height; kept until the text, font or style
        changes: a page's layout asks for size hints dozens of times per button."""
        if self._measured is None:
            hint = super().sizeHint()  # first: it polishes the button (style sheet, font)
            metrics = self.fontMetrics()
            padding = max(0, hint.width() - metrics.horizontalAdvance(super().text()))
            self._measured = (padding, metrics.horizontalAdvance(self._full), hint.height())
        return self._measured

    def _padding(self) -> int:
        return self._measure()[0]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        padding, width, height = self._measure()
        return QSize(padding + width, height)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._measured = None
        super().changeEvent(event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        least = self._padding() + self.fontMetrics().averageCharWidth() * MIN_CHARACTERS
        return QSize(min(least, self.sizeHint().width()), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self, *, force: bool = False) -> None:
        room = self.width() - self._padding()
        metrics = self.fontMetrics()
        shown = (self._full if room <= 0 or metrics.horizontalAdvance(self._full) <= room
                 else metrics.elidedText(self._full, self._mode, room))
        if shown == super().text() and not force:
            return
        super().setText(shown)
        elided = shown != self._full
        super().setToolTip(plain_tip("\n".join(t for t in (self._full if elided else "", self._tip)
                                          if t)))
