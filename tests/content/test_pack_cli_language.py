"""``pack build``, ``pack import`` and ``pack info`` speak the user's language as ``pack
validate`` does (issue 19), and a built zip has the usual permissions, not owner-only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from trainer.cli import main


def _locale(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.setenv("LANG", lang)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_import_and_info_in_a_chinese_locale(tmp_path: Path, data_dir: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _locale(monkeypatch, "zh_CN.UTF-8")
    pack = tmp_path / "demo"
    run(capsys, "pack", "new", str(pack))
    archive = tmp_path / "demo.zip"
    code, out, _ = run(capsys, "pack", "build", str(pack), "-o", str(archive))
    assert code == 0 and out.startswith(f"已写出 {archive}（") and "SHA-256：" in out
    code, out, _ = run(capsys, "pack", "info", str(archive))
    assert code == 0 and "个模块" in out and "道练习题" in out and "modules" not in out
    code, out, _ = run(capsys, "pack", "import", str(archive))
    assert code == 0 and out.startswith("已安装 ")
    code, out, _ = run(capsys, "pack", "import", str(archive))
    assert code == 0 and "已经安装，没有改动" in out
    lesson = pack / "modules" / "01-lesson.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("- [x] 有条件共享",
                                                                 "- [y] 有条件共享"),
                      encoding="utf-8")
    for command in ("build", "import"):
        code, out, err = run(capsys, "pack", command, str(pack))
        assert code == 1 and out == ""
        assert err.startswith(f"trainer: {pack} 不是有效的课程包：") and "错误: " in err
        assert f"请运行 trainer pack validate {pack} 查看全部问题。" in err
        assert "not a valid" not in err and "Traceback" not in err
    code, _, err = run(capsys, "pack", "info", "no-such-pack")
    assert code == 1 and "课程库中没有课程包" in err
    _locale(monkeypatch, "C.UTF-8")
    code, out, err = run(capsys, "pack", "build", str(pack))
    assert code == 1 and "is not a valid course pack" in err


def test_a_built_zip_is_readable_by_others_as_the_umask_allows(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _locale(monkeypatch, "C.UTF-8")
    pack = tmp_path / "demo"
    run(capsys, "pack", "new", str(pack))
    old = os.umask(0o022)
    try:
        assert run(capsys, "pack", "build", str(pack), "-o", str(tmp_path / "a.zip"))[0] == 0
        os.umask(0o077)
        assert run(capsys, "pack", "build", str(pack), "-o", str(tmp_path / "b.zip"))[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.zip").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "b.zip").stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".build-*"))
