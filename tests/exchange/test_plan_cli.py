"""``trainer plan …`` and ``trainer report export --table credits`` as a user runs them: one-line
errors with exit 1, nothing written by a refused command, a plan carried between folders."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from trainer.cli import main

PLAN = "2026年度学习计划"


def _folder(tmp_path: Path, name: str) -> str:
    roster = tmp_path / f"{name}.csv"
    roster.write_text("工号,姓名,上级单位,部门\n1001,王小明,临江市财政局,预算科\n"
                      "1002,李娜,临江市财政局,国库科\n", encoding="utf-8")
    folder = str(tmp_path / name)
    assert main(["--data-dir", folder, "learners", "import", str(roster)]) == 0
    return folder


def _err(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_new_refuses_bad_plans_in_one_line_and_saves_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _folder(tmp_path, "a")
    base = ["--data-dir", a, "plan", "new", PLAN, "--year", "2026"]
    assert main([*base, "--hours", "-5"]) == 2
    assert "-5 is negative" in _err(capsys)
    assert main([*base, "--hours", "50", "--compulsory", "no-such-course"]) == 1
    assert "compulsory course 1 (no-such-course): no course with this id" in _err(capsys)
    assert main([*base, "--hours", "50", "--compulsory", "digital-government@2025-12-31"]) == 1
    assert "is before the period starts (2026-01-01)" in _err(capsys)
    assert main([*base, "--hours", "50", "--unit", "临江市教育局"]) == 1
    assert "audience unit 1 (临江市教育局): no such unit" in _err(capsys)
    assert main(["--data-dir", a, "plan", "list"]) == 0
    assert "No plans yet" in capsys.readouterr().out


def test_a_plan_is_made_assigned_carried_and_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _folder(tmp_path, "a"), _folder(tmp_path, "b")
    assert main(["--data-dir", a, "plan", "new", PLAN, "--year", "2026", "--hours", "50",
                 "--compulsory", "digital-government@2026-06-30",
                 "--unit", "临江市财政局/预算科"]) == 0
    assert main(["--data-dir", a, "plan", "assign", PLAN, "--person", "1002"]) == 0
    assert main(["--data-dir", a, "plan", "show", PLAN]) == 0
    shown = capsys.readouterr().out
    assert "必修 digital-government  by 2026-06-30" in shown and "for person: 1002" in shown
    file = tmp_path / "plan.trainer-plan"
    assert main(["--data-dir", a, "plan", "export", PLAN, "-o", str(file)]) == 0
    assert main(["--data-dir", b, "plan", "import", str(file)]) == 1
    assert "--trust-new-device" in _err(capsys)
    assert main(["--data-dir", b, "plan", "import", "--trust-new-device", str(file)]) == 0
    assert f"Added the plan {PLAN} (revision 2)" in capsys.readouterr().out
    assert main(["--data-dir", b, "plan", "report", PLAN]) == 0
    report = capsys.readouterr().out
    assert "临江市财政局\t2\t0 (0%)" in report and "Overdue: 2 people" in report
    out = tmp_path / "credits.csv"
    assert main(["--data-dir", b, "report", "export", "--table", "credits", "--department",
                 "临江市财政局", "-o", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["工号"], r["要求学时"], r["逾期"], r["学习计划"]) for r in rows] == [
        ("1002", "50.0", "1", PLAN), ("1001", "50.0", "1", PLAN)]
    assert main(["--data-dir", b, "plan", "report", PLAN, "-o", str(tmp_path / "r.csv")]) == 0
    assert "Wrote" in capsys.readouterr().out  # XLSX and PDF: tests/reports/test_plan_export
    assert main(["--data-dir", b, "plan", "report", PLAN, "--unit", "临江市教育局"]) == 2
    assert "No unit named" in _err(capsys)
