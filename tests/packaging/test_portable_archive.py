"""The portable archive (绿色版): a zip on Windows, a tar.gz elsewhere, with the marker that
turns portable mode on, and the same bytes from the same input (no freezing: a stand-in)."""

from __future__ import annotations

import stat
import tarfile
import zipfile
from pathlib import Path

import pytest
from build_installers import portable_archive


@pytest.fixture
def program(tmp_path: Path) -> Path:
    folder = tmp_path / "program"
    (folder / "_internal" / "trainer").mkdir(parents=True)
    (folder / "trainer").write_text("#!/bin/sh\n")
    (folder / "trainer").chmod(0o755)
    (folder / "_internal" / "trainer" / "课程.txt").write_text("内容", encoding="utf-8")
    return folder


def test_linux_archive_keeps_the_executable_and_the_marker(program: Path, tmp_path: Path) -> None:
    archive = portable_archive(program, tmp_path / "s", tmp_path / "dist", "1.0", 1_700_000_000,
                               "linux-amd64", windows=False)
    assert archive.name == "trainer-1.0-linux-amd64-portable.tar.gz"
    with tarfile.open(archive) as opened:
        members = {m.name: m for m in opened.getmembers()}
    assert "trainer-1.0/portable" in members and "trainer-1.0/README-portable.txt" in members
    assert members["trainer-1.0/trainer"].mode & stat.S_IXUSR
    assert "trainer-1.0/_internal/trainer/课程.txt" in members
    assert {m.uid for m in members.values()} == {0}
    assert {m.mtime for m in members.values()} == {1_700_000_000}


def test_windows_archive_is_a_zip_with_forward_slashes(program: Path, tmp_path: Path) -> None:
    archive = portable_archive(program, tmp_path / "s", tmp_path / "dist", "1.0", 1_700_000_000,
                               "windows-x64", windows=True)
    assert archive.suffix == ".zip"
    names = zipfile.ZipFile(archive).namelist()
    assert "trainer-1.0/portable" in names
    assert all("\\" not in name for name in names)


@pytest.mark.parametrize("windows", [False, True])
def test_same_input_same_bytes(program: Path, tmp_path: Path, windows: bool) -> None:
    first = portable_archive(program, tmp_path / "s", tmp_path / "a", "1.0", 1_700_000_000,
                             "x", windows=windows)
    second = portable_archive(program, tmp_path / "s", tmp_path / "b", "1.0", 1_700_000_000,
                              "x", windows=windows)
    assert first.read_bytes() == second.read_bytes()
