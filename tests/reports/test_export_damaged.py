"""Exports from a damaged database: it opens read-only and its message says reports still work,
so an export whose data SQLite can read succeeds; its audit entry, which a read-only database
cannot store, goes to the log file instead of failing the export after the file is written."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from damaged_db import break_a_page_of

from tests.reports.export_data import build_org
from trainer.cli import main
from trainer.store import audit
from trainer.store.db import open_database
from trainer.store.permissions import COMMAND_LINE


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """Learners and answers intact; a page of the audit log (which exports never read) broken."""
    org = build_org(tmp_path / "data")
    with org.db.session() as session:
        for n in range(300):
            audit.record(session, COMMAND_LINE, audit.PIN_RESET, {"n": n, "pad": "记" * 60})
    org.db.close()
    # an earlier export made this device's key (recording it is a write, so a first export
    # from a damaged database is refused with the read-only message; export after a salvage)
    assert main(["--data-dir", str(org.paths.data_dir), "progress", "export", "-o",
                 str(tmp_path / "earlier.zip")]) == 0
    break_a_page_of(org.paths.database_file, "audit_log")
    with open_database(org.paths) as db:
        assert db.read_only, "the broken page must make the store open the file read-only"
    return org.paths.data_dir


@pytest.mark.parametrize("command", [["report", "export", "--format", "csv", "-o"],
                                     ["progress", "export", "-o"]])
def test_an_export_from_a_damaged_database_succeeds_and_logs_its_audit_entry(
        damaged: Path, tmp_path: Path, command: list[str],
        caplog: pytest.LogCaptureFixture) -> None:
    out = tmp_path / ("report.csv" if command[0] == "report" else "progress.zip")
    before = (damaged / "trainer.sqlite3").read_bytes()
    with caplog.at_level(logging.WARNING, logger="trainer.store.audit"):
        assert main(["--data-dir", str(damaged), *command, str(out)]) == 0
    assert out.stat().st_size > 0
    assert "kept in this log only" in caplog.text
    assert (damaged / "trainer.sqlite3").read_bytes() == before, "nothing was written"


def test_changes_are_still_refused_on_a_damaged_database(damaged: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("工号,姓名,部门\nQ001,王小明,财政局\n", encoding="utf-8")
    assert main(["--data-dir", str(damaged), "learners", "import", str(roster)]) == 1
    assert "read-only" in capsys.readouterr().err
