"""The shell's own first page: shown at once while the screens load, and as the start page when
no sign-in screen is installed. It is light on purpose: it paints before any heavy import.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from trainer import __version__
from trainer.ui.common.context import AppContext
from trainer.ui.common.icons import app_logo


class StartPage(QWidget):
    """Logo, name and a one-line status ("Loading…", or where the data folder is)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("StartPage")
        self.logo = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.logo.setPixmap(app_logo(96))
        self.title = QLabel(objectName="PageTitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.subtitle = QLabel(objectName="PageSubtitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (self.logo, self.title, self.subtitle, self.status):
            layout.addWidget(widget)
        layout.addStretch(3)
        self._loading = True
        self.retranslate()

    def set_loading(self, loading: bool) -> None:
        """While True the status says "Loading…"; afterwards it names the data folder."""
        self._loading = loading
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Trainer %1").replace("%1", __version__))
        self.subtitle.setText(self.tr("Digital government and data governance skills"))
        if self._loading:
            self.status.setText(self.tr("Loading…"))
        else:
            self.status.setText(self.tr("Data folder: %1").replace(
                "%1", str(self.ctx.paths.data_dir)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
