"""Memory the desktop app need not keep: module sources held for PySide, freed heap held by glibc.

PySide6 6.11 (shiboken's ``__feature__`` support) checks each module imported after PySide with
``inspect.getsource(module)`` (does the source mention "PySide6"?), which leaves the module's
whole source, split into lines, in ``linecache``: about 38 MB once SQLAlchemy and matplotlib are
loaded, for nothing (the cache only serves traceback lines, which it reads again when needed),
and costs time: ~13 M instructions for the 15 modules imported before the first paint (issue
14). ``read_sources_as_bytes()`` (in ``trainer.ui``, run as that package is imported, before any
screen module) answers the same question from the bytes of the module's ``.py`` file instead
(an ASCII word in a UTF-8 or GB 18030 file: the same answer), which keeps nothing; modules
without a ``.py`` file of their own (built-in, extension, zipped, frozen) still go to PySide's
check, whose ``linecache`` entries are dropped right after. ``drop_import_sources()`` also
empties the cache once. Newer PySide versions without the check are left alone.

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

from trainer.ui import CHECK, FEATURE_MODULE, read_sources_as_bytes

__all__ = ["CHECK", "FEATURE_MODULE", "drop_import_sources", "read_sources_as_bytes",
           "return_freed_memory"]

log = logging.getLogger(__name__)

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
    """Empty ``linecache`` and stop PySide refilling it on import; True if the check was
    replaced (see ``read_sources_as_bytes``).

    Idempotent. Safe from any thread: ``dict.clear`` runs without letting another thread in.
    """
    linecache.clearcache()
    return read_sources_as_bytes()

