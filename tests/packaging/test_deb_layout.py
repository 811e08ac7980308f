"""The .deb's layout (UOS app-store rules, plus a command and a menu entry elsewhere), built by
dpkg-deb from a small stand-in for the frozen program: nothing to freeze, seconds to run."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import debian_package
import pytest
from debian_package import DebSpec

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")


def _build(tmp_path: Path, spec: DebSpec, name: str) -> Path:
    program = tmp_path / "program"
    if not program.exists():
        (program / "_internal").mkdir(parents=True)
        (program / "trainer").write_text("#!/bin/sh\n")
        (program / "trainer").chmod(0o700)
        (program / "_internal" / "data.txt").write_text("x")
    root = tmp_path / f"root-{name}"
    debian_package.stage(spec, program, ROOT / "assets", root)
    return debian_package.build(spec, root, ["libc6", "libgl1"], tmp_path / name, 1_700_000_000)


def _listing(deb: Path) -> dict[str, str]:
    lines = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    return {line.split()[5].removeprefix("."): line for line in lines}


def test_uos_layout_command_and_menu(tmp_path: Path) -> None:
    spec = DebSpec(version="1.2.3", arch="amd64")
    deb = _build(tmp_path, spec, "a")
    assert deb.name == "trainer_1.2.3_amd64.deb"
    files = _listing(deb)
    base = "/opt/apps/cn.trainer.app"
    for path in (f"{base}/files/trainer", f"{base}/info",
                 f"{base}/entries/applications/cn.trainer.app.desktop",
                 f"{base}/entries/icons/hicolor/256x256/apps/cn.trainer.app.png",
                 f"{base}/entries/icons/hicolor/scalable/apps/cn.trainer.app.svg",
                 "/usr/bin/trainer", "/usr/share/applications/cn.trainer.app.desktop"):
        assert path in files, path
    assert files[f"{base}/files/trainer"].startswith("-rwxr-xr-x root/root")
    assert files[f"{base}/info"].startswith("-rw-r--r-- root/root")
    assert f"-> {base}/files/trainer" in files["/usr/bin/trainer"]
    assert not any(p.startswith(("/home", "/etc", "/var")) for p in files)
    info = subprocess.run(["dpkg-deb", "-I", str(deb)], capture_output=True, text=True,
                          check=True).stdout
    assert "Depends: libc6, libgl1" in info and "Package: trainer" in info
    assert not any(script in info for script in ("postinst", "preinst", "prerm", "postrm"))


def test_store_variant_stays_inside_opt_apps(tmp_path: Path) -> None:
    deb = _build(tmp_path, DebSpec(version="1.2.3", arch="arm64", uos_store=True), "s")
    assert deb.name == "cn.trainer.app_1.2.3_arm64.deb"
    assert all(p.startswith("/opt/apps/cn.trainer.app") or p in ("/", "/opt/", "/opt/apps/")
               for p in _listing(deb))


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    spec = DebSpec(version="1.2.3", arch="amd64")
    first, second = _build(tmp_path, spec, "one"), _build(tmp_path, spec, "two")
    assert first.read_bytes() == second.read_bytes()


def test_menu_entry_and_store_info() -> None:
    spec = DebSpec(version="0.1.0", arch="amd64")
    entry = debian_package.desktop_entry(spec, "cn.trainer.app")
    assert "Name[zh_CN]=数字政府能力培训" in entry
    assert "Exec=/opt/apps/cn.trainer.app/files/trainer" in entry
    info = json.loads(debian_package.info_json(spec))
    assert info["appid"] == "cn.trainer.app" and info["arch"] == ["amd64"]
    assert not any(info["permissions"].values())
