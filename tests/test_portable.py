"""Where the data folder is for each way Trainer runs (Python package, installed program,
portable folder 绿色版) and on each platform, and that a portable Trainer writes nothing outside
its own folder. No freezing needed: a frozen program is ``sys.frozen`` plus ``sys.executable``
in its folder, which the tests set up."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import platformdirs.unix
import platformdirs.windows
import pytest

from trainer import config
from trainer.config import (
    PLATFORM_DIRS,
    check_writable,
    portable_data_dir,
    portable_environment,
    resolve_paths,
    run_mode,
)
from trainer.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "packaging" / "entry.py"


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen program's folder: ``sys.executable`` is its ``trainer`` executable."""
    program = tmp_path / "Trainer"
    program.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "trainer"))
    monkeypatch.delenv("TRAINER_DATA_DIR", raising=False)
    return program


def test_python_package_is_never_portable(tmp_path: Path) -> None:
    assert config.program_dir() is None  # the test run is not frozen
    assert run_mode() == "python"
    assert portable_data_dir() is None


def test_installed_program_uses_the_user_data_folder(frozen: Path) -> None:
    assert run_mode() == "installed"
    assert portable_data_dir() is None
    folder = resolve_paths().data_dir
    assert frozen not in folder.parents  # never inside the install folder
    assert folder == Path(platformdirs.PlatformDirs(**PLATFORM_DIRS).user_data_dir).resolve()


@pytest.mark.parametrize("executable", ["trainer", "trainer-gui.exe"])
@pytest.mark.parametrize("marker", ["file", "folder"])
def test_portable_marker_or_data_folder_keeps_data_beside_the_program(
        frozen: Path, marker: str, executable: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", str(frozen / executable))  # Linux; Windows' GUI
    if marker == "file":
        (frozen / "portable").write_text("")
    else:
        (frozen / "data").mkdir()
    assert run_mode() == "portable"
    assert resolve_paths().data_dir == (frozen / "data").resolve()


def test_explicit_data_folder_still_wins_in_portable_mode(
        frozen: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (frozen / "portable").write_text("")
    assert resolve_paths(tmp_path / "chosen").data_dir == (tmp_path / "chosen").resolve()
    monkeypatch.setenv("TRAINER_DATA_DIR", str(tmp_path / "env"))
    assert resolve_paths().data_dir == (tmp_path / "env").resolve()


def test_user_data_folder_per_platform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Linux: XDG data home; Windows: the local (not roaming) AppData folder, per user."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert platformdirs.unix.Unix(**PLATFORM_DIRS).user_data_dir == str(tmp_path / "xdg" / "Trainer")
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\li\AppData\Local")
    monkeypatch.setenv("APPDATA", r"C:\Users\li\AppData\Roaming")
    monkeypatch.setattr(platformdirs.windows, "get_win_folder",
                        platformdirs.windows.get_win_folder_from_env_vars)
    windows = platformdirs.windows.Windows(**PLATFORM_DIRS).user_data_dir
    assert windows.replace("/", "\\") == r"C:\Users\li\AppData\Local\Trainer\Trainer"


def test_portable_environment_keeps_caches_and_settings_inside(tmp_path: Path) -> None:
    data = tmp_path / "Trainer" / "data"
    variables = portable_environment(data)
    assert {"XDG_CONFIG_HOME", "XDG_CACHE_HOME", "MPLCONFIGDIR"} <= set(variables)
    assert all(data in Path(value).parents for value in variables.values())


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` a read-only medium: a read-only bind mount as root (root ignores
    permissions), else a folder without write permission."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)],
                             capture_output=True)
    if mounted.returncode:
        pytest.skip("cannot mount a read-only file system here (no CAP_SYS_ADMIN)")
    subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
    try:
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_read_only_portable_medium_is_reported_before_anything_opens(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    with read_only(stick):
        with pytest.raises(ConfigError) as caught:
            check_writable(stick / "data", portable=True)
        assert not (stick / "data").exists()
    message = str(caught.value)
    assert "read-only" in message and "Nothing was opened" in message
    assert "Copy the whole Trainer folder" in caught.value.hint


def test_writable_check_leaves_only_the_folder(tmp_path: Path) -> None:
    check_writable(tmp_path / "data")
    assert list((tmp_path / "data").iterdir()) == []


def _frozen_run(program: Path, home: Path, *args: str,
                extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run packaging/entry.py as the frozen program in ``program`` would run it."""
    code = (f"import sys, runpy; sys.frozen = True; sys.executable = {str(program / 'trainer')!r};"
            f"sys.argv = ['trainer', *{list(args)!r}]; runpy.run_path({str(ENTRY)!r}, "
            "run_name='__main__')")
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("XDG_", "TRAINER_", "MPLCONFIGDIR"))}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1",
               QT_QPA_PLATFORM="offscreen", **(extra_env or {}))
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.slow
def test_portable_program_writes_nothing_in_the_home_folder(tmp_path: Path) -> None:
    program, home = tmp_path / "Trainer", tmp_path / "home"
    program.mkdir()
    home.mkdir()
    (program / "portable").write_text("")
    listed = _frozen_run(program, home, "pack", "list")
    assert listed.returncode == 0, listed.stderr
    assert "digital-government" in listed.stdout
    shown = _frozen_run(program, home, extra_env={"TRAINER_SMOKE_TEST": "1"})
    assert shown.returncode == 0, shown.stderr
    assert "PAINTED" in shown.stdout
    assert (program / "data" / "trainer.sqlite3").is_file()
    assert (program / "data" / "settings.json").is_file() or (program / "data" / "logs").is_dir()
    assert sorted(p.relative_to(home) for p in home.rglob("*")) == []


def test_read_only_portable_program_says_so_and_creates_nothing(tmp_path: Path) -> None:
    stick = tmp_path / "Trainer"
    stick.mkdir()
    (stick / "portable").write_text("")
    with read_only(stick):
        result = _frozen_run(stick, tmp_path, "pack", "list")
        assert sorted(p.name for p in stick.iterdir()) == ["portable"]  # nothing half-way
    assert result.returncode == 1
    assert "read-only" in result.stderr and "Copy the whole Trainer folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_full_medium_is_reported_as_full(tmp_path: Path) -> None:
    """A USB stick with no space left: said so before anything opens (root: a tiny tmpfs)."""
    stick = tmp_path / "stick"
    stick.mkdir()
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "none", str(stick)],
            capture_output=True).returncode:
        pytest.skip("needs root and tmpfs to fill a file system")
    try:
        (stick / "data").mkdir()
        with contextlib.suppress(OSError), open(stick / "filler", "wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
        with pytest.raises(ConfigError, match="full") as caught:
            check_writable(stick / "data", portable=True)
        assert "Free some space" in caught.value.hint
        assert list((stick / "data").iterdir()) == []  # no probe file left behind
    finally:
        subprocess.run(["umount", str(stick)], check=True)


def test_read_only_portable_desktop_start_says_so_without_hanging(tmp_path: Path) -> None:
    stick = tmp_path / "Trainer"
    stick.mkdir()
    (stick / "portable").write_text("")
    with read_only(stick):
        result = _frozen_run(stick, tmp_path)  # no command: the desktop app (offscreen)
    assert result.returncode == 1 and "read-only" in result.stderr
