"""The desktop app (PySide6). The only package that imports QtWidgets.

Organised by who uses a screen: ``learner/``, ``trainer/``, ``hr/``, and ``common/`` for the
application shell, the helper for long or data-changing work, the error presenter, chart
styling and shared widgets.

Importing this package loads QtCore and replaces PySide6's per-module import check, which read
and kept every module's source (``read_sources_as_bytes``; why: ``common/memory.py``), before
any screen module is imported.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - installs PySide6's import check, replaced below

FEATURE_MODULE = "shibokensupport.feature"
CHECK = "_mod_uses_pyside"


def read_sources_as_bytes() -> bool:
    """Replace PySide's import check by ``_from_bytes(check)``; True if it was (now or before),
    False when this PySide has no such check. Idempotent."""
    feature = sys.modules.get(FEATURE_MODULE)
    check = getattr(feature, CHECK, None)
    if feature is None or not callable(check):
        return False
    if getattr(check, "__name__", "") != "check_from_bytes":
        setattr(feature, CHECK, _from_bytes(check))
    return True


def _from_bytes(check: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """``check`` answered from the module's ``.py`` file read as bytes; for a module without
    one, ``check`` itself, with the ``linecache`` entries it added removed."""

    def check_from_bytes(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass  # e.g. inside a zip file: PySide's own way below
        known = set(list(linecache.cache))  # list(): one atomic copy of the keys
        try:
            return bool(check(module))
        finally:
            for name in list(linecache.cache):
                if name not in known:
                    linecache.cache.pop(name, None)

    check_from_bytes.__wrapped__ = check  # type: ignore[attr-defined]
    return check_from_bytes


read_sources_as_bytes()
