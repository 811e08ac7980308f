"""The review panel on the course library and the dashboard: 今日复习 (due now, one click into
the review), 每日一练 (today's progress) and the 错题本; on the dashboard also the streak and a
calendar of the days practised (the last five weeks).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QEvent, QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer.errors import TrainerError
from trainer.ui.common.context import AppContext

log = logging.getLogger(__name__)
CELL, GAP = 16, 4


class PracticeCalendar(QWidget):
    """Days practised as filled squares, one column per week (Monday on top), today outlined."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: Any = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_days(self, days: Any) -> None:
        self.days = days
        total = (days.today - days.first).days + 1
        self.setAccessibleDescription(
            self.tr("Practised on %1 of the last %n day(s).", "", total)
            .replace("%1", str(len(days.days))))
        self.updateGeometry()
        self.update()

    def _weeks(self) -> int:
        if self.days is None:
            return 5
        start = self.days.first - timedelta(days=self.days.first.weekday())
        return (self.days.today - start).days // 7 + 1

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._weeks() * (CELL + GAP), 7 * (CELL + GAP))

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        if self.days is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        filled, empty = palette.highlight().color(), QColor(palette.mid().color())
        empty.setAlpha(70)
        start = self.days.first - timedelta(days=self.days.first.weekday())
        day = self.days.first
        while day <= self.days.today:
            offset = (day - start).days
            rect = QRectF((offset // 7) * (CELL + GAP), day.weekday() * (CELL + GAP), CELL, CELL)
            painter.setPen(QPen(palette.text().color(), 2) if day == self.days.today
                           else QPen(QColor(0, 0, 0, 0)))
            painter.setBrush(filled if day in self.days.days else empty)
            painter.drawRoundedRect(rect, 3, 3)
            day += timedelta(days=1)
        painter.end()


class ReviewPanel(QFrame):
    """Counts and one-click entries; ``show_for`` refreshes it for the signed-in learner."""

    def __init__(self, ctx: AppContext, calendar: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overview: Any = None
        self.own = True
        self.setObjectName("courseCard")
        self.heading = QLabel()
        self.heading.setObjectName("cardTitle")
        self.summary = QLabel()
        self.summary.setObjectName("cardMeta")
        self.summary.setWordWrap(True)
        self.review_button = QPushButton()
        self.review_button.setObjectName("primary")
        self.review_button.clicked.connect(lambda: ctx.request_page("review", "due"))
        self.daily_button = QPushButton()
        self.daily_button.clicked.connect(lambda: ctx.request_page("review", "daily"))
        self.book_button = QPushButton()
        self.book_button.clicked.connect(lambda: ctx.request_page("notebook"))
        self.calendar = PracticeCalendar() if calendar else None
        self.streak = QLabel()
        self.streak.setObjectName("cardMeta")
        if not calendar:  # never setVisible(True) before it has a parent: it would be shown
            self.streak.hide()  # as a window of its own and take the main window's activation
        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addWidget(self.summary)
        text.addWidget(self.streak)
        buttons = QHBoxLayout()
        for button in (self.review_button, self.daily_button, self.book_button):
            buttons.addWidget(button)
        text.addLayout(buttons)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 16, 20, 16)
        row.addLayout(text, 1)
        if self.calendar is not None:
            row.addWidget(self.calendar)
        self.hide()
        self.retranslate()

    def show_for(self, packs: list[Any], own: bool = True, overview: Any = None) -> None:
        """Read the counts (a few indexed queries) and show them; hidden when nobody is in.
        ``overview``: the counts already read (e.g. on a worker before the page opened)."""
        from trainer.analytics import review

        user = self.ctx.user
        if user is None or not packs:
            self.hide()
            return
        try:
            self.overview = overview or review.overview(
                self.ctx.db, user.id, packs, int(self.ctx.settings.get("daily_practice_size")))
        except TrainerError as exc:  # e.g. the server went away: the page keeps the rest
            log.warning("Review counts not read: %s", exc)
            self.hide()
            return
        self.own = own  # HR viewing a learner: no buttons, no advice spoken to "you"
        for button in (self.review_button, self.daily_button, self.book_button):
            button.setVisible(own)
        if self.calendar is not None:
            self.calendar.set_days(self.overview.days)
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Review and daily practice"))
        found = self.overview
        due = found.due if found else 0
        self.summary.setText(self.tr("Due for review today: %1").replace("%1", str(due)))
        self.review_button.setText(self.tr("Start review (%1)").replace("%1", str(due)))
        self.review_button.setEnabled(due > 0)
        self.daily_button.setText(
            self.tr("Daily practice %1/%2").replace("%1", str(found.daily_done if found else 0))
            .replace("%2", str(found.daily_size if found else 0)))
        self.book_button.setText(self.tr("Wrong-answer book (%1)")
                                 .replace("%1", str(found.notebook if found else 0)))
        if not self.own:
            for button in (self.review_button, self.daily_button, self.book_button):
                button.setToolTip("")
        else:
            self._advise()
        if found is not None:
            self.streak.setText(self.tr("Days practised in a row: %1")
                                .replace("%1", str(found.days.streak)))

    def _advise(self) -> None:
        """The buttons' tooltips, spoken to the learner using them."""
        self.review_button.setToolTip(self.tr(
            "Answer the exercises whose review is due, one at a time. Exercises come back when "
            "you are about to forget them: sooner after a mistake, later after an easy answer."))
        self.daily_button.setToolTip(self.tr(
            "A few questions a day: due reviews and new exercises for the competencies furthest "
            "below your role's target. The number is set in Settings."))
        self.book_button.setToolTip(self.tr(
            "Every exercise you got wrong, with your last answer, the right one and the "
            "explanation. It leaves the book after two right answers about a day apart."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
