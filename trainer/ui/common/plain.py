"""Pack text (titles, summaries, competency names) is plain text in every widget (DESIGN §7).

QLabel and tool tips guess: text that looks like HTML is shown as HTML, so a course title
``<img src=…>`` would load a file from outside the pack. Labels that show pack text are made
with ``plain_label``; rich text built around pack text escapes it with ``escape``; tool tips go
through ``plain_tip``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel


def plain_label(text: str = "", name: str = "") -> QLabel:
    """A label that shows its text exactly as written, never as HTML."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


def escape(text: str) -> str:
    """Text for inclusion in rich text we build ourselves (a label with ``<b>`` around it)."""
    return html.escape(str(text), quote=False)


def plain_tip(text: str) -> str:
    """A tool tip that Qt shows as written even when it looks like HTML."""
    return GuiQt.convertFromPlainText(text) if GuiQt.mightBeRichText(text) else text
