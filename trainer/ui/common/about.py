"""About dialog: version, the data folder, and the third-party software and its licences."""

from __future__ import annotations

import contextlib
import html
import platform
from importlib import metadata
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer import __version__
from trainer.config import QT_TRANSLATE_NOOP, assets_dir, run_mode

translate = QCoreApplication.translate

# Distribution name -> (what it does, licence). Versions are read from the installation.
THIRD_PARTY: tuple[tuple[str, str, str], ...] = (
    ("PySide6-Essentials", QT_TRANSLATE_NOOP("AboutDialog", "Qt for Python: windows and widgets"), "LGPL-3.0-only"),
    ("SQLAlchemy", QT_TRANSLATE_NOOP("AboutDialog", "database access"), "MIT"),
    ("alembic", QT_TRANSLATE_NOOP("AboutDialog", "database schema upgrades"), "MIT"),
    ("Markdown", QT_TRANSLATE_NOOP("AboutDialog", "lesson text"), "BSD-3-Clause"),
    ("nh3", QT_TRANSLATE_NOOP("AboutDialog", "safe HTML in lessons"), "MIT"),
    ("matplotlib", QT_TRANSLATE_NOOP("AboutDialog", "charts"), "matplotlib licence (PSF-based)"),
    ("numpy", QT_TRANSLATE_NOOP("AboutDialog", "numbers for charts"), "BSD-3-Clause"),
    ("platformdirs", QT_TRANSLATE_NOOP("AboutDialog", "where the data folder lives"), "MIT"),
    ("PyYAML", QT_TRANSLATE_NOOP("AboutDialog", "course manifests"), "MIT"),
    ("openpyxl", QT_TRANSLATE_NOOP("AboutDialog", "reading Excel rosters"), "MIT"),
    ("XlsxWriter", QT_TRANSLATE_NOOP("AboutDialog", "writing Excel reports"), "BSD-2-Clause"),
    ("charset-normalizer", QT_TRANSLATE_NOOP("AboutDialog", "reading rosters in any encoding"), "MIT"),
)
HEADERS = (QT_TRANSLATE_NOOP("AboutDialog", "Component"), QT_TRANSLATE_NOOP("AboutDialog", "Version"),
           QT_TRANSLATE_NOOP("AboutDialog", "Used for"), QT_TRANSLATE_NOOP("AboutDialog", "Licence"))
FONT_LICENCE_FILE = "LICENSE-DroidSansFallback.txt"
# config.run_mode() -> how this copy runs, as support needs to hear it (issue 15).
RUN_MODES = {
    "portable": QT_TRANSLATE_NOOP("AboutDialog", "Mode: portable: all data is kept in "
                                                 "the data folder beside the program"),
    "installed": QT_TRANSLATE_NOOP("AboutDialog", "Mode: installed program; data is kept in "
                                                  "the user's data folder"),
    "python": QT_TRANSLATE_NOOP("AboutDialog", "Mode: Python package (pip)"),
}



def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "—"


def _esc(text: str) -> str:
    return html.escape(text)


def licences_html() -> str:
    """A table of bundled software and fonts with versions and licences."""
    rows = [(name, _version(name), translate("AboutDialog", purpose), licence)
            for name, purpose, licence in THIRD_PARTY]
    rows.append(("Qt", qVersion(), translate("AboutDialog", "application framework"),
                 "LGPL-3.0-only"))
    rows.append(("Droid Sans Fallback", "6.0.1", translate("AboutDialog", "Chinese font"),
                 "Apache-2.0"))
    font_text = ""
    with contextlib.suppress(OSError):
        font_text = (assets_dir() / "fonts" / FONT_LICENCE_FILE).read_text(encoding="utf-8")
    header = "".join(f"<th align='left'>{_esc(translate('AboutDialog', h))}</th>"
                     for h in HEADERS)
    body = "".join("<tr>" + "".join(f"<td>{_esc(cell)}</td>" for cell in row) + "</tr>"
                   for row in rows)
    return (f"<table cellpadding='4'><tr>{header}</tr>{body}</table>"
            f"<h4>Droid Sans Fallback</h4><pre>{_esc(font_text)}</pre>")


class AboutDialog(QDialog):
    """What this program is, which version, and whose work it builds on."""

    def __init__(self, parent: QWidget | None = None, data_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("AboutDialog", "About Trainer"))
        self.resize(640, 480)
        name = translate("AboutDialog", "Trainer")
        purpose = translate("AboutDialog", "Offline training in digital-government and "
                                           "data-governance skills for civil servants.")
        licence = translate("AboutDialog", "Licensed under the Apache License 2.0.")
        folder = "<p>" + _esc(translate("AboutDialog", RUN_MODES[run_mode()])) + "</p>"
        if data_dir is not None:  # what support asks for first
            folder += "<p>" + _esc(translate("AboutDialog", "Data folder: %1")
                                   .replace("%1", str(data_dir))) + "</p>"
        summary = QLabel(
            f"<h2>{_esc(name)} {__version__}</h2><p>{_esc(purpose)}</p>"
            f"<p>Python {platform.python_version()} · Qt {qVersion()} · "
            f"PySide6 {pyside_version}</p>{folder}<p>{_esc(licence)}</p>")
        summary.setWordWrap(True)
        summary.setContentsMargins(20, 12, 20, 12)  # text off the tab's frame (QA)
        summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        licences = QTextBrowser()
        licences.setObjectName("Licences")
        licences.document().setDocumentMargin(12)
        licences.setHtml(licences_html())
        tabs = QTabWidget()
        tabs.addTab(summary, translate("AboutDialog", "About"))
        tabs.addTab(licences, translate("AboutDialog", "Third-party licences"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        about_qt = buttons.addButton(translate("AboutDialog", "About Qt"),
                                     QDialogButtonBox.ButtonRole.HelpRole)
        about_qt.clicked.connect(QApplication.aboutQt)
        buttons.rejected.connect(self.reject)
        self.tabs = tabs
        self.licences = licences
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
