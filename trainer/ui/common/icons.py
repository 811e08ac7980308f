"""The app icon, from pre-rendered PNGs: drawing the SVG would load Qt's SVG plugin (and QtSvg)
on the start-up path for a picture that never changes. ``assets/icons/trainer.svg`` is the
source; re-render the PNGs from it when it changes."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap

from trainer.config import assets_dir

SIZES = (32, 64, 128, 256)

_icon: QIcon | None = None


def app_icon() -> QIcon:
    """The icon with every size (a copy of one built once: the window icon and the start
    page's logo are both taken before the first paint). Each file is added with its size,
    which its name states, so Qt does not open the PNGs to read their sizes."""
    global _icon
    if _icon is None:
        icon = QIcon()
        folder = assets_dir() / "icons"
        for size in SIZES:
            icon.addFile(str(folder / f"trainer-{size}.png"), QSize(size, size))
        _icon = icon
    return QIcon(_icon)


def app_logo(size: int) -> QPixmap:
    """The logo at ``size`` device-independent pixels, sharp on high-DPI screens."""
    return app_icon().pixmap(size, size)
