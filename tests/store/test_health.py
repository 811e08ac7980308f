"""SQLite judges the file: an intact database is never refused, a damaged one is never written,
and every SQLite failure reaches the user as a clear message."""

from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
import sqlite_guard
from damaged_db import break_a_page_of
from sqlalchemy import text
from store_builders import T0, attempt, learner

from trainer.cli import main
from trainer.config import Paths
from trainer.store import engine, stamp
from trainer.store.db import open_database
from trainer.store.errors import DatabaseCorrupt, DatabaseUnavailable
from trainer.store.learners import find_learners
from trainer.store.progress import attempts, record_attempt

ROSTER = "工号,姓名,部门\n" + "".join(f"R{n:03d},学员{n},市数据局\n" for n in range(50))
# A child that commits a large transaction and dies without closing: the WAL keeps it all.
CRASH_AFTER_COMMIT = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA wal_autocheckpoint=0")
conn.execute("BEGIN IMMEDIATE")
conn.executemany("INSERT INTO departments (name, created_at) VALUES (?, '2026-01-01')",
                 [(f"部门{n}-" + "长" * 300,) for n in range(3000)])
conn.execute("COMMIT")
os._exit(0)
"""


def _digest(*files: Path) -> list[str]:
    return [hashlib.sha256(f.read_bytes()).hexdigest() if f.exists() else "" for f in files]


def _wal_size(file: Path) -> int:
    wal = Path(f"{file}-wal")
    return wal.stat().st_size if wal.exists() else 0


def _cli(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    status = main(["--data-dir", str(data), *argv])
    out, err = capsys.readouterr()
    return status, out, err


def _populated(paths: Paths, answers: int = 3) -> Path:
    with open_database(paths) as db:
        person = learner(db)
        for n in range(answers):
            attempt(db, person, f"ex{n}")
    return paths.database_file


def _killed_after_commit(paths: Paths) -> Path:
    """A large commit still in the WAL of a process that was killed."""
    file = _populated(paths)
    subprocess.run([sys.executable, "-c", CRASH_AFTER_COMMIT, str(file)], check=True)
    wal = Path(f"{file}-wal")
    assert wal.stat().st_size > 1_000_000 and file.stat().st_size < 1_000_000
    return file


def _cut_short_checkpoint(paths: Paths, keep_pages: int) -> int:
    """The files a checkpoint leaves when a kill or a full disk stops it ``keep_pages`` pages
    past the old end of the file: page 1 (whose header counts every page) and the pages before
    written, the new pages after not yet, and the WAL, which holds all of them, untouched.
    Returns the departments committed."""
    file = _killed_after_commit(paths)
    wal = Path(f"{file}-wal")
    old_size = file.stat().st_size
    saved_wal = wal.read_bytes()
    full = paths.data_dir.parent / "checkpointed.sqlite3"
    shutil.copyfile(file, full)
    shutil.copyfile(wal, f"{full}-wal")
    with closing(sqlite3.connect(full)) as conn:  # the checkpoint that was meant to finish
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        total = conn.execute("PRAGMA page_count").fetchone()[0]
    assert total > keep_pages
    file.write_bytes(full.read_bytes()[: old_size + keep_pages * page])
    assert file.stat().st_size < total * page
    wal.write_bytes(saved_wal)
    Path(f"{file}-shm").unlink(missing_ok=True)
    return 3000


def test_a_checkpoint_cut_short_is_recovered_from_the_wal(paths: Paths) -> None:
    """The main file is shorter than its header says; SQLite reads the rest from the WAL."""
    departments = _cut_short_checkpoint(paths, keep_pages=4)
    with open_database(paths) as db:
        assert [p.name for p in find_learners(db)] == ["王小明"]
        with db.reader() as session:
            count = session.execute(text("SELECT count(*) FROM departments"))
            assert count.scalar() >= departments
        attempt(db, find_learners(db)[0], "after")  # writable: nothing was damaged
    status = main(["--data-dir", str(paths.data_dir), "db", "check"])
    assert status == 0


def test_a_database_whose_pages_fail_the_check_is_opened_read_only(
        paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    file = _populated(paths, answers=400)
    bundle = tmp_path / "bundle.trainerprogress"
    assert _cli(capsys, paths.data_dir, "progress", "export", "-o", str(bundle))[0] == 0
    with closing(sqlite3.connect(file)) as conn:
        person = conn.execute("SELECT id FROM learners").fetchone()[0]
    break_a_page_of(file, "attempts")
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    before = _digest(file)
    assert not Path(f"{file}-wal").exists()

    with open_database(paths) as db:
        assert db.read_only and db.damage
        assert [p.name for p in find_learners(db)] == ["王小明"]  # reading still works
        with pytest.raises(DatabaseCorrupt, match="read-only"):
            record_attempt(db, person, "p", "1", "late", {}, 1.0, {}, T0)
    for argv in (("learners", "import", str(roster)), ("progress", "import", str(bundle))):
        status, _, err = _cli(capsys, paths.data_dir, *argv)
        assert status == 1 and "damaged" in err and "read-only" in err, err
        assert "Traceback" not in err and "unexpected" not in err
    status, out, err = _cli(capsys, paths.data_dir, "db", "check")
    assert status == 1 and "damaged" in err
    status, out, err = _cli(capsys, paths.data_dir, "db", "backup")
    assert status == 0 and "damaged" in out and "-damaged" in out
    assert _digest(file) == before
    assert _wal_size(file) == 0  # SQLite may leave an empty -wal beside a read-only reader


def test_damage_found_while_in_use_stops_every_later_write(paths: Paths) -> None:
    file = _populated(paths, answers=400)
    with open_database(paths, backup=False) as db:  # no backup thread holding the file
        person = find_learners(db)[0]
        db.engine.dispose()  # no connection (nor lock) left while another program breaks it
        break_a_page_of(file, "attempts")
        with pytest.raises(DatabaseCorrupt, match="damaged"):
            attempts(db, person.id)
        assert db.read_only
        with pytest.raises(DatabaseCorrupt, match="read-only"):
            attempt(db, person, "late")
    assert not stamp.unchanged(file, paths.cache_dir)  # the next start checks it again


@pytest.mark.parametrize("leftover", ["empty file", "no tables", "tables without a revision"])
def test_a_first_start_killed_before_its_schema_commit_is_upgraded(paths: Paths,
                                                                   leftover: str) -> None:
    file = paths.database_file
    if leftover == "empty file":
        file.write_bytes(b"")
    else:
        with closing(sqlite3.connect(file)) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            if leftover == "tables without a revision":
                conn.execute("CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT)")
                conn.execute("CREATE INDEX ix_dep ON departments (name)")
    with open_database(paths) as db:
        assert attempt(db, learner(db)).score == 1.0


def test_a_file_with_foreign_records_is_not_dropped(paths: Paths) -> None:
    file = paths.database_file
    with closing(sqlite3.connect(file)) as conn, conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('keep me')")
    before = _digest(file)
    with pytest.raises(DatabaseUnavailable, match="notes"):
        open_database(paths)
    assert _digest(file) == before


def test_an_emptied_file_is_not_mistaken_for_a_first_start(paths: Paths) -> None:
    file = _populated(paths)
    open_database(paths).close()  # today's backup holds 王小明
    file.write_bytes(b"")
    with pytest.raises(DatabaseCorrupt, match="1 learner"):
        open_database(paths)
    assert file.read_bytes() == b""


def test_a_locked_database_is_in_use_by_another_program(paths: Paths,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    file = _populated(paths)
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    db = open_database(paths, backup=False)
    other = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], "
         "isolation_level=None); c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); "
         "time.sleep(30)", str(file)], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline() == "locked\n"
        with db:  # reading works while another program writes
            person = find_learners(db)[0]
            with pytest.raises(DatabaseUnavailable, match="in use by another program") as caught:
                attempt(db, person, "blocked")
            assert not db.read_only
        assert "damaged" not in str(caught.value) and "another Trainer" not in str(caught.value)
    finally:
        other.kill()
        other.communicate()


def test_an_sqlite_error_in_a_report_is_a_clear_message(paths: Paths, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    file = _populated(paths)
    with closing(sqlite3.connect(file)) as conn, conn:
        conn.execute("ALTER TABLE attempts RENAME COLUMN score TO score_gone")
    status, _, err = _cli(capsys, paths.data_dir, "report", "export", "--table", "attempts",
                          "-o", str(tmp_path / "out.csv"))
    assert status == 1 and "SQLite could not use the database" in err and "score" in err
    assert "unexpected" not in err


def test_a_read_only_data_folder_still_allows_db_check(paths: Paths, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The WAL of a killed process remains; the folder is then mounted read-only."""
    Path(f"{_killed_after_commit(paths)}-shm").unlink()
    view = tmp_path / "read-only"
    view.mkdir()
    if subprocess.run(["mount", "--bind", "-o", "ro", str(paths.data_dir), str(view)],
                      capture_output=True).returncode != 0:
        pytest.skip("mounting a read-only view needs root (mount --bind -o ro)")
    try:
        if subprocess.run(["touch", str(view / "probe")], capture_output=True).returncode == 0:
            pytest.skip("this kernel ignored the read-only bind mount")
        before = _digest(view / "trainer.sqlite3", view / "trainer.sqlite3-wal")
        status, out, err = _cli(capsys, view, "db", "check")
        assert status == 0, err
        assert "Integrity: ok (main file only)" in out
        assert "not checked" in err and "-wal" in err and "read-only" in err
        assert _digest(view / "trainer.sqlite3", view / "trainer.sqlite3-wal") == before
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def test_a_good_check_is_remembered_and_a_changed_file_is_checked_again(paths: Paths) -> None:
    file = _populated(paths)
    assert stamp.unchanged(file, paths.cache_dir)
    with closing(sqlite3.connect(file)) as conn, conn:  # another program writes
        conn.execute("UPDATE learners SET name = '王小明'")
    assert not stamp.unchanged(file, paths.cache_dir)
    open_database(paths).close()
    assert stamp.unchanged(file, paths.cache_dir)


def test_the_guard_catches_python_opening_a_live_database(paths: Paths) -> None:
    """tests/sqlite_guard.py makes the whole suite a check of DESIGN §7; this proves it bites."""
    if not sqlite_guard.enabled:
        pytest.skip("needs /proc/locks (Linux)")
    with open_database(paths) as db:
        learner(db)
        with db.reader() as session:
            session.execute(text("SELECT 1"))
            start = len(sqlite_guard.violations)
            with pytest.raises(AssertionError, match="drops them"):
                paths.database_file.read_bytes()
            with pytest.raises(AssertionError, match="drops them"), \
                    io.open(f"{paths.database_file}-shm", "rb"):  # noqa: UP020
                pass
            del sqlite_guard.violations[start:]


def test_a_driver_error_that_escaped_every_guard_is_a_clear_cli_message(
        paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def escaped(*_args: object) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("trainer.commands.db.run_summaries", escaped)
    status, _, err = _cli(capsys, paths.data_dir, "db", "summaries")
    assert status == 1 and "is full" in err and "Free some disk space" in err
    assert "unexpected" not in err


@pytest.mark.parametrize(("error", "expected"), [
    (sqlite3.OperationalError("malformed JSON"), DatabaseUnavailable),  # not damage
    (sqlite3.DatabaseError("database disk image is malformed"), DatabaseCorrupt),
    (sqlite3.OperationalError("no such table: x"), DatabaseUnavailable),
    (sqlite3.IntegrityError("UNIQUE constraint failed"), type(None)),  # a bug, reported as such
])
def test_every_sqlite_error_but_a_bug_is_translated(error: sqlite3.Error,
                                                    expected: type) -> None:
    assert isinstance(engine.translate_sqlite(error, "db", "hint"), expected)
