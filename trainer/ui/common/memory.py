"""Memory the desktop app need not keep: module sources held for PySide, freed heap held by glibc.

PySide6 6.11 (shiboken's ``__feature__`` support) checks each module imported after PySide with
``inspect.getsource(module)``, which leaves the module's whole source, split into lines, in
``linecache``: about 38 MB once SQLAlchemy and matplotlib are loaded, for nothing (the cache only
serves traceback lines, which it reads again when needed). ``drop_import_sources()`` empties the
cache once and wraps the check so that the lines it reads are dropped right after; the check's
answer is unchanged. Newer PySide versions without the check are left alone.

glibc's malloc raises its thresholds as large blocks are freed (a window's backing store, a
grabbed pixmap, a query's rows): later blocks of that size then come from the heap, and the
freed top of the heap is kept for reuse instead of returned, a few MB that stay resident for
nothing. ``return_freed_memory()`` fixes both thresholds at glibc's defaults (128 KiB), so large
blocks are mapped and unmapped and a freed heap top goes back to the system; elsewhere (Windows,
macOS, musl) it does nothing.
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
M_TRIM_THRESHOLD = -1  # mallopt parameters (malloc.h)
M_MMAP_THRESHOLD = -3
THRESHOLD = 128 * 1024  # glibc's initial values, kept fixed

_tuned = False


def return_freed_memory() -> bool:
    """Make glibc return freed memory to the system (fixed thresholds, see above); True on
    glibc. Idempotent; call once the first window is up."""
    global _tuned
    if _tuned:
        return True
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # here: not on the way to the first paint

    try:
        libc = ctypes.CDLL(None)  # the process's own symbols: the C library it runs on
        mallopt = libc.mallopt
        libc.gnu_get_libc_version  # noqa: B018 - glibc only (musl's mallopt does nothing)
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    _tuned = bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD)) and bool(
        mallopt(M_TRIM_THRESHOLD, THRESHOLD))
    log.debug("glibc returns freed memory to the system: %s", _tuned)
    return _tuned


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
