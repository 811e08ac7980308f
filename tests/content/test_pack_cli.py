"""``trainer pack …`` end to end: new, validate, info, build, import, list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer.cli import main


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages follow the locale; these tests read the English ones."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_pack_is_valid_and_shows_every_exercise_type(tmp_path: Path, data_dir: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "my-course"
    assert run(capsys, "pack", "new", str(target))[0] == 0
    code, out, err = run(capsys, "pack", "validate", str(target))
    assert (code, out) == (0, "")
    assert "valid course pack (0 error(s), 0 warning(s))" in err
    code, out, _ = run(capsys, "pack", "info", str(target), "--json")
    info = json.loads(out)
    assert info["id"] == "my-course" and info["version"] == "1.0.0"
    assert set(info["exercise_types"]) == {"single", "multiple", "truefalse", "fill", "order",
                                           "match", "open"}
    assert info["modules"] == 4 and info["exercises"] == sum(info["exercise_types"].values())
    assert info["minutes"] > 0 and info["competencies"]["data-sharing"] > 0


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path, data_dir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("keep me")
    code, _, err = run(capsys, "pack", "new", str(tmp_path / "busy"))
    assert code == 1 and "not empty" in err
    assert (tmp_path / "busy" / "notes.txt").read_text() == "keep me"


def test_breaking_a_rule_names_the_file_and_line(tmp_path: Path, data_dir: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "p"
    run(capsys, "pack", "new", str(target))
    lesson = target / "modules" / "01-lesson.md"
    text = lesson.read_text("utf-8")
    line = text.splitlines().index("- [x] 有条件共享") + 1
    lesson.write_text(text.replace("- [x] 有条件共享", "- [ ] 有条件共享"), "utf-8")
    code, out, _ = run(capsys, "pack", "validate", str(target))
    assert code == 1
    first_option = line - 2
    assert out.splitlines() == [
        f"{lesson}:{first_option}: error: exercise q-sharing-type marks no option as correct; "
        "tick the right one with '- [x]'."]
    code, out, _ = run(capsys, "pack", "validate", str(target), "--json")
    report = json.loads(out)
    assert code == 1 and report["errors"] == 1
    assert report["problems"][0]["file"] == "modules/01-lesson.md"
    assert report["problems"][0]["line"] == first_option


def test_build_import_list(tmp_path: Path, data_dir: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "demo-pack"
    run(capsys, "pack", "new", str(target))
    archive = tmp_path / "demo.zip"
    code, out, _ = run(capsys, "pack", "build", str(target), "-o", str(archive))
    assert code == 0 and archive.is_file() and "Wrote" in out
    code, out, _ = run(capsys, "pack", "import", str(archive))
    assert code == 0 and "Installed" in out
    assert (data_dir / "packs" / "demo-pack" / "1.0.0" / "course.yaml").is_file()
    code, out, _ = run(capsys, "pack", "import", str(archive))
    assert code == 0 and "nothing changed" in out
    code, out, _ = run(capsys, "pack", "list", "--json")
    entries = {e["id"]: e for e in json.loads(out) if e["id"]}
    assert entries["demo-pack"]["origin"] == "installed" and entries["demo-pack"]["current"]
    code, out, _ = run(capsys, "pack", "info", "demo-pack")
    assert code == 0 and "demo-pack" in out


def test_import_of_a_hostile_zip_fails_cleanly(tmp_path: Path, data_dir: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("../../evil.txt", "x")
    code, _, err = run(capsys, "pack", "import", str(archive))
    assert code == 1 and "leaves its folder" in err and "Traceback" not in err
    assert not (tmp_path / "evil.txt").exists()
    assert not any((data_dir / "packs").iterdir())


def test_english_starter_has_the_same_ids_as_the_chinese_one(tmp_path: Path, data_dir: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from trainer.content.loader import load_pack

    run(capsys, "pack", "new", str(tmp_path / "zh"))
    assert run(capsys, "pack", "new", "--language", "en", str(tmp_path / "en"))[0] == 0
    zh, en = load_pack(tmp_path / "zh"), load_pack(tmp_path / "en")
    assert en.language == "en" and zh.language == "zh-CN"
    assert [e.id for e in en.exercises()] == [e.id for e in zh.exercises()]
    assert [m.id for m in en.modules] == [m.id for m in zh.modules]


def test_strict_validation_fails_on_warnings(data_dir: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "broken" / \
        "manifest-unknown-key"
    assert run(capsys, "pack", "validate", str(folder))[0] == 0
    code, out, _ = run(capsys, "pack", "validate", "--strict", str(folder))
    assert code == 1 and "did you mean 'summary'?" in out


def test_messages_in_chinese(data_dir: Path, capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    folder = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "broken" / \
        "single-no-correct"
    code, out, err = run(capsys, "pack", "validate", "--language", "zh-CN", str(folder))
    assert code == 1
    assert out == (f"{folder}/modules/01-basics.md:17: 错误: 题目 q-type 没有标出正确选项，"
                   "请用“- [x]”标出。\n")
    assert "不是有效的课程包（1 个错误，0 个警告）" in err
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "错误" in run(capsys, "pack", "validate", str(folder))[1]
    report = json.loads(run(capsys, "pack", "validate", "--json", str(folder))[1])
    assert report["problems"][0]["message_zh"].startswith("题目 q-type 没有标出正确选项")


def test_importing_a_new_version_updates_hr_weights(tmp_path: Path, data_dir: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from trainer.analytics.summaries import registration
    from trainer.config import Paths
    from trainer.content.loader import load_pack
    from trainer.store import summary
    from trainer.store.db import open_database

    target = tmp_path / "weights-pack"
    run(capsys, "pack", "new", str(target))
    run(capsys, "pack", "import", str(target))
    lesson = target / "modules" / "01-lesson.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(
        "competencies: data-sharing 0.7, data-literacy 0.3",
        "competencies: data-sharing 0.2, data-literacy 0.8"), encoding="utf-8")
    course = target / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("version: 1.0.0",
                                                                  "version: 1.1.0"),
                      encoding="utf-8")
    code, out, _ = run(capsys, "pack", "import", str(target))
    assert code == 0 and "Installed" in out
    newer = registration(load_pack(target))
    with open_database(Paths(data_dir)) as db, db.reader() as session:
        assert summary.registered(session, ["weights-pack"])["weights-pack"] == newer
    assert 0.8 in newer.weights.values()
