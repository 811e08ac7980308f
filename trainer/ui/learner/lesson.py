"""A module on screen: lesson text and exercise cards in one scroll area, in document order.

Text runs sit in auto-height ``LessonText`` browsers (QTextBrowser cannot host widgets), each
exercise is an ``ExerciseCard``; a case module puts its scenario beside its questions.
Markdown is never rendered at length on the GUI thread (``BackgroundRender``): text already
rendered (the course prefetches the next module) or short is shown at once, the rest is
rendered by a worker and appears a moment later, so opening a module never freezes the window.
"""

from __future__ import annotations

import contextlib
import warnings
from typing import Any

from PySide6.QtCore import QSize, QSizeF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QImageReader,
    QResizeEvent,
    QTextCursor,
    QTextFormat,
    QTextImageFormat,
    QTextOption,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.plain import plain_label
from trainer.ui.learner.exercises import ExerciseCard
from trainer.ui.learner.rendering import BackgroundRender, module_dir, watch_card
from trainer.ui.learner.segments import is_case, scenario, segments

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


class LessonView(QWidget):
    """One module; ``navigate(-1 | +1)`` asks for the previous or next module."""

    navigate = Signal(int)
    restored = Signal()  # earlier answers are shown (they are read in the background)

    def __init__(self, pack: Any, module: Any, render: Any, style: str, *,
                 has_previous: bool, has_next: bool, font_size: int,
                 parent: QWidget | None = None, ctx: Any = None) -> None:
        super().__init__(parent)
        self.pack, self.module, self.render, self.style_sheet = pack, module, render, style
        # with a context, long text not yet rendered is rendered by a worker
        self.background = BackgroundRender(render, ctx)
        self.font_size = font_size
        self.cards: dict[str, ExerciseCard] = {}
        self.answered: set[str] = set()  # exercises with at least one attempt
        self.recorder: Any = None
        self.restoring = False
        self.texts: list[tuple[LessonText, str]] = []
        self.base_dir = module_dir(pack, module)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroll.setAccessibleName(str(module.title))  # the page, as its title reads
        self.column = QWidget()
        self.column.setMaximumWidth(COLUMN_WIDTH)
        self.body = QVBoxLayout(self.column)
        self.body.setContentsMargins(24, 20, 24, 32)
        self.body.setSpacing(14)
        holder = QWidget()
        centre = QHBoxLayout(holder)
        centre.setContentsMargins(0, 0, 0, 0)
        centre.addWidget(self.column)
        self.scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.scenario: LessonText | None = None
        if is_case(module):
            top = QVBoxLayout()
            top.setContentsMargins(24, 12, 24, 0)
            self._add_header(top, objectives=False)
            layout.addLayout(top, 0)
            layout.addWidget(self._case_splitter(), 1)
            self._add_objectives(self.body)
        else:
            layout.addWidget(self.scroll)
            self._add_header(self.body)
        self._add_blocks()
        self._add_footer(has_previous, has_next)
        self.background.start(self)

    # --- building -----------------------------------------------------------------------------

    def _case_splitter(self) -> QSplitter:
        self.scenario = self._text(scenario(self.module), auto_height=False)
        self.scenario.setObjectName("scenario")
        if not str(self.pack.language).lower().startswith("zh"):  # words stay whole: a table
            self.scenario.setWordWrapMode(QTextOption.WrapMode.WordWrap)  # too wide scrolls
        self.scenario.setAccessibleName(self.tr("Case scenario"))
        self.texts.append((self.scenario, scenario(self.module)))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(24, 8, 8, 12)
        left_layout.addWidget(self.scenario, 1)
        self.column.setMaximumWidth(COLUMN_WIDTH)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 1000])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        return splitter

    def _add_header(self, target: QVBoxLayout, objectives: bool = True) -> None:
        title = plain_label(self.module.title)
        title.setObjectName("pageTitle")
        title.setWordWrap(True)
        target.addWidget(title)
        meta = plain_label(self._meta_text())
        meta.setObjectName("cardMeta")
        meta.setWordWrap(True)
        target.addWidget(meta)
        if objectives:
            self._add_objectives(target)

    def _add_objectives(self, target: QVBoxLayout) -> None:
        if self.module.objectives:
            items = "".join(f"<li>{_escape(o)}</li>" for o in self.module.objectives)
            heading = _escape(self.tr("After this module you can:"))
            goals = QLabel(f"<b>{heading}</b><ul style='margin-top:4px'>{items}</ul>")
            goals.setObjectName("objectives")
            goals.setWordWrap(True)
            target.addWidget(goals)

    def _meta_text(self) -> str:
        kinds = {"lesson": self.tr("Lesson"), "case": self.tr("Case study"),
                 "assessment": self.tr("Final assessment"), "reference": self.tr("Reference")}
        minutes = self.tr("about %n minute(s)", "", int(self.module.minutes))
        return f"{kinds.get(self.module.kind, self.module.kind)}  ·  {minutes}"

    def _add_blocks(self) -> None:
        number = 0
        for item in segments(self.module):
            if isinstance(item, str):
                self._add_text(item)
                continue
            number += 1
            card = ExerciseCard(item, self.background, number)
            watch_card(self.background, card)
            self.cards[item.id] = card
            self.body.addWidget(card)

    def _add_text(self, markdown: str) -> None:
        text = self._text(markdown)
        text.deferred = any(t.auto_height for t, _ in self.texts)
        self.texts.append((text, markdown))
        self.body.addWidget(text)

    def _text(self, markdown: str, auto_height: bool = True) -> LessonText:
        """A text run: its HTML now when it is cached or short, else from a worker."""
        html = self.background.now(markdown)
        text = LessonText(html, self.base_dir, self.style_sheet, auto_height=auto_height,
                          font_size=self.font_size)
        self.background.when_ready(markdown, text.show_rendered)
        return text

    def _add_footer(self, has_previous: bool, has_next: bool) -> None:
        self.previous_button = QPushButton(self.tr("← Previous"))
        self.next_button = QPushButton(self.tr("Next →"))
        self.next_button.setObjectName("primary")
        self.previous_button.setEnabled(has_previous)
        self.next_button.setEnabled(has_next)
        self.previous_button.clicked.connect(lambda: self.navigate.emit(-1))
        self.next_button.clicked.connect(lambda: self.navigate.emit(1))
        row = QHBoxLayout()
        row.addWidget(self.previous_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        self.body.addSpacing(12)
        self.body.addLayout(row)
        self.body.addStretch(1)

    # --- zoom and position --------------------------------------------------------------------

    def apply_font_size(self, size: int, style: str) -> None:
        """Zoom the lesson text; the cards follow the page's style sheet (see ``zoom_rules``)."""
        self.style_sheet, self.font_size = style, size
        for widget, markdown in self.texts:
            if widget.waiting:  # the worker's HTML comes with the new size
                widget.restyle(style, size)
            else:
                widget.set_content(self.render(markdown), style, size)

    def after_first_paint(self, callback: Any) -> None:
        """Run ``callback`` on the next turn of the event loop, after the pending paint."""
        QTimer.singleShot(0, self, callback)

    def fraction(self) -> float:
        bar = self.scroll.verticalScrollBar()
        return 0.0 if bar.maximum() <= 0 else round(bar.value() / bar.maximum(), 4)

    def set_fraction(self, fraction: float) -> None:
        """Scroll to a saved position, and keep it while the layout settles (text below the
        first screen is laid out a moment later) until the learner scrolls."""
        bar = self.scroll.verticalScrollBar()
        target = max(0.0, min(1.0, float(fraction)))

        def apply() -> None:
            bar.setValue(round(target * bar.maximum()))

        done: list[bool] = []

        def stop(*_: Any) -> None:
            if not done:
                done.append(True)
                _disconnect(bar.rangeChanged, apply)
                _disconnect(bar.actionTriggered, stop)

        apply()
        bar.rangeChanged.connect(apply)
        bar.actionTriggered.connect(stop)  # the learner scrolls: their place wins
        QTimer.singleShot(10_000, self, stop)

    def show_exercise(self, exercise_id: str) -> None:
        card = self.cards.get(exercise_id)
        if card is not None:
            QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(card, 0, 40))

    def show_text(self, text: str) -> bool:
        """Select the first occurrence of ``text`` (a search hit) and scroll it into view."""
        for browser, markdown in self.texts:
            if browser.waiting:  # the learner asked for it: render now
                browser.show_rendered(self.render(markdown))
            browser.ensure_loaded()
            cursor = browser.document().find(text)
            if cursor.isNull():
                continue
            browser.setTextCursor(cursor)
            if browser.auto_height:
                QTimer.singleShot(60, lambda b=browser: self._reveal(b))
            else:
                browser.ensureCursorVisible()
            return True
        return False

    def _reveal(self, browser: LessonText) -> None:
        rect = browser.cursorRect()
        point = browser.viewport().mapTo(self.scroll.widget(), rect.topLeft())
        self.scroll.ensureVisible(point.x(), point.y(), 0, 160)

    def at_end(self) -> bool:
        if any(text.waiting for text, _ in self.texts):
            return False  # an empty page is not a page read to the end
        bar = self.scroll.verticalScrollBar()
        return bar.maximum() <= 0 or bar.value() >= bar.maximum() * 0.95


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


def _disconnect(signal: Any, slot: Any) -> None:
    """Disconnect if still connected (the widget may be gone; PySide warns otherwise)."""
    with warnings.catch_warnings(), contextlib.suppress(RuntimeError, TypeError, SystemError):
        warnings.simplefilter("ignore", RuntimeWarning)
        signal.disconnect(slot)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
