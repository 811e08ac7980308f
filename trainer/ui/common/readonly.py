"""A read-only (damaged) database, shown where the user looks: a bar, and actions that say so.

The store opens a database whose pages fail SQLite's check read-only, and turns read-only when
SQLite reports damage while in use (``Database.read_only``); every write is then refused. The
user must learn that before starting work whose result would be lost, not from an error box
after every answer. So the main window shows ``ReadOnlyBar`` (persistent, not modal), and
screens pass their saving actions to ``block_when_read_only``: disabled, with a tool tip saying
why. Widgets ask ``AppContext.read_only`` and listen to ``AppContext.readOnly``; they never read
store messages.
"""

from __future__ import annotations

import logging
from typing import Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from trainer.ui.common.context import AppContext

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def cannot_save_tip() -> str:
    """The tool tip of an action that is switched off because nothing can be saved."""
    return translate("ReadOnly", "Not available: the learner-records database is damaged and "
                                 "opened read-only, so the result could not be saved. See the "
                                 "warning at the top of the window.")


def cannot_save_note() -> str:
    """A short line beside an answer that cannot be submitted."""
    return translate("ReadOnly", "Answers cannot be saved now (the database is read-only).")


class _Switchable(Protocol):
    def setEnabled(self, enabled: bool) -> None: ...  # noqa: N802 - Qt's name
    def setToolTip(self, tip: str) -> None: ...  # noqa: N802 - Qt's name


class _Gate(QObject):
    """Keeps one button or action disabled (with the reason as tool tip) once read-only."""

    def __init__(self, ctx: AppContext, target: _Switchable, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx, self.target = ctx, target
        ctx.readOnly.connect(self.apply)
        # after the screen's own handlers (connected earlier), which may enable it again;
        # bound methods, so the connections end with this object
        ctx.userChanged.connect(self.reapply)
        ctx.languageChanged.connect(self.reapply)
        self.apply()

    def reapply(self, _changed: object = None) -> None:
        self.apply()

    def apply(self) -> None:
        if self.ctx.read_only and shiboken6.isValid(self.target):
            self.target.setEnabled(False)
            self.target.setToolTip(cannot_save_tip())


def block_when_read_only(ctx: AppContext, target: _Switchable, owner: QObject) -> None:
    """Disable ``target`` (a button or action that starts saving work) now and whenever the
    database turns read-only; ``owner`` keeps the watcher alive as long as the screen lives.
    Call it after connecting the screen's own handlers that enable ``target``."""
    _Gate(ctx, target, owner)


class ReadOnlyBar(QFrame):
    """The warning across the top of the main window while the database is read-only."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt  # the sign-in screen imports this module before Qt's enums

        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ReadOnlyBar")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.icon = QLabel("⚠")
        self.icon.setObjectName("ReadOnlyIcon")
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = self._label("ReadOnlyTitle")
        self.body = self._label("ReadOnlyBody")
        self.details_button = QPushButton()
        self.details_button.setObjectName("ReadOnlyDetails")
        self.details_button.clicked.connect(self.show_details)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.title)
        texts.addWidget(self.body)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 14, 8)
        row.setSpacing(10)
        row.addWidget(self.icon)
        row.addLayout(texts, 1)
        row.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.retranslate()
        self.hide()  # the owner places it, then calls update_state (a parentless show: a window)
        ctx.readOnly.connect(self.update_state)
        ctx.languageChanged.connect(self.retranslate)

    @staticmethod
    def _label(name: str) -> QLabel:
        from PySide6.QtCore import Qt

        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def retranslate(self, _language: str = "") -> None:
        self.title.setText(self.tr("The learner-records database is damaged: you can look at "
                                   "everything, but nothing can be saved."))
        self.body.setText(self.tr(
            "Nothing already saved was changed. Please tell your administrator, who can check "
            "and repair it with: trainer db check, trainer db restore, trainer db salvage."))
        self.details_button.setText(self.tr("Details…"))

    def update_state(self) -> None:
        """Show the bar when the database is (or has just become) read-only."""
        if self.ctx.read_only and not self.isVisible():
            log.warning("Showing the read-only warning: %s", self.ctx.db.damage)
        self.setVisible(self.ctx.read_only)

    def show_details(self) -> None:
        """The store's own message and hint: where the file is, what SQLite found, the latest
        backup and what restoring it would drop."""
        from trainer.ui.common.errors import build_error_box, show_box

        box = build_error_box(self.window(), self.ctx.db.refuse_writes())
        box.setWindowTitle(self.tr("Learner records are read-only"))
        show_box(box)
