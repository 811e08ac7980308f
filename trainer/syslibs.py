"""System libraries the frozen program expects from Linux, and the Debian packages that hold them.

One table serves three purposes: the PyInstaller spec leaves these libraries out of the bundle,
the .deb declares their packages as dependencies (so apt pulls them in on a bare system), and
the frozen program checks them before Qt starts, so a missing one is reported as "install
package X" rather than as a Qt platform-plugin trace. Package alternatives (``a | b``) cover
names that differ between Debian 12 / UOS / Kylin and Ubuntu 24.04 (the 64-bit time_t renames).
Pure Python, no Qt: the launcher runs this before anything else is imported.
"""

from __future__ import annotations

import ctypes
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

# soname -> Debian package (alternatives with " | ").
PACKAGES: dict[str, str] = {
    # C and C++ runtime
    "libc.so.6": "libc6", "libm.so.6": "libc6", "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6", "librt.so.1": "libc6", "libutil.so.1": "libc6",
    "libresolv.so.2": "libc6", "ld-linux-x86-64.so.2": "libc6", "ld-linux-aarch64.so.1": "libc6",
    "libstdc++.so.6": "libstdc++6", "libgcc_s.so.1": "libgcc-s1",
    # Python's own extension modules
    "libz.so.1": "zlib1g", "libbz2.so.1.0": "libbz2-1.0", "liblzma.so.5": "liblzma5",
    "libffi.so.8": "libffi8", "libsqlite3.so.0": "libsqlite3-0", "libexpat.so.1": "libexpat1",
    "libuuid.so.1": "libuuid1", "libssl.so.3": "libssl3 | libssl3t64",
    "libcrypto.so.3": "libssl3 | libssl3t64", "libzstd.so.1": "libzstd1",
    "libtinfo.so.6": "libtinfo6", "libncursesw.so.6": "libncursesw6",
    "libreadline.so.8": "libreadline8 | libreadline8t64", "libmpdec.so.3": "libmpdec3",
    "libgdbm.so.6": "libgdbm6 | libgdbm6t64", "libnsl.so.2": "libnsl2",
    "libtirpc.so.3": "libtirpc3 | libtirpc3t64",
    # Qt: fonts, glib event loop, OpenGL, Kerberos (QtNetwork), D-Bus (loaded at run time)
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libharfbuzz.so.0": "libharfbuzz0b", "libpng16.so.16": "libpng16-16 | libpng16-16t64",
    "libbrotlidec.so.1": "libbrotli1", "libbrotlicommon.so.1": "libbrotli1",
    "libglib-2.0.so.0": "libglib2.0-0 | libglib2.0-0t64",
    "libgthread-2.0.so.0": "libglib2.0-0 | libglib2.0-0t64",
    "libgobject-2.0.so.0": "libglib2.0-0 | libglib2.0-0t64",
    "libgio-2.0.so.0": "libglib2.0-0 | libglib2.0-0t64",
    "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1", "libOpenGL.so.0": "libopengl0",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2", "libdbus-1.so.3": "libdbus-1-3",
    # X11 / xcb: Qt's xcb platform (the desktop on UOS, Kylin, Debian; XWayland elsewhere)
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1", "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1", "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}

# Loaded by Qt at run time (dlopen), so no ELF file names them; still needed.
RUNTIME_LOADED: tuple[str, ...] = ("libdbus-1.so.3", "libEGL.so.1")

# What the xcb platform plugin needs before it can draw anything; checked before Qt starts.
XCB_LIBRARIES: tuple[str, ...] = (
    "libxcb.so.1", "libX11.so.6", "libX11-xcb.so.1", "libxcb-cursor.so.0", "libxcb-icccm.so.4",
    "libxcb-image.so.0", "libxcb-keysyms.so.1", "libxcb-randr.so.0", "libxcb-render-util.so.0",
    "libxcb-shape.so.0", "libxcb-shm.so.0", "libxcb-sync.so.1", "libxcb-xfixes.so.0",
    "libxcb-xkb.so.1", "libxcb-util.so.1", "libxkbcommon.so.0", "libxkbcommon-x11.so.0",
)
# Needed by Qt whatever the platform (offscreen included).
QT_LIBRARIES: tuple[str, ...] = (
    "libGL.so.1", "libEGL.so.1", "libfontconfig.so.1", "libfreetype.so.6", "libglib-2.0.so.0",
    "libgthread-2.0.so.0",
)

_SYSTEM_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/lib32/", "/usr/lib32/")
_SHARED_LIBRARY = re.compile(r"^(lib[^/\\]+|ld-linux[^/\\]*)\.so(\.[0-9.]+)?$")


def is_system_library(dest: str, src: str) -> bool:
    """True for a shared library PyInstaller found in the system's folders (not an extension
    module, not libpython): it stays out of the bundle and becomes a package dependency."""
    name = os.path.basename(dest)
    if not _SHARED_LIBRARY.match(name) or name.startswith("libpython"):
        return False
    real = os.path.realpath(src) if src else ""
    return real.startswith(_SYSTEM_DIRS)


def depends(sonames: Iterable[str]) -> list[str]:
    """The Debian ``Depends`` entries for these libraries, sorted and without duplicates;
    KeyError names a library the table does not know (add it, with its package)."""
    unknown = sorted({s for s in sonames if s not in PACKAGES})
    if unknown:
        raise KeyError(f"no Debian package known for {', '.join(unknown)} (trainer/syslibs.py)")
    return sorted({PACKAGES[s] for s in sonames})


@dataclass(frozen=True)
class Missing:
    """A library the loader could not open, and the package to install."""

    soname: str
    package: str


def _can_load(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_libraries(sonames: Sequence[str],
                      loader: Callable[[str], bool] = _can_load) -> list[Missing]:
    """Each library of ``sonames`` the dynamic loader cannot find, with its package."""
    return [Missing(s, PACKAGES[s].split(" | ")[0]) for s in sonames if not loader(s)]


def needed_for(platform: str | None, environ: Mapping[str, str]) -> list[str]:
    """The libraries to check before Qt starts on ``platform`` (a sys.platform value); the
    xcb set only when Qt will pick xcb (an X display, no other platform chosen)."""
    if not platform or not platform.startswith("linux"):
        return []
    chosen = environ.get("QT_QPA_PLATFORM", "")
    wanted = list(QT_LIBRARIES)
    if chosen.startswith("xcb") or (not chosen and environ.get("DISPLAY")):
        wanted += XCB_LIBRARIES
    return wanted


def missing_message(missing: Sequence[Missing]) -> str:
    """What the user reads: which library is missing and the apt command that installs it."""
    packages = " ".join(sorted({m.package for m in missing}))
    names = ", ".join(m.soname for m in missing)
    return (f"trainer: cannot start: the system {'library' if len(missing) == 1 else 'libraries'}"
            f" {names} {'is' if len(missing) == 1 else 'are'} missing.\n"
            f"Install with: sudo apt-get install {packages}\n"
            f"(UOS, Kylin, Debian and Ubuntu; installing the trainer .deb with apt does this.)")
