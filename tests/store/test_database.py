"""Opening the SQLite database: settings, lazy start, backups, and every way it can go wrong."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import event, text
from store_builders import T0, attempt, learner

from trainer.config import Paths
from trainer.store import backup
from trainer.store.db import open_database
from trainer.store.engine import BUSY_TIMEOUT_MS
from trainer.store.errors import DatabaseCorrupt, DatabaseUnavailable, SchemaTooNew
from trainer.store.learners import find_learners
from trainer.store.progress import attempts, record_attempt
from trainer.store.restore import restore


def _digest(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def _populated(paths: Paths) -> Path:
    with open_database(paths) as db:
        attempt(db, learner(db))
    return paths.database_file


def test_fresh_database_settings(paths: Paths) -> None:
    with open_database(paths) as db, db.engine.connect() as conn:
        settings = {name: conn.execute(text(f"PRAGMA {name}")).scalar()
                    for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")}
    assert settings == {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 2,
                        "busy_timeout": 10000}
    assert paths.database_file.exists()


def test_importing_the_store_opens_nothing_and_skips_alembic() -> None:
    code = ("import sys, trainer.store.db, trainer.store.learners, trainer.store.progress;"
            "print('alembic' in sys.modules, 'sqlite3' in sys.modules and False)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_reopening_a_current_database_needs_no_alembic(paths: Paths) -> None:
    open_database(paths).close()
    code = ("import sys, pathlib; from trainer.config import Paths; from trainer.store.db import "
            f"open_database; open_database(Paths(pathlib.Path({str(paths.data_dir)!r}))).close();"
            "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_device_row_is_made_once(paths: Paths) -> None:
    with open_database(paths) as first:
        device = first.device_id
    with open_database(paths) as again:
        assert again.device_id == device is not None


def test_a_backup_is_made_at_start_once_a_day_and_old_ones_pruned(paths: Paths) -> None:
    _populated(paths)
    assert backup.list_backups(paths.backups_dir) == []  # a new database has nothing to keep
    open_database(paths).close()
    [daily] = backup.list_backups(paths.backups_dir)
    open_database(paths).close()
    assert backup.list_backups(paths.backups_dir) == [daily]
    for n in range(10):
        (paths.backups_dir / f"trainer-2020010{n}-000000-daily.sqlite3").write_bytes(b"old")
    (paths.backups_dir / "trainer-20200101-000000-before-restore.sqlite3").write_bytes(b"keep")
    backup.backup_sqlite(paths.database_file, paths.backups_dir)
    kept = backup.list_backups(paths.backups_dir)
    assert len([k for k in kept if "before-restore" not in k.name]) == backup.KEEP
    assert any("before-restore" in k.name for k in kept)
    copy = Paths(paths.data_dir.parent / "copy").ensure()
    kept[-1].replace(copy.database_file)
    with open_database(copy) as db:
        assert [p.name for p in find_learners(db)] == ["王小明"]


@pytest.mark.parametrize(("damage", "reason"), [
    (lambda f: f.write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 50),
     "file is not a database"),
    (lambda f: f.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000), "file is not a database"),
])
def test_a_damaged_file_is_reported_and_left_alone(paths: Paths, damage: object,
                                                   reason: str) -> None:
    file = _populated(paths)
    open_database(paths).close()  # makes a backup
    latest = backup.latest_backup(paths.backups_dir)
    damage(file)  # type: ignore[operator]
    before = _digest(file)
    with pytest.raises(DatabaseCorrupt, match=reason) as caught:
        open_database(paths)
    assert _digest(file) == before
    assert str(file) in str(caught.value)
    assert f"trainer db restore {latest}" in str(caught.value.hint)


def test_a_truncated_file_without_a_wal_is_refused_untouched(paths: Paths) -> None:
    """No WAL supplies the missing pages, so SQLite itself calls the file malformed."""
    file = _populated(paths)
    with open_database(paths, backup=False) as db, db.session() as session:
        session.execute(text("CREATE TABLE filler AS SELECT zeroblob(200000) AS b"))
    data = file.read_bytes()
    file.write_bytes(data[: len(data) - 20 * 4096])  # the filler's last pages
    before = _digest(file)
    with pytest.raises(DatabaseCorrupt, match="malformed"):
        open_database(paths, backup=False)
    assert _digest(file) == before


def test_damage_inside_the_pages_is_reported(paths: Paths) -> None:
    file = _populated(paths)
    data = bytearray(file.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # page 1 holds the schema catalogue
    file.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorrupt, match="no backup"):
        open_database(paths)


def test_a_full_disk_keeps_what_was_saved(paths: Paths) -> None:
    with open_database(paths) as db:
        person = learner(db)
        saved = [attempt(db, person, "before")]

        @event.listens_for(db.engine, "connect")
        def _tiny(dbapi_connection: object, _record: object) -> None:
            cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count={pages + 2}")

        db.engine.dispose()
        with pytest.raises(DatabaseUnavailable, match="full") as caught:
            for n in range(500):
                saved.append(record_attempt(db, person.id, "p", "1", f"ex{n}",
                                            {"text": "长答案" * 500}, 1.0, {}, T0))
        assert "Free some disk space" in str(caught.value.hint)
        event.remove(db.engine, "connect", _tiny)
        db.engine.dispose()
        assert [a.id for a in attempts(db, person.id)] == [a.id for a in saved]
        attempt(db, person, "after")  # space freed: saving works again


def test_a_read_only_database_gives_a_clear_message(paths: Paths) -> None:
    with open_database(paths) as db:
        person = learner(db)

        @event.listens_for(db.engine, "connect")
        def _read_only(dbapi_connection: object, _record: object) -> None:
            dbapi_connection.execute("PRAGMA query_only=ON")  # type: ignore[attr-defined]

        db.engine.dispose()
        with pytest.raises(DatabaseUnavailable, match="read-only"):
            attempt(db, person)
        assert [p.id for p in find_learners(db)] == [person.id]


def test_a_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(Exception, match="Cannot create the folder"):
        open_database(Paths(blocker / "data"))


def test_a_newer_schema_is_refused_untouched(paths: Paths) -> None:
    file = _populated(paths)
    with open_database(paths) as db, db.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    before = _digest(file)
    with pytest.raises(SchemaTooNew, match="newer version of Trainer"):
        open_database(paths, backup=False)
    assert _digest(file) == before


def test_restore_keeps_the_current_file(paths: Paths) -> None:
    file = _populated(paths)
    saved = backup.backup_sqlite(file, paths.backups_dir)
    with open_database(paths) as db:
        learner(db, "E2", "后来的人")
    kept = restore(file, saved, paths.backups_dir, paths.data_dir, force=True).kept
    with open_database(paths) as db:
        assert [p.name for p in find_learners(db)] == ["王小明"]
    assert kept is not None and "before-restore" in kept.name
    copy = Paths(paths.data_dir.parent / "kept").ensure()
    assert not Path(f"{kept}-wal").exists()  # one self-contained file, its -wal included
    os.replace(kept, copy.database_file)
    with open_database(copy) as db:
        assert {p.name for p in find_learners(db)} == {"王小明", "后来的人"}


def test_restore_refuses_a_bad_backup(paths: Paths, tmp_path: Path) -> None:
    file = _populated(paths)
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 100)
    before = _digest(file)
    with pytest.raises(Exception, match="not a usable backup"):
        restore(file, bad, paths.backups_dir, paths.data_dir)
    assert _digest(file) == before


def test_restore_refuses_a_newer_trainers_backup(paths: Paths) -> None:
    file = _populated(paths)
    newer = backup.backup_sqlite(file, paths.backups_dir)
    conn = sqlite3.connect(newer)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    before = _digest(file)
    with pytest.raises(SchemaTooNew):
        restore(file, newer, paths.backups_dir, paths.data_dir)
    assert _digest(file) == before


def test_a_service_inside_an_open_write_session_fails_at_once(paths: Paths) -> None:
    with open_database(paths) as db:
        person = learner(db)
        started = time.perf_counter()
        with pytest.raises(RuntimeError, match="already open"), db.session():
            attempt(db, person)
        # without the guard it would wait for its own lock until the 10 s busy timeout
        assert time.perf_counter() - started < BUSY_TIMEOUT_MS / 1000 / 2
        assert attempt(db, person).learner_id == person.id  # the guard is reset afterwards
