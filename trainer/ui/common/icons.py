"""The app icon, from pre-rendered PNGs: drawing the SVG would load Qt's SVG plugin (and QtSvg)
on the start-up path for a picture that never changes. ``assets/icons/trainer.svg`` is the
source; re-render the PNGs from it when it changes."""

from __future__ import annotations

from PySide6.QtGui import QIcon, QPixmap

from trainer.config import assets_dir

SIZES = (32, 64, 128, 256)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in SIZES:
        icon.addFile(str(assets_dir() / "icons" / f"trainer-{size}.png"))
    return icon


def app_logo(size: int) -> QPixmap:
    """The logo at ``size`` device-independent pixels, sharp on high-DPI screens."""
    return app_icon().pixmap(size, size)
