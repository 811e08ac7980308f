"""Which files PyInstaller found go into the one-folder program (used by trainer.spec).

Kept apart from the spec so the choices are unit-tested for both path styles (Linux ``/``,
Windows ``\\``) without freezing anything: tests/packaging/test_freeze_rules.py.
"""

from __future__ import annotations

import re

from trainer.syslibs import is_system_library

# Qt plugins Trainer never loads: Wayland (it runs through XWayland), QML, printing, SQL, TLS,
# network information, vector images, the GTK theme (it would need GTK), other platforms.
QT_PLUGIN_DROP = re.compile(
    r"PySide6[/\\]Qt[/\\]plugins[/\\]("
    r"wayland[^/\\]*|egldeviceintegrations|generic|networkinformation|tls|sqldrivers|"
    r"printsupport|qmltooling|designer|vectorimageformats|platformthemes[/\\][^/\\]*gtk3[^/\\]*|"
    r"platforms[/\\][^/\\]*(wayland|eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl)[^/\\]*"
    r")([/\\]|$)", re.IGNORECASE)
QT_TRANSLATIONS = re.compile(r"(PySide6[/\\](Qt[/\\])?)?translations[/\\][^/\\]+\.qm$",
                             re.IGNORECASE)
QT_TRANSLATION_KEEP = re.compile(r"[/\\]qt(base)?_(zh_CN|en)\.qm$", re.IGNORECASE)
# Qt libraries only the dropped plugins use (names as on Linux; Windows has none of these).
QT_LIBRARY_DROP = re.compile(
    r"(^|[/\\])(lib)?Qt6(WaylandClient|WaylandEglClientHwIntegration|WlShellIntegration|"
    r"EglFSDeviceIntegration|EglFsKmsSupport|EglFsKmsGbmSupport)\.(so[.0-9]*|dll)$", re.IGNORECASE)
MATPLOTLIB_DROP = re.compile(
    r"matplotlib[/\\]mpl-data[/\\](sample_data|images[/\\][^/\\]+\.(pdf|svg))", re.IGNORECASE)


def keep(dest: str, src: str, windows: bool) -> bool:
    """True when the file PyInstaller collected for ``dest`` belongs in the program folder."""
    if any(rule.search(dest) for rule in (QT_PLUGIN_DROP, QT_LIBRARY_DROP, MATPLOTLIB_DROP)):
        return False
    if re.search(r"PySide6[/\\]", dest) and QT_TRANSLATIONS.search(dest):
        return bool(QT_TRANSLATION_KEEP.search(dest))  # Qt's own dialogs in Chinese/English
    # Linux: system libraries become package dependencies (trainer/syslibs.py).
    return windows or not is_system_library(dest, src)
