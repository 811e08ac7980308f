"""Interface language: the setting, else the system locale, else Simplified Chinese.

Switching installs new translators; Qt then sends every widget a LanguageChange event and each
screen's ``retranslate()`` sets its texts again, so no restart is needed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from trainer.ui.i18n import qm_file

log = logging.getLogger(__name__)

SUPPORTED = ("zh_CN", "en")
DEFAULT = "zh_CN"

_installed: list[QTranslator] = []
_differed: list[bool] = []  # non-empty while native dialogs are switched off


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """"zh_CN" or "en" for a setting of "system", "zh_CN" or "en"."""
    if setting in SUPPORTED:
        return setting
    locale = system or QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    if locale.language() == QLocale.Language.English:
        return "en"
    return DEFAULT


def install_language(language: str) -> str:
    """Replace the installed translators with ``language``'s (ours and Qt's own dialogs')."""
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale("zh_CN" if language == "zh_CN" else "en_GB"))
    # Qt's own first (file chooser, colour dialog, standard buttons, context menus), then ours:
    # the last installed is asked first, so ours also fills the gaps in Qt's (qt_extra.ts).
    for name, folders in ((f"qtbase_{language}", qt_translation_folders()),
                          (qm_file(language).stem, [str(qm_file(language).parent)])):
        translator = QTranslator(app)
        if any(translator.load(name, folder) for folder in folders):
            app.installTranslator(translator)
            _installed.append(translator)
        elif language != "en":
            log.warning("Translation %s not found in %s", name, ", ".join(folders))
    _native_dialogs_follow(language)
    app.setProperty("trainerLanguage", language)
    return language


def _native_dialogs_follow(language: str) -> None:
    """A desktop's own file chooser speaks the system's language: when the app's differs,
    use Qt's dialogs (translated above) so no dialog appears in the other language."""
    app = QCoreApplication.instance()
    if app is None or not app.property("trainerPainted"):
        return  # decided right after the first paint (Qt's enums cost ~20 ms to reach)
    chinese_system = QLocale.system().language() == QLocale.Language.Chinese
    differs = (language == "zh_CN") != chinese_system
    if not differs and not _differed:
        return  # the usual case: leave Qt's enums untouched on the way to the first window
    from PySide6.QtCore import Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, differs)
    _differed[:] = [True] if differs else []


def qt_translation_folders() -> list[str]:
    """Where Qt's ``qtbase_*.qm`` live: Qt's own answer, then the PySide6 wheel's folder (the
    same in a pip install; the fallback for a frozen build whose qt.conf points elsewhere)."""
    import PySide6

    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
               str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")]
    return list(dict.fromkeys(folders))


def dialogs_after_first_paint() -> None:
    """Called once the main window is on screen: native or Qt dialogs for the language."""
    app = QCoreApplication.instance()
    if app is not None:
        app.setProperty("trainerPainted", True)
        _native_dialogs_follow(str(app.property("trainerLanguage") or DEFAULT))


def current_language() -> str:
    """The language installed last (for screens that format numbers or dates)."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"
