"""The .deb in the UOS app-store layout, from the frozen one-folder program (see build_installers).

    /opt/apps/<appid>/files/          the PyInstaller folder (``trainer`` executable, ``_internal``)
    /opt/apps/<appid>/entries/applications/<appid>.desktop
    /opt/apps/<appid>/entries/icons/hicolor/<size>/apps/<appid>.png (and scalable SVG)
    /opt/apps/<appid>/info            JSON the store reads
    /usr/bin/trainer, /usr/share/applications/<appid>.desktop   unless --uos-store

No maintainer scripts: installing changes nothing but these files, and removing the package
leaves every data folder alone (data lives in the user's folder, never under /opt).
Reproducible: fixed mtimes (SOURCE_DATE_EPOCH), root owner, normalised modes; dpkg-deb sorts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

APP_ID = "cn.trainer.app"  # reverse-domain id of the UOS store; --appid for an organisation's own
NAME_EN = "Trainer — Digital Government Skills"
NAME_ZH = "数字政府能力培训"
ICON_SIZES = (32, 64, 128, 256)
# Debian/Ubuntu machine names from `dpkg --print-architecture`; UOS's info JSON uses the same.
DEB_ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64",
            "loongarch64": "loong64", "mips64": "mips64el"}


@dataclass(frozen=True)
class DebSpec:
    """What goes into one package."""

    version: str
    arch: str
    appid: str = APP_ID
    uos_store: bool = False

    @property
    def package(self) -> str:
        """The store requires the package to be named after the appid; elsewhere: trainer."""
        return self.appid if self.uos_store else "trainer"

    @property
    def file_name(self) -> str:
        return f"{self.package}_{self.version}_{self.arch}.deb"

    @property
    def prefix(self) -> str:
        return f"/opt/apps/{self.appid}"


def desktop_entry(spec: DebSpec, icon: str) -> str:
    """The menu entry: Chinese name for zh_CN desktops, English elsewhere."""
    return "\n".join([
        "[Desktop Entry]", "Type=Application", "Version=1.0",
        f"Name={NAME_EN}", f"Name[zh_CN]={NAME_ZH}",
        "GenericName=Training", "GenericName[zh_CN]=培训",
        "Comment=Offline training in digital-government and data-governance skills",
        "Comment[zh_CN]=离线学习数字政府与数据治理能力",
        f"Exec={spec.prefix}/files/trainer", f"Icon={icon}", "Terminal=false",
        "Categories=Education;Office;", "Keywords=training;e-learning;培训;学习;",
        "StartupWMClass=trainer", "",
    ])


def info_json(spec: DebSpec) -> str:
    """The UOS store's ``info`` file: id, names, version, architectures, no special rights."""
    return json.dumps({
        "appid": spec.appid, "name": NAME_ZH, "version": spec.version, "arch": [spec.arch],
        "permissions": {key: False for key in (
            "autostart", "notification", "trayicon", "clipboard", "account", "bluetooth",
            "camera", "audio_record", "installed_apps")},
    }, ensure_ascii=False, indent=2) + "\n"


def control(spec: DebSpec, depends: Iterable[str], installed_kib: int) -> str:
    other = "trainer" if spec.uos_store else spec.appid
    return "\n".join([
        f"Package: {spec.package}", f"Version: {spec.version}", f"Architecture: {spec.arch}",
        "Maintainer: Trainer team <trainer@localhost>", f"Installed-Size: {installed_kib}",
        f"Depends: {', '.join(depends)}", f"Conflicts: {other}", f"Replaces: {other}",
        "Section: education", "Priority: optional",
        f"Description: {NAME_EN} ({NAME_ZH})",
        " Offline desktop training for civil servants: courses with exercises, credit hours,",
        " progress and reports. Learner data stays in each user's data folder, outside the",
        " installation, so upgrading or removing the package keeps it.", "",
    ])


def stage(spec: DebSpec, program: Path, assets: Path, root: Path) -> None:
    """Lay the package's files out under ``root`` (emptied first)."""
    if root.exists():
        shutil.rmtree(root)
    base = root / spec.prefix.lstrip("/")
    shutil.copytree(program, base / "files", symlinks=True)
    entries = base / "entries"
    hicolor = entries / "icons" / "hicolor"
    for size in ICON_SIZES:
        target = hicolor / f"{size}x{size}" / "apps" / f"{spec.appid}.png"
        target.parent.mkdir(parents=True)
        shutil.copy2(assets / "icons" / f"trainer-{size}.png", target)
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(assets / "icons" / "trainer.svg", hicolor / "scalable" / "apps" / f"{spec.appid}.svg")
    (entries / "applications").mkdir(parents=True)
    (entries / "applications" / f"{spec.appid}.desktop").write_text(
        desktop_entry(spec, spec.appid), encoding="utf-8")
    (base / "info").write_text(info_json(spec), encoding="utf-8")
    if not spec.uos_store:
        (root / "usr" / "bin").mkdir(parents=True)
        os.symlink(f"{spec.prefix}/files/trainer", root / "usr" / "bin" / "trainer")
        menu = root / "usr" / "share" / "applications" / f"{spec.appid}.desktop"
        menu.parent.mkdir(parents=True)
        # An absolute icon path: the hicolor theme in /usr/share/icons does not know our icons.
        menu.write_text(desktop_entry(
            spec, f"{spec.prefix}/entries/icons/hicolor/256x256/apps/{spec.appid}.png"),
            encoding="utf-8")


def normalise(root: Path, epoch: int) -> None:
    """Modes 0755/0644 (executables and shared objects keep x), one mtime for everything."""
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_symlink():
            os.utime(path, (epoch, epoch), follow_symlinks=False)
            continue
        executable = path.is_dir() or os.access(path, os.X_OK) or ".so" in path.name
        path.chmod(0o755 if executable else 0o644)
        os.utime(path, (epoch, epoch))
    root.chmod(0o755)
    os.utime(root, (epoch, epoch))


def installed_size_kib(root: Path) -> int:
    return sum((p.lstat().st_size + 1023) // 1024 for p in root.rglob("*")
               if p.is_file() or p.is_symlink())


def build(spec: DebSpec, root: Path, depends: list[str], out_dir: Path, epoch: int) -> Path:
    """Write DEBIAN/control, normalise and run dpkg-deb; returns the .deb's path."""
    debian = root / "DEBIAN"
    debian.mkdir(exist_ok=True)
    (debian / "control").write_text(control(spec, depends, installed_size_kib(root)),
                                    encoding="utf-8")
    normalise(root, epoch)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / spec.file_name
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    # xz, which every dpkg reads (zstd needs dpkg ≥ 1.21.18: not UOS 20's); level 1 packs
    # Qt and numpy 4× faster than the default 6 for a file about 14 % larger (~78 MiB).
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", str(root),
                    str(target)], check=True, env=env, stdout=subprocess.DEVNULL)
    return target
