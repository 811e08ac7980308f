"""Course cards for the library: title, language, summary, size, time and the learner's progress."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout

from trainer.ui.common.counts import counts
from trainer.ui.common.plain import plain_label


@dataclass(frozen=True)
class CourseProgress:
    """How far the learner is in one course."""

    done: int
    started: int
    total: int
    failed: bool = False  # the final assessment was handed in and not passed

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def language_name(tag: str) -> str:
    lowered = tag.lower()
    if lowered.startswith("zh"):
        return QCoreApplication.translate("CourseCard", "Chinese")
    if lowered.startswith("en"):
        return QCoreApplication.translate("CourseCard", "English")
    return tag


def course_progress(pack: Any, states: dict[str, Any], sitting: Any = None) -> CourseProgress:
    """Modules done and started; reference modules are not counted (nothing to finish), and a
    final assessment counts as done only once passed (``sitting``: its AssessmentResult)."""
    from trainer.analytics.assessment import shown_status

    counted = [m for m in pack.modules if m.kind != "reference"]
    done = sum(1 for m in counted if shown_status(
        m, getattr(states.get(m.id), "status", ""), sitting) == "completed")
    started = sum(1 for m in counted if m.id in states)
    failed = sitting is not None and not sitting.passed
    return CourseProgress(done, started, len(counted), failed)


class CourseCard(QFrame):
    """One course; clicking anywhere (or the button) opens it."""

    opened = Signal(str)  # pack id

    def __init__(self, pack: Any, progress: CourseProgress, hours: Any = None) -> None:
        super().__init__()
        self.pack_id = pack.id
        self.setObjectName("courseCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumWidth(320)
        title = plain_label(pack.title)
        title.setObjectName("cardTitle")
        title.setWordWrap(True)
        meta = plain_label("  ·  ".join([
            language_name(pack.language),
            self._size_text(pack, progress.total),
            self.tr("about %n hour(s)", "", max(1, round(pack.minutes / 60)))
            if pack.minutes >= 90 else self.tr("about %n minute(s)", "", pack.minutes),
            *([counts().credit_hours(hours)] if hours else []),
        ]))
        meta.setObjectName("cardMeta")
        meta.setWordWrap(True)
        summary = plain_label(pack.summary)
        summary.setWordWrap(True)
        summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(progress.percent)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.setAccessibleName(self.tr("Progress"))
        status = QLabel(self.tr("%1 of %n module(s) done", "", progress.total)
                        .replace("%1", str(progress.done)) if progress.started
                        else self.tr("Not started yet"))
        if progress.failed:  # wraps rather than cut off in a narrow card
            status.setText(status.text() + "  ·  " + self.tr("Final assessment not passed"))
            status.setWordWrap(True)
        status.setObjectName("cardMeta")
        self.status = status
        self.button = QPushButton(self.tr("Continue") if progress.started else self.tr("Start"))
        self.button.setObjectName("primary")
        self.button.clicked.connect(lambda: self.opened.emit(self.pack_id))
        row = QHBoxLayout()
        row.addWidget(status, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(8)
        for widget in (title, meta, summary):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.bar)
        layout.addLayout(row)

    def _size_text(self, pack: Any, counted: int) -> str:
        """Modules that count towards completion (as in "3 of 16 done"), plus any reference."""
        text = self.tr("%n module(s)", "", counted)
        references = len(pack.modules) - counted
        if references:
            text += " " + self.tr("plus %n reference(s)", "", references)
        return text

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.opened.emit(self.pack_id)
        super().mouseReleaseEvent(event)
