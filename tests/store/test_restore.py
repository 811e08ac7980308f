"""``restore``: never while Trainer or another program uses the database, never dropping records
made after the backup without saying which and being forced, and the replaced file kept whole."""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from store_builders import attempt, learner

from trainer.config import Paths
from trainer.store import audit, backup, health, instance_lock
from trainer.store.db import open_database
from trainer.store.errors import DatabaseUnavailable, WouldLoseRecords
from trainer.store.learners import find_learners
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import attempts, record_lesson_progress
from trainer.store.restore import Restored, restore

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

CRASH_CHILD = Path(__file__).with_name("crash_child.py")
APP_LOCK_CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from trainer.ui.common.single_instance import SingleInstance
    app = QCoreApplication([])
    guard = SingleInstance(Path(sys.argv[1]))
    print(guard.acquire(), flush=True)
    time.sleep(float(sys.argv[2]))
""")
READER_CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from trainer.config import Paths
    from trainer.store.db import open_database
    from trainer.store.learners import find_learners
    db = open_database(Paths(Path(sys.argv[1])), backup=False)
    find_learners(db)  # the pool keeps this connection open, as in a running app or report
    print("ready", flush=True)
    time.sleep(60)
""")


def _digest(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def _child(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.communicate()  # closes its pipes


def _with_backup(paths: Paths) -> Path:
    """A database with one learner and answer, backed up; returns the backup."""
    with open_database(paths) as db:
        attempt(db, learner(db))
    return backup.backup_sqlite(paths.database_file, paths.backups_dir)


def _restore(paths: Paths, saved: Path, *, force: bool = False) -> Restored:
    return restore(paths.database_file, saved, paths.backups_dir, paths.data_dir, force=force)


def test_refused_while_the_app_runs_and_allowed_once_it_was_killed(paths: Paths) -> None:
    saved = _with_backup(paths)
    app = _child(APP_LOCK_CHILD, str(paths.data_dir), "60")  # the GUI's own lock, through Qt
    try:
        assert app.stdout is not None and app.stdout.readline().strip() == "True"
        before = _digest(paths.database_file)
        with pytest.raises(DatabaseUnavailable, match="Trainer is running on this data folder") \
                as caught:
            _restore(paths, saved, force=True)
        assert f"process {app.pid}" in caught.value.message
        assert _digest(paths.database_file) == before
    finally:
        _kill(app)
    assert (paths.data_dir / instance_lock.LOCK_NAME).exists()  # left behind by the killed app
    done = _restore(paths, saved)
    assert done.stale_lock is not None and done.stale_lock.pid == app.pid
    assert not (paths.data_dir / instance_lock.LOCK_NAME).exists()


def test_an_app_started_during_a_restore_stays_out(paths: Paths) -> None:
    with instance_lock.hold(paths.data_dir):
        app = _child(APP_LOCK_CHILD, str(paths.data_dir), "0")
        out, err = app.communicate(timeout=60)
        assert out.strip() == "False", err
    app = _child(APP_LOCK_CHILD, str(paths.data_dir), "0")
    assert app.communicate(timeout=60)[0].strip() == "True"


def test_a_lock_from_another_computer_blocks_and_says_how_to_clear_it(paths: Paths) -> None:
    lock = paths.data_dir / instance_lock.LOCK_NAME
    lock.write_text("4242\ntrainer\nhr-desk-07\n0123456789abcdef0123456789abcdef\nx\n")
    with pytest.raises(DatabaseUnavailable, match="another computer") as caught:
        instance_lock.refuse_if_running(paths.data_dir)
    assert "hr-desk-07" in caught.value.message and f"delete {lock}" in str(caught.value.hint)


def test_refused_while_another_program_has_the_database_open(paths: Paths) -> None:
    saved = _with_backup(paths)
    reader = _child(READER_CHILD, str(paths.data_dir))
    try:
        assert reader.stdout is not None and reader.stdout.readline() == "ready\n"
        before = _digest(paths.database_file)
        with pytest.raises(DatabaseUnavailable, match="in use by another program"):
            _restore(paths, saved, force=True)
        assert _digest(paths.database_file) == before
    finally:
        _kill(reader)
    assert _restore(paths, saved).kept is not None
    assert not (paths.data_dir / instance_lock.LOCK_NAME).exists()


def test_records_made_after_the_backup_are_listed_and_need_force(paths: Paths) -> None:
    saved = _with_backup(paths)
    with open_database(paths) as db:
        first = find_learners(db)[0]
        late = learner(db, "E2002", "李后来")
        for n in range(3):
            attempt(db, late, f"late-{n}")
        record_lesson_progress(db, first.id, "digital-government", "m1", add_seconds=60)
        audit.record(db, COMMAND_LINE, "certificate.issue", {})
    before = _digest(paths.database_file)
    with pytest.raises(WouldLoseRecords) as caught:
        _restore(paths, saved)
    message = caught.value.message
    assert ("would drop 3 answers, 1 learner, 1 lesson record, 1 enrolment and 1 certificate"
            in message), message
    assert "E2002 李后来, digital-government, late-2" in str(caught.value.hint)
    assert "trainer progress export" in str(caught.value.hint) and "--force" in str(
        caught.value.hint)
    assert _digest(paths.database_file) == before and backup.list_backups(
        paths.backups_dir) == [saved]

    done = _restore(paths, saved, force=True)
    assert done.loss.counts["answers"] == 3 and done.kept is not None
    with open_database(paths) as db:
        assert [p.name for p in find_learners(db)] == ["王小明"]
    # the kept copy is a backup like any other: restoring it brings everything back, and
    # nothing is lost doing so (the restored file holds nothing the kept copy lacks)
    back = _restore(paths, done.kept)
    assert back.loss.nothing
    with open_database(paths) as db:
        assert {p.name for p in find_learners(db)} == {"王小明", "李后来"}
        assert len(attempts(db, late.id)) == 3


def test_the_kept_copy_holds_what_only_the_wal_held(paths: Paths) -> None:
    """A writer killed mid-stream leaves its answers in the -wal; the kept copy has them all."""
    with open_database(paths) as db:
        person = learner(db)
    saved = backup.backup_sqlite(paths.database_file, paths.backups_dir)
    child = subprocess.Popen([sys.executable, str(CRASH_CHILD), str(paths.data_dir),
                              str(person.id), "wal", "300"], stdout=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline() == b"ready\n"
    out = b""
    while out.count(b"\n") < 150:
        out += child.stdout.read1(4096)
    child.send_signal(signal.SIGKILL)
    out += child.communicate()[0]
    acknowledged = {uuid.UUID(line.decode()) for line in out.split(b"\n")[:-1]}
    assert Path(f"{paths.database_file}-wal").stat().st_size > 0
    done = _restore(paths, saved, force=True)
    assert done.kept is not None and done.loss.counts["answers"] >= len(acknowledged) >= 150
    assert not Path(f"{done.kept}-wal").exists()  # one self-contained file
    assert health.check_file(done.kept).healthy
    conn = sqlite3.connect(f"file:{done.kept}?mode=ro", uri=True)
    kept_ids = {uuid.UUID(hex=row[0]) for row in conn.execute("SELECT id FROM attempts")}
    conn.close()
    assert acknowledged <= kept_ids
    with open_database(paths) as db:
        assert attempts(db, person.id) == []


def test_a_file_sqlite_cannot_read_needs_force_and_is_kept_byte_for_byte(paths: Paths) -> None:
    saved = _with_backup(paths)
    file = paths.database_file
    file.write_bytes(b"\x00garbage" * 1000)
    Path(f"{file}-wal").write_bytes(b"old log" * 10)
    with pytest.raises(WouldLoseRecords, match="cannot be read") as caught:
        _restore(paths, saved)
    assert "may be lost" in caught.value.message and "--force" in str(caught.value.hint)
    done = _restore(paths, saved, force=True)
    assert done.kept is not None
    assert done.kept.read_bytes() == b"\x00garbage" * 1000
    assert Path(f"{done.kept}-wal").read_bytes() == b"old log" * 10
    assert not Path(f"{file}-wal").exists()  # never replayed onto the restored file
    with open_database(paths) as db:
        assert [p.name for p in find_learners(db)] == ["王小明"]


def test_a_table_of_a_later_schema_is_compared_too(paths: Paths) -> None:
    saved = _with_backup(paths)
    with open_database(paths) as db, db.session() as session:
        session.execute(text("CREATE TABLE credit_ledger (id INTEGER PRIMARY KEY, hours REAL)"))
        session.execute(text("INSERT INTO credit_ledger (hours) VALUES (2), (4)"))
    with pytest.raises(WouldLoseRecords, match="would drop 2 credit_ledger rows"):
        _restore(paths, saved)


def test_into_a_data_folder_without_a_database(paths: Paths, tmp_path: Path) -> None:
    saved = _with_backup(paths)
    other = Paths(tmp_path / "培训 ?#%20").ensure()  # SQLite URIs must escape these
    done = restore(other.database_file, saved, other.backups_dir, other.data_dir)
    assert done.kept is None
    conn = sqlite3.connect(other.database_file)
    with conn:
        assert conn.execute("SELECT name FROM learners").fetchall() == [("王小明",)]
        conn.execute("INSERT INTO departments (name, created_at) VALUES ('新', '2026-03-02')")
    conn.close()
    with pytest.raises(WouldLoseRecords, match="would drop 1 department "):
        restore(other.database_file, saved, other.backups_dir, other.data_dir)


def test_the_restore_hint_says_what_a_restore_would_drop(paths: Paths) -> None:
    saved = _with_backup(paths)
    file = paths.database_file
    hint = health.restore_hint(paths.backups_dir, file)
    assert f"trainer db restore {saved}" in hint and "nothing the backup lacks" in hint
    with open_database(paths) as db:
        attempt(db, find_learners(db)[0], "later", score=0.5)
        attempt(db, find_learners(db)[0], "later", score=1.0)
    hint = health.restore_hint(paths.backups_dir, file)
    assert "would drop 2 answers" in hint and "--force" in hint
    file.write_bytes(b"\x00garbage" * 1000)
    hint = health.restore_hint(paths.backups_dir, file)
    assert "cannot be read" in hint and "made after the backup" in hint



def _answer_ids(file: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM attempts")}
    finally:
        conn.close()


MOMENTS = {  # what a killed restore child was doing, told by the files it had made
    "comparing": lambda d: (d / instance_lock.LOCK_NAME).exists(),
    "keeping": lambda d: any(p.suffix == ".partial" for p in (d / "backups").iterdir()),
    "copying in": lambda d: any(backup.BEFORE_RESTORE in p.name and p.suffix == ".sqlite3"
                                for p in (d / "backups").iterdir()),
}


@pytest.mark.slow
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_a_restore_killed_at_any_step_leaves_either_file_whole(paths: Paths, moment: str
                                                                ) -> None:
    from trainer.reports.demo import generate

    with open_database(paths) as db:
        generate(db, learners=300, attempts_per_learner=100, seed=1)  # 18 MB: steps take time
        person = learner(db, "E9", "晚来的")
    saved = backup.backup_sqlite(paths.database_file, paths.backups_dir)
    with open_database(paths, backup=False) as db:
        for n in range(50):
            attempt(db, person, f"late-{n}")
    current, older = _answer_ids(paths.database_file), _answer_ids(saved)
    child = subprocess.Popen([sys.executable, "-m", "trainer", "--data-dir", str(paths.data_dir),
                              "db", "restore", str(saved), "--force"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while child.poll() is None and not MOMENTS[moment](paths.data_dir):
        time.sleep(0.0005)
    child.send_signal(signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL  # killed at that step, not after it had finished
    assert health.check_file(paths.database_file).healthy  # never "damaged"
    assert _answer_ids(paths.database_file) in (current, older)
    kept = [k for k in backup.list_backups(paths.backups_dir) if backup.BEFORE_RESTORE in k.name]
    assert all(_answer_ids(k) == current for k in kept)  # a kept copy is always complete
    done = _restore(paths, saved, force=True)  # the lock the child left does not block
    assert _answer_ids(paths.database_file) == older
    assert done.kept is not None and _answer_ids(done.kept) >= current - older
