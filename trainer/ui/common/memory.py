"""Keep PySide's import hook from holding the source text of every module in memory.

PySide6 6.11 (shiboken's ``__feature__`` support) checks each module imported after PySide with
``inspect.getsource(module)``, which leaves the module's whole source, split into lines, in
``linecache``: about 38 MB once SQLAlchemy and matplotlib are loaded, for nothing (the cache only
serves traceback lines, which it reads again when needed). ``drop_import_sources()`` empties the
cache once and wraps the check so that the lines it reads are dropped right after; the check's
answer is unchanged. Newer PySide versions without the check are left alone.
"""

from __future__ import annotations

import linecache
import logging
import sys
from collections.abc import Callable
from types import ModuleType

log = logging.getLogger(__name__)

FEATURE_MODULE = "shibokensupport.feature"
CHECK = "_mod_uses_pyside"

_installed = False


def drop_import_sources() -> bool:
    """Empty ``linecache`` and stop PySide refilling it on import; True if the check was wrapped.

    Idempotent. Safe from any thread: ``dict.clear`` runs without letting another thread in.
    """
    global _installed
    linecache.clearcache()
    if _installed:
        return True
    feature = sys.modules.get(FEATURE_MODULE)
    check = getattr(feature, CHECK, None)
    if feature is None or not callable(check):
        return False
    setattr(feature, CHECK, _forgetful(check))
    _installed = True
    log.debug("PySide's import check no longer keeps module sources in memory")
    return True


def _forgetful(check: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """``check`` that removes the ``linecache`` entries it added (the module's source lines)."""

    def forgetful_check(module: ModuleType) -> bool:
        known = set(list(linecache.cache))  # list(): one atomic copy of the keys
        try:
            return check(module)
        finally:
            for name in list(linecache.cache):
                if name not in known:
                    linecache.cache.pop(name, None)

    forgetful_check.__wrapped__ = check  # type: ignore[attr-defined]
    return forgetful_check
