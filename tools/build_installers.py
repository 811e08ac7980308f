"""Build Trainer's installers from a checkout (issue 15). Needs the ``build`` extra:

    pip install -e ".[build]"
    python tools/build_installers.py deb [--uos-store] [--appid ID]   dist/trainer_<ver>_<arch>.deb
    python tools/build_installers.py portable     dist/trainer-<ver>-<os>-<arch>-portable.tar.gz|.zip
    python tools/build_installers.py windows      the Windows folder, then Inno Setup if installed

Each runs PyInstaller on packaging/trainer.spec first (the work folder build/pyinstaller is
reused, so a second build takes a fraction of the first); ``--no-freeze`` packs the last build
again. Offline once the build extra is installed. Reproducible: SOURCE_DATE_EPOCH (default: the
last commit's time) fixes every timestamp, PYTHONHASHSEED=0 the bytecode.
On an arm64 machine the same command builds the arm64 package.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import debian_package  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "pyinstaller"
PROGRAM = BUILD / "dist" / "trainer"  # the one-folder program PyInstaller writes
DIST = ROOT / "dist"
SPEC = ROOT / "packaging" / "trainer.spec"
PORTABLE_README = """Trainer {version} — portable (绿色版)

Start: ./trainer (Linux) or trainer-gui.exe (Windows). Everything Trainer saves (learner
records, settings, caches, logs) goes into the folder "data" beside the program, because the
file "portable" is here. Back up by copying the "data" folder; keep the whole folder on a
writable disk or USB stick. Delete "portable" (and move "data" away) to use the user's data
folder instead.

便携版：所有数据（学员记录、设置、缓存、日志）都保存在程序旁边的 data 文件夹中。
备份时复制 data 文件夹即可；请把整个文件夹放在可写的磁盘或 U 盘上。
"""


def version() -> str:
    text = (ROOT / "trainer" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    if match is None:
        sys.exit("build_installers: no __version__ in trainer/__init__.py")
    return match.group(1)


def deb_arch() -> str:
    """Debian's name for this machine (amd64, arm64, loong64…)."""
    if shutil.which("dpkg"):
        return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                              check=True).stdout.strip()
    return debian_package.DEB_ARCH.get(platform.machine().lower(), platform.machine().lower())


def source_date_epoch() -> int:
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                            text=True)
    return int(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else 0


def freeze(epoch: int) -> None:
    """PyInstaller on the spec; the work folder is kept for the next build."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": str(epoch)}
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(BUILD / "dist"), "--workpath", str(BUILD / "work"),
                    str(SPEC)], check=True, cwd=ROOT, env=env)
    print(f"PyInstaller took {time.monotonic() - started:.0f} s")


def strip_symbols(program: Path) -> None:
    """Drop debugging symbols (about 50 MiB: libpython, Python's modules, Qt plugins), except in
    the ``*.libs`` folders of wheels repaired by auditwheel: patchelf moved their ELF segments,
    and strip then breaks them (numpy's OpenBLAS: "ELF load command … not page-aligned").
    PyInstaller's own strip option strips everything, hence this."""
    files = [str(p) for p in elf_files(program)
             if not any(part.endswith(".libs") for part in p.relative_to(program).parts)]
    for start in range(0, len(files), 200):
        subprocess.run(["strip", "--strip-unneeded", *files[start:start + 200]], check=True)


def elf_files(program: Path) -> list[Path]:
    found = []
    for path in sorted(program.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as handle:
            if handle.read(4) == b"\x7fELF":
                found.append(path)
    return found


def size_mib(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir()) / 2**20


def needed_system_libraries(program: Path) -> tuple[set[str], str]:
    """Every shared library an ELF file of the bundle needs that the bundle does not hold, and
    the newest glibc symbol version any of them uses (the package's ``libc6 (>= …)``)."""
    inside = {p.name for p in program.rglob("*")}
    needed: set[str] = set()
    glibc = {"2.17"}
    for path in elf_files(program):
        out = subprocess.run(["readelf", "-d", "-V", "--wide", str(path)], capture_output=True,
                             text=True).stdout
        needed.update(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out))
        glibc.update(re.findall(r"Name: GLIBC_([0-9.]+)", out))
    newest = max(glibc, key=lambda v: tuple(int(n) for n in v.split(".")))
    return needed - inside, newest


def build_deb(args: argparse.Namespace, epoch: int) -> Path:
    from trainer import syslibs

    libraries, glibc = needed_system_libraries(PROGRAM)
    try:
        depends = syslibs.depends(libraries | set(syslibs.RUNTIME_LOADED))
    except KeyError as exc:
        sys.exit(f"build_installers: {exc.args[0]}")
    # apt then refuses a system too old for this build, instead of a loader error at start
    depends = [f"libc6 (>= {glibc})" if d == "libc6" else d for d in depends]
    spec = debian_package.DebSpec(version=version(), arch=deb_arch(), appid=args.appid,
                                  uos_store=args.uos_store)
    root = ROOT / "build" / "deb-root"
    debian_package.stage(spec, PROGRAM, ROOT / "assets", root)
    started = time.monotonic()
    deb = debian_package.build(spec, root, depends, DIST, epoch)
    print(f"dpkg-deb took {time.monotonic() - started:.0f} s")
    installed = debian_package.installed_size_kib(root) / 1024
    print(f"{deb.relative_to(ROOT)}: {size_mib(deb):.1f} MiB, installed {installed:.0f} MiB, "
          f"depends on {len(depends)} packages")
    return deb


def _tar_filter(epoch: int):  # type: ignore[no-untyped-def]
    def clean(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mtime = epoch
        return info

    return clean


def build_portable(epoch: int) -> Path:
    """The portable archive of the last build, named for this system and machine."""
    windows = sys.platform == "win32"
    machine = "x64" if windows else deb_arch()
    system = "windows" if windows else sys.platform.rstrip("0123456789")
    target = portable_archive(PROGRAM, ROOT / "build" / "portable", DIST, version(), epoch,
                              f"{system}-{machine}", windows=windows)
    print(f"{target.relative_to(ROOT)}: {size_mib(target):.1f} MiB")
    return target


def portable_archive(program: Path, staging_root: Path, dist: Path, release: str, epoch: int,
                     platform_tag: str, *, windows: bool) -> Path:
    """The program folder with its ``portable`` marker and a read-me, as ``trainer-<release>/``
    in a zip (Windows: Explorer opens it) or a tar.gz (Linux: keeps the executable bits).
    Sorted entries, one timestamp, no owners: the same input gives the same bytes."""
    top = f"trainer-{release}"
    staging = staging_root / top
    shutil.rmtree(staging_root, ignore_errors=True)
    shutil.copytree(program, staging, symlinks=True)
    (staging / "portable").write_text("This file turns on portable mode: data is kept in data/.\n",
                                      encoding="utf-8")
    (staging / "README-portable.txt").write_text(PORTABLE_README.format(version=release),
                                                 encoding="utf-8")
    dist.mkdir(parents=True, exist_ok=True)
    files = sorted(staging.rglob("*"))
    stem = f"trainer-{release}-{platform_tag}-portable"
    if windows:
        target = dist / f"{stem}.zip"
        stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot go before 1980
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                if path.is_file():
                    info = zipfile.ZipInfo(path.relative_to(staging_root).as_posix(), stamp)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, path.read_bytes())
        return target
    target = dist / f"{stem}.tar.gz"
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=epoch,
                                                  filename="") as packed, \
            tarfile.open(fileobj=packed, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for path in [staging, *files]:
            archive.add(path, path.relative_to(staging_root).as_posix(), recursive=False,
                        filter=_tar_filter(epoch))
    return target


def build_windows(epoch: int) -> None:
    """Inno Setup (ISCC.exe on PATH) turns the folder into a per-user installer."""
    build_portable(epoch)
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    if iscc is None:
        print("Inno Setup's ISCC.exe is not on PATH: the installer was not built (see README).")
        return
    icon = windows_icon(ROOT / "build" / "trainer.ico")
    subprocess.run([iscc, f"/DAppVersion={version()}", f"/DSourceDir={PROGRAM}",
                    f"/DIconFile={icon}", f"/O{DIST}", str(ROOT / "packaging" / "trainer.iss")],
                   check=True)


def windows_icon(target: Path) -> Path:
    """The app icon as .ico (Windows and Inno Setup want one), from the bundled PNGs."""
    from PIL import Image  # matplotlib's dependency, so present wherever Trainer builds

    target.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(ROOT / "assets" / "icons" / "trainer-256.png") as image:
        image.save(target, sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_installers", description=__doc__.split("\n")[0])
    parser.add_argument("target", choices=("deb", "portable", "windows"))
    parser.add_argument("--no-freeze", action="store_true",
                        help="pack the last PyInstaller build again")
    parser.add_argument("--uos-store", action="store_true",
                        help="deb: nothing outside /opt/apps (no /usr/bin link, no menu file)")
    parser.add_argument("--appid", default=debian_package.APP_ID,
                        help=f"deb: reverse-domain application id (default {debian_package.APP_ID})")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    epoch = source_date_epoch()
    if not args.no_freeze or not PROGRAM.is_dir():
        freeze(epoch)
    if sys.platform.startswith("linux") and shutil.which("strip"):
        strip_symbols(PROGRAM)  # idempotent, so --no-freeze builds are stripped too
    if args.target == "deb":
        build_deb(args, epoch)
    elif args.target == "portable":
        build_portable(epoch)
    else:
        build_windows(epoch)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
