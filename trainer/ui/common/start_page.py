"""The shell's own first page: shown at once while the screens load, and as the start page when
no sign-in screen is installed. It is light on purpose: it paints before any heavy import.
"""

from __future__ import annotations

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
        # Centred by the style sheet (qproperty-alignment): the Qt namespace is slow to load.
        self.logo = QLabel(objectName="StartLogo")
        self.logo.setPixmap(app_logo(96))
        self.title = QLabel(objectName="PageTitle")
        self.subtitle = QLabel(objectName="PageSubtitle")
        self.status = QLabel(objectName="StartStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (self.logo, self.title, self.subtitle, self.status):
            layout.addWidget(widget)
        layout.addStretch(3)
        self._loading = True
        ctx.languageChanged.connect(self.retranslate)
        self.retranslate()

    def set_loading(self, loading: bool) -> None:
        """While True the status says "Loading…"; afterwards it names the data folder."""
        self._loading = loading
        if not loading:  # the data folder path can be copied
            from PySide6.QtCore import Qt

            self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Trainer %1").replace("%1", __version__))
        self.subtitle.setText(self.tr("Digital government and data governance skills"))
        if self._loading:
            self.status.setText(self.tr("Loading…"))
        else:
            self.status.setText(self.tr("Data folder: %1").replace(
                "%1", str(self.ctx.paths.data_dir)))

