"""``trainer learners import`` as a user runs it: exit codes, FILE:LINE messages, --map, --skip-bad."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli import main
from trainer.config import Paths
from trainer.store.audit import ROSTER_IMPORT, entries
from trainer.store.db import open_database
from trainer.store.learners import find_learners
from trainer.store.permissions import COMMAND_LINE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rosters"


def _learners(data_dir: Path) -> list[str]:
    with open_database(Paths(data_dir)) as db:
        return sorted(info.employee_no for info in find_learners(db))


def test_bad_rows_stop_the_import_with_every_line(data_dir: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["learners", "import", str(FIXTURES / "roster-bad-rows.csv")]) == 1
    err = capsys.readouterr().err
    assert "roster-bad-rows.csv:2: missing employee number" in err
    assert "roster-bad-rows.csv:8: duplicate employee number B006" in err
    assert _learners(data_dir) == []


def test_skip_bad_imports_the_good_rows_and_lists_the_rest(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["learners", "import", "--skip-bad",
                 str(FIXTURES / "roster-bad-rows.csv")]) == 0
    out, err = capsys.readouterr()
    assert "Created 1, updated 0, unchanged 0, skipped 8." in out
    assert "roster-bad-rows.csv:4: skipped: unknown role '局长'" in err
    assert _learners(data_dir) == ["B010"]
    with open_database(Paths(data_dir)) as db:
        [entry] = entries(db, COMMAND_LINE, action=ROSTER_IMPORT)
    assert entry.actor_name == "command line"


def test_unknown_headers_are_named_and_can_be_mapped(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = str(FIXTURES / "roster-unknown-headers.csv")
    assert main(["learners", "import", file]) == 1
    err = capsys.readouterr().err
    assert "roster-unknown-headers.csv:1: no column for the employee number and name" in err
    assert "'工作证号', '职工名称', '所属科室'" in err
    assert main(["learners", "import", file, "--map", "employee_no=工作证号",
                 "--map", "name=2", "--map", "department=3"]) == 0
    assert _learners(data_dir) == ["X1", "X2"]


def test_a_wrong_map_option_is_a_usage_error(data_dir: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    file = str(FIXTURES / "roster-unknown-headers.csv")
    assert main(["learners", "import", file, "--map", "surname=1"]) == 2
    assert main(["learners", "import", file, "--map", "name=邮编"]) == 2
    assert "no column '邮编'" in capsys.readouterr().err


def test_dry_run_writes_nothing(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["learners", "import", "--dry-run", str(FIXTURES / "roster-utf8.csv")]) == 1
    out = capsys.readouterr().out
    assert "line 2: create    LJ1001 王䶮" in out
    assert "a trainer account needs a PIN" in out
    assert _learners(data_dir) == []


def test_a_stray_quote_is_one_line_naming_the_line(data_dir: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["learners", "import", str(FIXTURES / "roster-stray-quote.csv")]) == 1
    err = capsys.readouterr().err
    assert "roster-stray-quote.csv:2: a quote (\") opens a cell" in err
    assert "Remove the stray quote on line 2" in err and "Traceback" not in err
    assert _learners(data_dir) == []


def test_footer_rows_are_named_and_not_imported(data_dir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    file = FIXTURES / "roster-excel-titled-gb18030.csv"
    assert main(["learners", "import", str(file)]) == 0
    out = capsys.readouterr().out
    assert f"{file}:9: not a person (a total, signature or note below the list), not " \
           "imported: 合计 5人" in out
    assert f"{file}:10: not a person" in out
    assert "Created 5, updated 0, unchanged 0, skipped 0." in out
    assert _learners(data_dir) == ["LJ2001", "LJ2002", "LJ2003", "LJ2004", "LJ2005"]
