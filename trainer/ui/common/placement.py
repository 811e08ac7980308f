"""Where the main window opens: on a screen, never larger than it, never off it.

Government laptops often have 1366×768 or 1280×720 screens with a task bar; a first window of
1180×760 put the status bar (who is signed in, Sign out) below the bottom of the screen. The
saved size and place of the last run are restored, but a place remembered from a monitor that
is gone (a projector, a docking station) must not open the window where nobody can see it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication, QWidget

DEFAULT_SIZE = QSize(1180, 760)  # first start on a large screen
MARGIN = 16  # keep this much of the screen's edge free around a window that had to shrink
VISIBLE_GRIP = QSize(120, 32)  # this much of the title bar must stay on some screen


def first_geometry(available: QRect, wanted: QSize = DEFAULT_SIZE) -> QRect:
    """``wanted`` shrunk to fit ``available`` (a screen minus its task bar), centred on it."""
    width = min(wanted.width(), available.width() - 2 * MARGIN)
    height = min(wanted.height(), available.height() - 2 * MARGIN)
    rect = QRect(QPoint(0, 0), QSize(max(width, 1), max(height, 1)))
    rect.moveCenter(available.center())
    return rect


def fitted_geometry(frame: QRect, screens: Sequence[QRect]) -> QRect | None:
    """The frame moved and shrunk onto a screen, or None when ``frame`` is fine as it is.

    ``frame`` is the window with its title bar; ``screens`` are the available areas of the
    screens there are now. A window whose title bar shows on no screen goes to the first
    screen; one larger than its screen shrinks to it.
    """
    if not screens:
        return None
    grip = QRect(frame.topLeft(), QSize(min(frame.width(), VISIBLE_GRIP.width()),
                                        VISIBLE_GRIP.height()))
    home = next((s for s in screens if s.intersected(grip).width() * s.intersected(grip).height()
                 >= grip.width() * grip.height() // 2), None)
    if home is None:
        return first_geometry(screens[0], frame.size())
    if home.contains(frame):
        return None
    size = QSize(min(frame.width(), home.width()), min(frame.height(), home.height()))
    left = min(max(frame.left(), home.left()), home.right() + 1 - size.width())
    top = min(max(frame.top(), home.top()), home.bottom() + 1 - size.height())
    return QRect(QPoint(left, top), size)


def place_on_screen(window: QWidget, restored: bool) -> None:
    """Give ``window`` its first size (``restored`` False) or keep a restored one on a screen."""
    screens = [s.availableGeometry() for s in QApplication.screens()]
    if not screens:
        return
    if not restored:
        primary = QApplication.primaryScreen()
        window.setGeometry(first_geometry(primary.availableGeometry() if primary else screens[0]))
        return
    if window.isMaximized() or window.isFullScreen():
        return  # Qt puts a maximised window on its screen
    frame = window.frameGeometry()
    fitted = fitted_geometry(frame, screens)
    if fitted is not None:
        extra = frame.size() - window.geometry().size()  # title bar and borders
        window.resize(fitted.size() - extra)
        window.move(fitted.topLeft())
