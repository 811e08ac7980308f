"""``trainer report export`` end to end: no display needed, filters checked, clear errors."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reports.export_data import Org, build_org
from trainer.cli import main
from trainer.store import audit
from trainer.store.permissions import COMMAND_LINE


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    built = build_org(tmp_path_factory.mktemp("cli") / "data")
    yield built
    built.db.close()


def trainer(org: Org, *args: str) -> int:
    return main(["--data-dir", str(org.paths.data_dir), *args])


def test_pdf_without_a_display(org: Org, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([sys.executable, "-m", "trainer", "--data-dir",
                           str(org.paths.data_dir), "report", "export", "--format", "pdf",
                           "-o", str(out), "--department", "市数据局"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "pages" in done.stdout
    assert out.read_bytes().startswith(b"%PDF")


def test_csv_with_filters_in_english(org: Org, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "learners.csv"
    assert trainer(org, "report", "export", "-o", str(out), "--language", "en",
                   "--department", "民政局", "--since", "2026-03-01") == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["Employee no."] for r in rows} == {"E003", "E004", "L001"}
    assert "Wrote" in capsys.readouterr().out
    entry = audit.entries(org.db, COMMAND_LINE, action=audit.REPORT_EXPORT, limit=1)[0]
    assert entry.actor_name == "command line"
    assert entry.detail["filters"]["since"] == "2026-03-01"


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_every_format_gets_the_usual_permissions(qapp: object, org: Org, tmp_path: Path,
                                                 umask: int) -> None:
    """Saved reports are readable like any file the user saves (0666 less the umask), not
    owner-only as a temporary file would be."""
    old = os.umask(umask)
    try:
        for fmt in ("csv", "xlsx", "pdf"):
            out = tmp_path / f"report.{fmt}"
            assert trainer(org, "report", "export", "--format", fmt, "-o", str(out)) == 0
            assert out.stat().st_mode & 0o777 == 0o666 & ~umask, fmt
    finally:
        os.umask(old)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_default_language_follows_the_settings(org: Org, tmp_path: Path) -> None:
    from trainer.config import Settings

    settings = Settings(org.paths.settings_file)
    settings.set("language", "en")
    try:
        out = tmp_path / "x.csv"
        assert trainer(org, "report", "export", "-o", str(out)) == 0
        assert out.read_text(encoding="utf-8-sig").startswith("Employee no.")
    finally:
        settings.set("language", "system")


@pytest.mark.parametrize(("args", "status", "message"), [
    (["--department", "没有这个部门"], 2, "No department named"),
    (["--course", "nope"], 2, "No course with id"),
    (["--role", "astronaut"], 2, "data-steward"),
    (["--since", "2026-02-30"], 1, "is not a date"),
    (["--since", "2026-05-01", "--until", "2026-04-01"], 1, "after the end date"),
    (["--format", "pdf", "--table", "attempts"], 2, "CSV only"),
])
def test_bad_options_say_what_to_fix(org: Org, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     args: list[str], status: int, message: str) -> None:
    out = tmp_path / "r.csv"
    assert trainer(org, "report", "export", "-o", str(out), *args) == status
    assert message in capsys.readouterr().err
    assert not out.exists()
