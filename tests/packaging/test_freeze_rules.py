"""What goes into the frozen program, for Linux and Windows paths alike (the spec is shared)."""

from __future__ import annotations

from pathlib import Path

import pytest
from freeze_rules import keep

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "trainer.spec"


@pytest.mark.parametrize("separator", ["/", "\\"])
@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/lib/libQt6WaylandClient.so.6", False),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/translations/qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qtdeclarative_zh_CN.qm", False),
    ("matplotlib/mpl-data/sample_data/goog.npz", False),
    ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", True),
    ("trainer/ui/i18n/trainer_zh_CN.qm", True),
])
def test_only_what_trainer_loads_is_kept(separator: str, dest: str, kept: bool) -> None:
    windows = separator == "\\"
    assert keep(dest.replace("/", separator), "C:\\venv\\x" if windows else "/venv/x",
                windows) is kept


def test_system_libraries_are_dropped_on_linux_only() -> None:
    src = "/usr/lib/x86_64-linux-gnu/libfontconfig.so.1"
    assert not keep("libfontconfig.so.1", src, windows=False)
    assert keep("libfontconfig.so.1", src, windows=True)


def test_the_spec_has_no_platform_specific_paths() -> None:
    text = SPEC.read_text(encoding="utf-8")
    for fragment in ("/usr/", "/opt/", "/lib/", "C:\\", ".so", ".dll", "x86_64"):
        assert fragment not in text, fragment
