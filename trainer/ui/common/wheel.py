"""The mouse wheel scrolls the page; it never changes an answer or a setting by accident.

Qt lets the wheel change a drop-down, spin box, date edit or slider the pointer merely passes
over. In a scrolling page (an exercise, the timed final, the settings) that silently changed a
learner's answer while they scrolled to the next question. ``guard_wheel`` fixes that for one
control; every such control in the app goes through it, and a test walks the screens and fails
on any control without it.

Rules, the same everywhere:
- a closed drop-down never takes the wheel: it is chosen by clicking it open (the open list
  scrolls with the wheel, as it should) or with the keyboard;
- a spin box, date edit or slider takes the wheel only while it has keyboard focus, which it
  gets by a click or Tab, never by the wheel itself (``Qt.StrongFocus``);
- otherwise the wheel event goes to the parent, so the enclosing scroll area scrolls.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

GUARDED_PROPERTY = "trainerWheelGuard"  # set on every guarded control (tests look for it)
GUARDED_CLASSES: tuple[type[QWidget], ...] = (QComboBox, QAbstractSpinBox, QAbstractSlider)
"""Controls whose value the wheel changes (QAbstractSpinBox covers QSpinBox, QDoubleSpinBox,
QDateEdit, QTimeEdit, QDateTimeEdit; QAbstractSlider covers QSlider, QDial, QScrollBar)."""

W = TypeVar("W", bound=QWidget)


class _WheelGuard(QObject):
    """Event filter that hands wheel events over a value control to its parent."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        if isinstance(watched, QComboBox) or not watched.hasFocus():
            assert isinstance(event, QWheelEvent)
            event.setAccepted(_pass_to_parents(watched, event))
            return True
        return False


def _pass_to_parents(widget: QWidget, event: QWheelEvent) -> bool:
    """Offer ``event`` to the ancestors of ``widget`` in turn, as Qt does with a wheel event a
    widget ignores; True once one of them (the scroll area's viewport) took it.

    Done here rather than by ignoring the event because Qt propagates only events that come
    from the window system; events sent by the app (and tests) would otherwise stop here."""
    position = QPointF(event.position())
    current = widget
    while not current.isWindow() and not current.testAttribute(
            Qt.WidgetAttribute.WA_NoMousePropagation):
        position += QPointF(current.pos())
        parent = current.parentWidget()
        if parent is None:
            break
        copy = QWheelEvent(position, event.globalPosition(), event.pixelDelta(),
                           event.angleDelta(), event.buttons(), event.modifiers(),
                           event.phase(), event.inverted(), event.source(), event.device())
        QApplication.sendEvent(parent, copy)
        if copy.isAccepted():
            return True
        current = parent
    return False


_guard: _WheelGuard | None = None


def guard_wheel(widget: W) -> W:
    """Make ``widget`` (a drop-down, spin box, date edit or slider) deaf to a passing wheel.

    Returns the widget, so it can wrap a constructor: ``guard_wheel(QComboBox())``.
    """
    global _guard
    if not isinstance(widget, GUARDED_CLASSES):
        raise TypeError(f"guard_wheel: {type(widget).__name__} is not a value control")
    if _guard is None:
        _guard = _WheelGuard()  # one filter for the whole app; lives as long as the process
    if widget.property(GUARDED_PROPERTY):
        return widget
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel must not give it focus
    widget.installEventFilter(_guard)
    widget.setProperty(GUARDED_PROPERTY, True)
    return widget


def is_guarded(widget: QWidget) -> bool:
    """True when ``widget`` went through ``guard_wheel``."""
    return bool(widget.property(GUARDED_PROPERTY))


def unguarded_controls(root: QWidget) -> list[QWidget]:
    """Value controls under ``root`` (included) that the wheel could still change by accident.

    Scroll bars are left out: scrolling is what the wheel is for.
    """
    from PySide6.QtWidgets import QScrollBar

    found = [root, *root.findChildren(QWidget)]
    return [w for w in found
            if isinstance(w, GUARDED_CLASSES) and not isinstance(w, QScrollBar)
            and not is_guarded(w)]
