"""A module on screen: lesson text and exercise cards in one scroll area, in document order.

Text runs sit in auto-height ``LessonText`` browsers (QTextBrowser cannot host widgets), each
exercise is an ``ExerciseCard``; a case module puts its scenario beside its questions.
Markdown is never rendered at length on the GUI thread (``BackgroundRender``): text already
rendered (the course prefetches the next module) or short is shown at once, the rest is
rendered by a worker and appears a moment later, so opening a module never freezes the window.

Opening paints the first screen first (DESIGN §6: a lesson on screen in 30 ms): the header and
the text and cards that fill a screen are built at once; the exercise cards and text below
are built after the first paint, a slice per turn of the event loop (building, styling and laying
out four cards cost twice what a plain browser showing the whole lesson does). Anything that
asks for ``cards`` or ``texts`` earlier gets them built on the spot. A lesson left is destroyed
the same way, a slice per turn (``dispose``).
"""

from __future__ import annotations

import contextlib
import time
import warnings
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.dispose import dispose_in_slices
from trainer.ui.common.plain import plain_label
from trainer.ui.learner.exercises import ExerciseCard
from trainer.ui.learner.lesson_text import COLUMN_WIDTH, LessonText
from trainer.ui.learner.rendering import BackgroundRender, module_dir, watch_card
from trainer.ui.learner.segments import is_case, scenario, segments

__all__ = ["COLUMN_WIDTH", "LessonText", "LessonView", "FIRST_SCREEN_CHARS"]

# Text this long fills the first screen at any zoom (about 1,750 CJK characters or 3,800 Latin
# ones fit in 860 × 700 px at 15 px), counting a card as a third of a screen: what follows is
# built after the first paint.
FIRST_SCREEN_CHARS = 1_500
CARD_CHARS = 500
STEP_SECONDS = 0.016  # building the rest: one slice per turn of the event loop, about a frame


class FirstPaint(QObject):
    """Runs callbacks once, on the turn of the event loop after ``widget`` (or one of
    ``also``, whichever comes first) paints for the first time.

    A zero-time timer set while building would run before the paint (Qt posts the repaint at a
    lower priority than timers and queued calls), so work meant for "after the lesson is on
    screen" would still sit on the way to it. A widget never shown (built off screen) runs them
    after ``FALLBACK_MS``, so nothing waits for a paint that never comes."""

    FALLBACK_MS = 1_000

    def __init__(self, widget: QWidget, *also: QWidget) -> None:
        super().__init__(widget)
        self.watched = (widget, *also)
        self.callbacks: list[Callable[[], None]] = []
        self.painted = False
        for watched in self.watched:
            watched.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._run)

    def add(self, callback: Callable[[], None]) -> None:
        if self.painted:
            QTimer.singleShot(0, self, callback)
        else:
            self.callbacks.append(callback)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.painted and event.type() == QEvent.Type.Paint:
            self._stop_watching()
            QTimer.singleShot(0, self, self._run)
        return False

    def _stop_watching(self) -> None:
        self.painted = True
        for watched in self.watched:
            watched.removeEventFilter(self)

    def _run(self) -> None:
        if not self.painted:  # never painted: the fallback
            self._stop_watching()
        callbacks, self.callbacks = self.callbacks, []
        for callback in callbacks:
            callback()


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
        self._cards: dict[str, ExerciseCard] = {}
        self._card_hooks: list[Callable[[ExerciseCard], None]] = []
        # every exercise of the module, also those whose cards are still to be built
        self.exercise_ids = [b.id for b in module.blocks if not hasattr(b, "markdown")]
        self.answered: set[str] = set()  # exercises with at least one attempt
        self.recorder: Any = None
        self.restoring = False
        self._texts: list[tuple[LessonText, str]] = []
        self._rest: list[Any] = []  # segments below the first screen, built after the paint
        self._number = 0
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
        self.blocks = QVBoxLayout()
        self.blocks.setContentsMargins(0, 0, 0, 0)
        self.blocks.setSpacing(14)
        self.body.addLayout(self.blocks)
        self._add_blocks()
        self._add_footer(has_previous, has_next)
        self.background.start(self)
        if self._rest:
            self.first_paint.add(self._build_a_slice)

    @property
    def cards(self) -> dict[str, ExerciseCard]:
        """Every exercise card by exercise id (built now if the first paint has not come yet)."""
        self.complete()
        return self._cards

    @property
    def texts(self) -> list[tuple[LessonText, str]]:
        """Every text run with its Markdown, in order (built now if still to come)."""
        self.complete()
        return self._texts

    def on_card(self, callback: Callable[[ExerciseCard], None]) -> None:
        """Call ``callback`` with each card, those built already and those still to come."""
        self._card_hooks.append(callback)
        for card in self._cards.values():
            callback(card)

    def complete(self) -> None:
        """Build all that lies below the first screen now (something asked for it)."""
        if not self._rest:
            return
        rest, self._rest = self._rest, []
        for item in rest:
            self._add_segment(item, late=True)
        self.background.start(self)

    def dispose(self) -> None:
        """Destroy this view, taken off the page, a slice per turn of the event loop (as it was
        built): its text runs and cards, the last first, then the rest. Nothing more is built,
        and text a worker is still rendering is not shown."""
        self._rest = []
        self._card_hooks.clear()
        self.background.cancel()
        parts = [self.blocks.itemAt(i).widget() for i in range(self.blocks.count())]
        self._cards, self._texts = {}, []
        dispose_in_slices(self, [part for part in parts if part is not None])

    def _build_a_slice(self) -> None:
        """After the first paint: build the rest a slice at a time, so a long lesson (a 500 KB
        one has about a hundred cards) never holds the window for long; it can be scrolled."""
        deadline = time.perf_counter() + STEP_SECONDS
        while self._rest and time.perf_counter() < deadline:
            self._add_segment(self._rest.pop(0), late=True)
        self.background.start(self)
        if self._rest:
            QTimer.singleShot(0, self, self._build_a_slice)

    # --- building -----------------------------------------------------------------------------

    def _case_splitter(self) -> QSplitter:
        self.scenario = self._text(scenario(self.module), auto_height=False)
        self.scenario.setObjectName("scenario")
        if not str(self.pack.language).lower().startswith("zh"):  # words stay whole: a table
            self.scenario.setWordWrapMode(QTextOption.WrapMode.WordWrap)  # too wide scrolls
        self.scenario.setAccessibleName(self.tr("Case scenario"))
        self._texts.append((self.scenario, scenario(self.module)))
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
        # the view paints first (its style sheet background); the title, always on screen, too
        self.first_paint = FirstPaint(self, title)
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
        """The segments that fill the first screen now; the rest after it has painted."""
        items = segments(self.module)
        filled = 0
        for position, item in enumerate(items):
            self._add_segment(item)
            filled += len(item) if isinstance(item, str) else CARD_CHARS
            if filled >= FIRST_SCREEN_CHARS:
                self._rest = items[position + 1:]
                return

    def _add_segment(self, item: Any, late: bool = False) -> None:
        """One text run or card at the end; ``late`` (the page may be on screen already):
        shown now, not on the next turn as a layout shows a new child of a visible widget."""
        if isinstance(item, str):
            self._add_text(item)
            if late:
                self._texts[-1][0].show()
            return
        self._number += 1
        card = ExerciseCard(item, self.background, self._number)
        watch_card(self.background, card)
        self._cards[item.id] = card
        self.blocks.addWidget(card)
        if late:
            card.show()
        for hook in self._card_hooks:
            hook(card)

    def _add_text(self, markdown: str) -> None:
        text = self._text(markdown)
        text.deferred = any(t.auto_height for t, _ in self._texts)
        self._texts.append((text, markdown))
        self.blocks.addWidget(text)

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
        for widget, markdown in self._texts:  # text still to come is built at the new size
            if widget.waiting:  # the worker's HTML comes with the new size
                widget.restyle(style, size)
            else:
                widget.set_content(self.render(markdown), style, size)

    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the lesson is on screen (on the next turn of the event loop
        after its first paint; at once on the next turn if it has painted already)."""
        self.first_paint.add(callback)

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
        if self._rest or any(text.waiting for text, _ in self._texts):
            return False  # an empty page is not a page read to the end
        bar = self.scroll.verticalScrollBar()
        return bar.maximum() <= 0 or bar.value() >= bar.maximum() * 0.95


def _disconnect(signal: Any, slot: Any) -> None:
    """Disconnect if still connected (the widget may be gone; PySide warns otherwise)."""
    with warnings.catch_warnings(), contextlib.suppress(RuntimeError, TypeError, SystemError):
        warnings.simplefilter("ignore", RuntimeWarning)
        signal.disconnect(slot)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
