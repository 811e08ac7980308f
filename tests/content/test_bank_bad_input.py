"""Bad input to every question-bank importer: a file that is not what its name says, an empty
file; a clear message, and nothing half-imported (a new pack folder or an existing pack)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.content.bankpack import add_module
from trainer.content.bankwriter import read_bank
from trainer.content.errors import PackError
from trainer.content.starter import create_starter

BANKS = Path(__file__).resolve().parents[1] / "fixtures" / "banks"


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return path


def _xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    Workbook().save(path)
    return path


CASES = [
    ("xlsx", "csv.xlsx", lambda p: p.write_text("题型,题干,答案\n单选,题,A\n", encoding="utf-8"),
     "is not an Excel workbook: it is plain text (such as CSV)"),
    ("xlsx", "web.xlsx", lambda p: p.write_text("<html><table><tr><td>题干</td></tr></table>"
                                                "</html>", encoding="utf-8"),
     "is not an Excel workbook: it is a web page (HTML)"),
    ("xlsx", "word.xlsx", _docx, "is not an Excel workbook: it is a Word document"),
    ("xlsx", "old.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
     "Excel 97–2003 (.xls) workbook"),
    ("xlsx", "empty.xlsx", lambda p: p.write_bytes(b""), "is empty"),
    ("xlsx", "blank.xlsx", _xlsx, "has no sheet with a question-bank header row"),
    ("gift", "word.gift", _docx, "is not a text question bank: it is a Word document"),
    ("gift", "book.gift", _xlsx, "is not a text question bank: it is an Excel workbook"),
    ("gift", "empty.gift", lambda p: p.write_bytes(b"  \n"), "is empty"),
    ("aiken", "binary.txt", lambda p: p.write_bytes(b"\x00\x01\x02" * 100), "it is not text"),
    ("gift", "moodle.xml", lambda p: p.write_text('<?xml version="1.0"?>\n<quiz><question/>'
                                                  "</quiz>", encoding="utf-8"),
     "it is Moodle XML"),
]


def test_notepad_unicode_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes("题目？\r\nA. 甲\r\nB. 乙\r\n答案：B\r\n".encode("utf-16"))
    bank = read_bank(path, "aiken")
    assert [q.text for q in bank.questions] == ["题目？"]


@pytest.mark.parametrize(("fmt", "name", "make", "message"), CASES)
def test_files_that_are_not_what_they_say(tmp_path: Path, data_dir: Path,
                                          capsys: pytest.CaptureFixture[str], fmt: str,
                                          name: str, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    make(path)
    with pytest.raises(PackError, match="."):
        read_bank(path, fmt)
    out = tmp_path / "out"
    assert main(["pack", f"from-{fmt}", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()


def _fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_into_leaves_the_pack_untouched_when_the_result_would_not_validate(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = create_starter(tmp_path / "course")
    before = _fingerprint(pack)
    huge = tmp_path / "huge.aiken"
    huge.write_text("很长的题目" * 1200 + "\nA. 是\nB. 否\nANSWER: A\n", encoding="utf-8")
    assert main(["pack", "from-aiken", str(huge), "--into", str(pack)]) == 1
    assert "nothing was written" in capsys.readouterr().err
    assert _fingerprint(pack) == before
    with pytest.raises(PackError):
        add_module(read_bank(huge, "aiken"), pack, title="x")
    assert _fingerprint(pack) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging


def test_into_leaves_the_pack_untouched_when_the_bank_is_bad(tmp_path: Path,
                                                            data_dir: Path) -> None:
    pack = create_starter(tmp_path / "course")
    before = _fingerprint(pack)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("a,b\n", encoding="utf-8")
    assert main(["pack", "from-xlsx", str(fake), "--into", str(pack)]) == 1
    assert _fingerprint(pack) == before


def test_messages_in_chinese_when_the_interface_is(tmp_path: Path, data_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    fake = tmp_path / "fake.xlsx"
    fake.write_text("a,b\n", encoding="utf-8")
    assert main(["pack", "from-xlsx", str(fake), "-o", str(tmp_path / "o")]) == 1
    assert "不是 Excel 工作簿" in capsys.readouterr().err
    assert main(["pack", "from-aiken", str(BANKS / "questions.aiken"), "-o",
                 str(tmp_path / "p")]) == 0
    report = capsys.readouterr()
    assert "已从" in report.out and "道题" in report.out
    assert "questions.aiken:18: 错误: 答案“E”不在选项 A, B 之中。" in report.err
