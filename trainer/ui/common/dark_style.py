"""Fusion for the dark theme, with visible borders on choices and text fields.

Fusion outlines radio buttons, check boxes and text fields in ``Window.darker()``, invisible on a
dark Base; these primitives get a Window colour whose ``darker()`` reads as a border. Loaded only
when the dark theme is applied: building QStyle's enums costs start-up time, and a Python
``drawPrimitive`` costs every paint, which the light theme does not need.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

_OUTLINED = (QStyle.PrimitiveElement.PE_IndicatorRadioButton,
             QStyle.PrimitiveElement.PE_IndicatorCheckBox,
             QStyle.PrimitiveElement.PE_FrameLineEdit,
             QStyle.PrimitiveElement.PE_Frame,  # text edits (open answers) and scroll areas
             QStyle.PrimitiveElement.PE_PanelLineEdit)
_DARK_OUTLINE_WINDOW = ("#b3bac5", "#848b96")  # enabled, disabled: outlines ~#80858d / ~#5e636b
_WINDOW = QPalette.ColorRole.Window


class DarkStyle(QProxyStyle):
    """Fusion with visible indicator and field borders on a dark palette."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,  # noqa: N802
                      painter: QPainter, widget: QWidget | None = None) -> None:
        if element in _OUTLINED and option.palette.color(_WINDOW).lightness() < 128:
            enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
            option = type(option)(option)  # a copy: the caller's option stays as it was
            palette = QPalette(option.palette)
            palette.setColor(_WINDOW, QColor(_DARK_OUTLINE_WINDOW[0 if enabled else 1]))
            option.palette = palette
        super().drawPrimitive(element, option, painter, widget)
