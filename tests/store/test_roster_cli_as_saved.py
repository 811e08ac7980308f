"""``trainer learners import`` with rosters as HR saves them (issue 19): zero-padded numbers
next to stored ones, the departments a dry run would create, --sheet and --encoding."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from trainer.cli import main
from trainer.config import Paths
from trainer.store.db import open_database
from trainer.store.learners import find_learners


def _numbers(data_dir: Path) -> list[str]:
    with open_database(Paths(data_dir)) as db:
        return sorted(info.employee_no for info in find_learners(db))


def _csv(tmp_path: Path, name: str, rows: str) -> str:
    file = tmp_path / name
    file.write_text("工号,姓名,部门\n" + rows, encoding="utf-8")
    return str(file)


@pytest.mark.parametrize(("stored", "new", "code"), [
    ("102", "000102", "looks like the stored 102 with leading zeros"),
    ("000102", "102", "looks like 000102 without its leading zeros"),
])
def test_a_number_differing_only_by_zeros_from_a_stored_one_is_refused(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        stored: str, new: str, code: str) -> None:
    assert main(["learners", "import", _csv(tmp_path, "a.csv", f"{stored},王伟,财政局\n")]) == 0
    again = _csv(tmp_path, "b.csv", f"{new},王伟,财政局\n2301,李娜,财政局\n")
    capsys.readouterr()
    assert main(["learners", "import", "--dry-run", again]) == 1
    out = capsys.readouterr().out
    assert f"employee number {new} {code}" in out
    assert main(["learners", "import", again]) == 1
    err = capsys.readouterr().err
    assert f"b.csv:2: employee number {new} {code}" in err
    assert "--allow-similar-numbers" in err
    assert _numbers(data_dir) == [stored]
    assert main(["learners", "import", "--allow-similar-numbers", again]) == 0
    assert _numbers(data_dir) == sorted([stored, new, "2301"])


def test_the_dry_run_lists_the_departments_it_would_create(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["learners", "import", _csv(tmp_path, "a.csv", "1,王伟,财政局\n")]) == 0
    capsys.readouterr()
    file = _csv(tmp_path, "b.csv", "2,李娜,财政局\n3,张敏,数据局/共享科\n4,刘洋,\n")
    assert main(["learners", "import", "--dry-run", file]) == 0
    out = capsys.readouterr().out
    assert "Would create 2 department(s): 数据局, 数据局/共享科" in out
    assert main(["learners", "import", "--dry-run", _csv(tmp_path, "c.csv", "1,王伟,财政局\n")]
                ) == 0
    assert "department(s)" not in capsys.readouterr().out


def test_sheet_and_encoding_options(data_dir: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    book = Workbook()
    book.active.title = "说明"
    book.active.append(["请按模板填写"])
    for title, number in (("一处", 1), ("二处", 2)):
        sheet = book.create_sheet(title)
        sheet.append(["工号", "姓名"])
        sheet.append([number, f"学员{number}"])
    file = tmp_path / "book.xlsx"
    book.save(file)
    assert main(["learners", "import", "--sheet", "二处", str(file)]) == 0
    assert "Read 1 rows from sheet '二处' of book.xlsx" in capsys.readouterr().out
    assert main(["learners", "import", str(file)]) == 0  # the first sheet with the header
    assert _numbers(data_dir) == ["1", "2"]
    assert main(["learners", "import", "--sheet", "三处", str(file)]) == 1
    assert "there is no sheet '三处'; the sheets are '说明', '一处', '二处'" in \
        capsys.readouterr().err
    western = tmp_path / "w.csv"
    western.write_bytes("employee_no,name\nE1,Jürgen Müller\nE2,François Lefèvre\n"
                        .encode("cp1252"))
    assert main(["learners", "import", str(western)]) == 1
    err = capsys.readouterr().err
    assert "encoding cannot be told for sure" in err and "--encoding cp1252" in err
    assert err.count("\n") <= 3 and "Traceback" not in err
    assert main(["learners", "import", "--encoding", "cp1252", str(western)]) == 0
    with open_database(Paths(data_dir)) as db:
        names = {info.employee_no: info.name for info in find_learners(db)}
    assert names["E1"] == "Jürgen Müller"
