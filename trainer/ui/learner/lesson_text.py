"""A text run of a lesson: rendered Markdown in a browser that grows to its content's height.

Split from ``lesson`` so each stays small: the page (``LessonView``) places these between the
exercise cards; the help viewer uses one on its own. The HTML is laid out once, when the real
width is known (``set_content`` keeps it pending until then), never at a guessed width first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, QSizeF, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QImageReader,
    QResizeEvent,
    QTextCursor,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import QSizePolicy, QTextBrowser

COLUMN_WIDTH = 860  # comfortable reading measure


class LessonText(QTextBrowser):
    """Rendered Markdown that grows to its content's height; the page scrolls, not the text."""

    def __init__(self, html: str | None, base_dir: Any, style: str, auto_height: bool = True,
                 font_size: int = 15) -> None:
        super().__init__()
        self.setObjectName("lessonText")
        self.setAccessibleName(self.tr("Lesson text"))  # Tab stops here to read and scroll
        self.auto_height = auto_height
        self.waiting = html is None  # its Markdown is being rendered by a worker
        self._style, self._font_size = style, font_size
        self._pending: str | None = None
        self._sized = False
        self.deferred = False  # below the first screen: laid out just after the first paint
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._open_link)
        self.document().setBaseUrl(QUrl.fromLocalFile(str(base_dir) + "/"))
        self.document().setDocumentMargin(2)
        if auto_height:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.document().documentLayout().documentSizeChanged.connect(self._fit)
        else:
            self.horizontalScrollBar().rangeChanged.connect(self._hide_tiny_overflow)
        if html is not None:
            self.set_content(html, style, font_size)

    def restyle(self, style: str, font_size: int) -> None:
        """Style and size for HTML still to come from the worker."""
        self._style, self._font_size = style, font_size

    def show_rendered(self, html: str) -> None:
        """The worker's HTML has arrived: show it with the current style and size."""
        self.waiting = False
        self.set_content(html, self._style, self._font_size, soon=self.deferred)

    def _hide_tiny_overflow(self, _minimum: int, maximum: int) -> None:
        """A table's border can round a pixel past the width: no scroll bar for that."""
        policy = (Qt.ScrollBarPolicy.ScrollBarAlwaysOff if maximum <= 3
                  else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if self.horizontalScrollBarPolicy() != policy:
            self.setHorizontalScrollBarPolicy(policy)

    def set_content(self, html: str, style: str, font_size: int, soon: bool = False) -> None:
        """Set the text; with auto height it is laid out once, when the real width is known."""
        self._style, self._font_size = style, font_size
        font = QFont(self.document().defaultFont())
        font.setPixelSize(font_size)
        self.document().setDefaultFont(font)
        self.document().setDefaultStyleSheet(style)
        self._pending = html
        if soon and self._sized:  # one text per turn of the event loop
            QTimer.singleShot(0, self, self.ensure_loaded)
        elif not self.auto_height or self._sized:
            self.ensure_loaded()

    def ensure_loaded(self) -> None:
        if self._pending is not None:
            html, self._pending = self._pending, None
            self.setHtml(html)
            self._fit_images()
            self._fit()

    def _fit_images(self) -> None:
        """Scale pictures wider than the text down to its width (a case's narrow scenario pane
        would otherwise scroll sideways); they return to their own size when there is room."""
        room = self.viewport().width() - 2 * self.document().documentMargin() - 6
        if room < 60:
            return
        cursor = QTextCursor(self.document())
        block = self.document().begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                image = fragment.charFormat().toImageFormat()
                if fragment.charFormat().isImageFormat() and _scale_image(image, room):
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(),
                                       QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(image)
                fragments += 1
            block = block.next()

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)

    def _fit(self, *_: Any) -> None:
        if not self.auto_height or self._pending is not None:
            return
        height = int(self.document().size().height()) + 2 * self.frameWidth() + 4
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and self.isVisible():
            self._sized = True
            if self._pending is not None and self.deferred:
                QTimer.singleShot(0, self, self.ensure_loaded)
            elif self._pending is not None:
                self.ensure_loaded()
            else:
                self._fit_images()
                self._fit()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(COLUMN_WIDTH, self.height())

    def wheelEvent(self, event: Any) -> None:  # noqa: N802
        if self.auto_height:
            event.ignore()  # let the page scroll
            return
        super().wheelEvent(event)


_NATURAL = QTextFormat.Property.UserProperty + 7  # an image's own (or authored) size


def _scale_image(image: QTextImageFormat, room: float) -> bool:
    """Set ``image`` to its natural size capped at ``room`` wide; True when that changed it."""
    natural = image.property(_NATURAL)
    if not isinstance(natural, QSizeF):
        size = QImageReader(QUrl(image.name()).toLocalFile()).size()
        width = image.width() if image.width() > 0 else size.width()
        height = image.height() if image.height() > 0 else (
            size.height() * width / size.width() if size.width() > 0 else 0)
        natural = QSizeF(width, height)
        image.setProperty(_NATURAL, natural)
        if natural.width() <= 0 or natural.height() <= 0:
            return True  # remembered as unknown: left as the author gave it
    if natural.width() <= 0 or natural.height() <= 0:
        return False
    width = min(natural.width(), room)
    if abs(image.width() - width) < 0.5:
        return False
    image.setWidth(width)
    image.setHeight(natural.height() * width / natural.width())
    return True
