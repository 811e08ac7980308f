"""The desktop app (PySide6). The only package that imports QtWidgets.

Organised by who uses a screen: ``learner/``, ``trainer/``, ``hr/``, and ``common/`` for the
application shell, the helper for long or data-changing work, the error presenter, chart
styling and shared widgets.

Importing this package loads QtCore and answers PySide6's per-module question more cheaply
(``_read_sources_as_bytes``) before any screen module is imported.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - installs PySide6's import hook, which is adjusted below


def _read_sources_as_bytes() -> None:
    """Let PySide6 decide whether a module "uses PySide" from the bytes of its file.

    Once QtCore is imported, PySide6 asks of every module imported afterwards whether its
    source mentions "PySide6" (the module's default for ``from __feature__ import ...``; the
    answer is kept per module name). It finds out with ``inspect.getsource``: it decodes and
    splits the whole file and keeps its lines in ``linecache`` for the rest of the run. For
    the 15 modules imported before the first paint that was ~13 M instructions (~2 ms, issue
    14's "first paint ≤ 1.3 × a bare window"); SQLAlchemy, matplotlib and the screens imported
    later pay the same per module, and their sources stay in memory.

    The same question answered from the file's bytes gives the same answer (an ASCII word in
    a UTF-8 or GB 18030 file) without keeping anything. Modules without a ``.py`` file of
    their own (built-in, extension, zipped or frozen) still go to PySide6's own check, and so
    does everything when a PySide6 version no longer has that check (then nothing changes).
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "reads_bytes", False):
        return

    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    mod_uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[union-attr]


_read_sources_as_bytes()
