"""A push button whose long text gives way with "…" instead of widening the whole page.

Module and course titles are long in English ("Lesson 4: Building and sharing data together: …");
a plain QPushButton refuses to be narrower than its text, so one long title pushed the dashboard
past a 1280-pixel window. The full text stays in ``full_text()`` and the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
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
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        self._elide()

    def setToolTip(self, tip: str) -> None:  # noqa: N802 - Qt's name
        """The tooltip; while the text is elided, the full text is shown above it."""
        self._tip = tip
        self._elide(force=True)

    def _padding(self) -> int:
        """Width the style adds around the text (margins, frame, padding of a style sheet)."""
        shown = super().text()
        return max(0, super().sizeHint().width() - self.fontMetrics().horizontalAdvance(shown))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QSize(self._padding() + self.fontMetrics().horizontalAdvance(self._full),
                     hint.height())

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
