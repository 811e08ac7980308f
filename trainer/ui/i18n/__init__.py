"""Qt translations: one ``.ts`` source per UI area and locale, compiled into one ``.qm`` per locale.

English is the source language. ``python -m trainer.ui.i18n.build`` updates the sources and
compiles them (see ``build.py``); the compiled ``trainer_<locale>.qm`` files ship in the package.
"""

from __future__ import annotations

from pathlib import Path

I18N_DIR = Path(__file__).resolve().parent
LOCALES = ("zh_CN", "en")


def qm_file(locale: str) -> Path:
    """The compiled translation for ``locale`` (it may not exist for the source language)."""
    return I18N_DIR / f"trainer_{locale}.qm"
