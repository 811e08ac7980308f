"""The system-library table: what the .deb depends on and what the launcher checks first, so
a missing library is named with the package that brings it (issue 15, bad input)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from trainer import syslibs
from trainer.syslibs import Missing, missing_libraries, missing_message, needed_for

ROOT = Path(__file__).resolve().parents[2]


def test_a_missing_xcb_library_names_its_debian_package() -> None:
    absent = {"libxcb-cursor.so.0", "libxkbcommon-x11.so.0"}
    missing = missing_libraries(syslibs.XCB_LIBRARIES, loader=lambda name: name not in absent)
    assert missing == [Missing("libxcb-cursor.so.0", "libxcb-cursor0"),
                       Missing("libxkbcommon-x11.so.0", "libxkbcommon-x11-0")]
    message = missing_message(missing)
    assert "sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0" in message
    assert "libxcb-cursor.so.0, libxkbcommon-x11.so.0 are missing" in message
    assert "qt.qpa" not in message and "plugin" not in message


def test_the_real_loader_reports_a_library_that_does_not_exist(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(syslibs.PACKAGES, "libtrainer-absent.so.9", "libtrainer-absent9")
    monkeypatch.setitem(syslibs.PACKAGES, "libc.so.6", "libc6")
    found = missing_libraries(["libc.so.6", "libtrainer-absent.so.9"])
    assert found == [Missing("libtrainer-absent.so.9", "libtrainer-absent9")]


def test_xcb_is_checked_only_when_qt_will_use_it() -> None:
    assert needed_for("win32", {"DISPLAY": ":0"}) == []
    offscreen = needed_for("linux", {"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"})
    assert "libxcb-cursor.so.0" not in offscreen and "libGL.so.1" in offscreen
    assert "libxcb-cursor.so.0" in needed_for("linux", {"DISPLAY": ":0"})
    assert "libxcb-cursor.so.0" in needed_for("linux", {"QT_QPA_PLATFORM": "xcb"})


def test_every_checked_library_has_a_package_and_names_exist_on_debian_and_ubuntu() -> None:
    for soname in (*syslibs.XCB_LIBRARIES, *syslibs.QT_LIBRARIES, *syslibs.RUNTIME_LOADED):
        assert soname in syslibs.PACKAGES
    for package in syslibs.PACKAGES.values():  # Debian names, then the Ubuntu 24.04 t64 ones
        names = package.split(" | ")
        assert all(re.fullmatch(r"[a-z0-9][a-z0-9+.-]+", name) for name in names)
        assert all(name.endswith("t64") for name in names[1:])


def test_depends_are_sorted_unique_and_unknown_libraries_stop_the_build() -> None:
    assert syslibs.depends(["libGL.so.1", "libglib-2.0.so.0", "libgio-2.0.so.0"]) == [
        "libgl1", "libglib2.0-0 | libglib2.0-0t64"]
    with pytest.raises(KeyError, match="libnew.so.1"):
        syslibs.depends(["libnew.so.1"])


@pytest.mark.parametrize(("dest", "src", "system"), [
    ("libxcb-cursor.so.0", "/usr/lib/x86_64-linux-gnu/libxcb-cursor.so.0", True),
    ("libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", True),
    ("libpython3.11.so.1.0", "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0", False),
    ("python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
     "/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", False),
    ("numpy.libs/libscipy_openblas64_-32a4b2a6.so",
     "/work/venv/lib/python3.11/site-packages/numpy.libs/libscipy_openblas64_-32a4b2a6.so", False),
    ("PySide6/Qt/lib/libQt6Core.so.6", "/opt/venv/PySide6/Qt/lib/libQt6Core.so.6", False),
])
def test_system_libraries_are_left_out_of_the_bundle(dest: str, src: str, system: bool) -> None:
    assert syslibs.is_system_library(dest, src) is system


def test_the_frozen_launcher_stops_with_the_package_name(tmp_path: Path) -> None:
    """packaging/entry.py as the frozen program runs it, on an X display that lacks a library."""
    code = ("import sys, runpy; from trainer import syslibs;"
            "syslibs.XCB_LIBRARIES += ('libtrainer-absent.so.9',);"
            "syslibs.PACKAGES['libtrainer-absent.so.9'] = 'libtrainer-absent9';"
            f"sys.argv = ['trainer', '--data-dir', {str(tmp_path)!r}];"
            f"runpy.run_path({str(ROOT / 'packaging' / 'entry.py')!r}, run_name='__main__')")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "DISPLAY": ":99",
           "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    install = next(line for line in result.stderr.splitlines() if line.startswith("Install"))
    assert install.startswith("Install with: sudo apt-get install ")
    assert "libtrainer-absent9" in install.split()  # with whatever else this machine lacks
    assert "Traceback" not in result.stderr and not list(tmp_path.glob("*.sqlite3"))
