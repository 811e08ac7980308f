"""``trainer db salvage``: a damaged database gives up only the rows on its damaged pages, the
copy passes every check and can be put in place, and the damaged file is never changed."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from store_builders import T0, admin

from trainer.cli import main
from trainer.config import Paths
from trainer.store import summary
from trainer.store.bulk import insert_attempts
from trainer.store.db import open_database
from trainer.store.learners import create_learner
from trainer.store.salvage import salvage

PACK = "digital-government"
EXERCISES = [f"ex{n}" for n in range(20)]


def _built(paths: Paths, learners: int = 40, answers: int = 3000) -> Path:
    """Learners in two departments (each created through the audited service), registered
    weights, and ``answers`` answers spread over them."""
    with open_database(paths) as db:
        boss = admin(db)
        people = [create_learner(db, f"E{n:04d}", f"学员{n}", f"部门{n % 2}", actor=boss)
                  for n in range(learners)]
        with db.session() as session:
            summary.register(session, PACK, summary.Registration(
                weights={(ex, "data-literacy"): 1.0 + n % 3 for n, ex in enumerate(EXERCISES)},
                assessments={"ex19": (5, 60)}))
        insert_attempts(db, [
            {"learner_id": people[n % learners].id, "pack_id": PACK, "pack_version": "1.0.0",
             "exercise_id": EXERCISES[n % len(EXERCISES)], "response": {"choice": n % 4},
             "score": (n % 5) / 4, "weights": {"data-literacy": 1.0},
             "started_at": T0 + timedelta(minutes=n)} for n in range(answers)])
    return paths.database_file


def _rows(file: Path, table: str, key: str = "id") -> dict[object, tuple[object, ...]]:
    with closing(sqlite3.connect(f"file:{file}?mode=ro", uri=True)) as conn:
        return {row[0]: row for row in conn.execute(f"SELECT {key}, * FROM {table}")}


def _break_leaf(file: Path, table: str, which: float = 0.5) -> int:
    """Overwrite a leaf page of ``table`` ``which`` of the way through it; returns the rows it
    held (no connection may be open on the file)."""
    with closing(sqlite3.connect(file)) as conn:
        leaves = conn.execute("SELECT pageno, ncell FROM dbstat WHERE name = ? AND "
                              "pagetype = 'leaf' ORDER BY pageno", (table,)).fetchall()
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    page, cells = leaves[int(len(leaves) * which)]
    data = bytearray(file.read_bytes())
    data[(page - 1) * size: page * size] = b"\x5a" * size
    file.write_bytes(bytes(data))
    return int(cells)


def _digest(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest() if file.exists() else "absent"


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_damaged_database_loses_only_the_rows_on_its_damaged_page(
        paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _built(paths)
    answers, learners = _rows(file, "attempts"), _rows(file, "learners")
    on_page = _break_leaf(file, "attempts")
    data = str(paths.data_dir)
    status, _out, err = _cli(capsys, "--data-dir", data, "db", "check")
    assert status == 1 and "damaged" in err and "trainer db salvage -o NEWFILE" in err
    before = _digest(file), _digest(Path(f"{file}-wal"))
    new = tmp_path / "salvaged.sqlite3"

    status, out, err = _cli(capsys, "--data-dir", data, "db", "salvage", "-o", str(new))

    assert status == 0, err
    salvaged = _rows(new, "attempts")
    lost = len(answers) - len(salvaged)
    assert 0 < lost <= on_page
    assert f"attempts: {len(salvaged):,} copied, {lost:,} lost" in out
    assert all(answers[key] == row for key, row in salvaged.items())  # unchanged, every one
    assert _rows(new, "learners") == learners
    assert f"trainer --data-dir {data} db restore {new} --force" in out
    assert (_digest(file), _digest(Path(f"{file}-wal"))) == before
    other = str(tmp_path / "elsewhere")
    url = f"sqlite:///{new}"
    status, out, err = _cli(capsys, "--data-dir", other, "--database-url", url, "db", "check")
    assert status == 0 and "chain intact" in out, out + err
    # the next step the command names puts it in place
    status, out, err = _cli(capsys, "--data-dir", data, "db", "restore", str(new), "--force")
    assert status == 0, err
    status, out, err = _cli(capsys, "--data-dir", data, "db", "check")
    assert status == 0 and f"{len(salvaged)} attempts" in out, out + err
    assert _cli(capsys, "--data-dir", data, "db", "summaries")[0] == 0


def test_a_healthy_database_is_salvaged_completely(paths: Paths, tmp_path: Path) -> None:
    file = _built(paths, learners=10, answers=500)
    tables = ("learners", "departments", "attempts", "audit_log", "summary_weights",
              "summary_competencies", "summary_activity", "summary_sittings")
    keys = {"summary_weights": "pack_id || exercise_id || competency_id",
            "summary_competencies": "learner_id || pack_id || competency_id",
            "summary_activity": "learner_id || pack_id",
            "summary_sittings": "learner_id || pack_id || started_at"}
    original = {t: _rows(file, t, keys.get(t, "id")) for t in tables}

    done = salvage(file, tmp_path / "copy.sqlite3")

    assert done.lost == 0 and done.chain.resealed_from is None
    copy = {t: _rows(done.target, t, keys.get(t, "id")) for t in tables}
    entries = copy.pop("audit_log")
    assert [row[5] for row in entries.values()][-1] == "db.salvage"
    assert {k: v for k, v in entries.items() if k in original["audit_log"]} == \
        original.pop("audit_log")
    assert copy == original
    assert original["summary_sittings"] and original["summary_competencies"]


def test_lost_audit_entries_restart_the_chain_and_say_so(
        paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _built(paths, learners=400, answers=50)
    entries = _rows(file, "audit_log")
    on_page = _break_leaf(file, "audit_log")
    new = tmp_path / "salvaged.sqlite3"

    status, out, err = _cli(capsys, "--data-dir", str(paths.data_dir), "db", "salvage",
                            "-o", str(new))

    assert status == 0, err
    assert "the chain restarts at entry" in out
    kept = _rows(new, "audit_log")
    assert 0 < len(entries) + 1 - len(kept) <= on_page
    assert all(kept[k][1:6] == entries[k][1:6] for k in kept if k in entries)  # same records
    status, out, err = _cli(capsys, "--data-dir", str(tmp_path / "x"), "--database-url",
                            f"sqlite:///{new}", "db", "check")
    assert status == 0 and "chain intact" in out, out + err


def test_an_existing_file_is_never_overwritten(
        paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _built(paths, learners=3, answers=10)
    new = tmp_path / "taken.sqlite3"
    new.write_bytes(b"keep me")

    status, out, err = _cli(capsys, "--data-dir", str(paths.data_dir), "db", "salvage",
                            "-o", str(new))

    assert status == 1 and "already exists" in err and "Traceback" not in err
    assert new.read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir() if "taken" in p.name) == ["taken.sqlite3"]


def test_answers_whose_learner_was_lost_are_dropped_and_counted(
        paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _built(paths, learners=400, answers=2000)
    learners, answers = _rows(file, "learners"), _rows(file, "attempts")
    _break_leaf(file, "learners")
    new = tmp_path / "salvaged.sqlite3"

    status, out, err = _cli(capsys, "--data-dir", str(paths.data_dir), "db", "salvage",
                            "-o", str(new))

    assert status == 0, err
    gone = set(learners) - set(_rows(new, "learners"))
    orphans = sum(1 for row in answers.values() if row[2] in gone)
    assert gone and orphans
    assert f"attempts: {len(answers) - orphans:,} copied, 0 lost, {orphans:,} dropped" in out
    status, out, err = _cli(capsys, "--data-dir", str(tmp_path / "x"), "--database-url",
                            f"sqlite:///{new}", "db", "check")
    assert status == 0, out + err


def test_a_file_whose_table_list_is_unreadable_is_refused_clearly(
        paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _built(paths, learners=3, answers=10)
    data = bytearray(file.read_bytes())
    data[100:4096] = b"\x5a" * (4096 - 100)  # page 1: the catalogue's root
    file.write_bytes(bytes(data))
    new = tmp_path / "salvaged.sqlite3"

    status, out, err = _cli(capsys, "--data-dir", str(paths.data_dir), "db", "salvage",
                            "-o", str(new))

    assert status == 1 and "nothing can be salvaged" in err and "Traceback" not in err, err
    assert not list(tmp_path.glob("*salvag*"))


def test_a_table_with_no_readable_index_is_walked_over_its_rowids(tmp_path: Path) -> None:
    from trainer.store.salvage_read import read_table

    file = tmp_path / "plain.sqlite3"
    with closing(sqlite3.connect(file)) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.executemany("INSERT INTO notes VALUES (?)", [(f"note {n:05d} " * 8,)
                                                         for n in range(3000)])
        conn.commit()
    on_page = _break_leaf(file, "notes", 0.3)
    with closing(sqlite3.connect(f"file:{file}?mode=ro", uri=True)) as conn:
        found, batches = read_table(conn, "notes", ["body"])
        rows = [row for batch in batches for row in batch]
    assert not found.exact and len(found.lost) == on_page == 3000 - len(rows)
    assert all(body == f"note {rowid - 1:05d} " * 8 for rowid, body in rows)


def test_a_salvaged_copy_opened_by_trainer_can_still_be_restored(
        paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Trainer turns a file it opens to WAL mode; restore attaches it read-only all the same."""
    file = _built(paths, learners=5, answers=300)
    _break_leaf(file, "attempts")
    new = tmp_path / "salvaged.sqlite3"
    assert _cli(capsys, "--data-dir", str(paths.data_dir), "db", "salvage", "-o", str(new))[0] == 0
    other = Paths(tmp_path / "look").ensure()
    with open_database(other, f"sqlite:///{new}"):  # someone looks at it in Trainer first
        pass
    with closing(sqlite3.connect(f"file:{new}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        kept = conn.execute("SELECT count(*) FROM attempts").fetchone()[0]

    status, out, err = _cli(capsys, "--data-dir", str(paths.data_dir), "db", "restore",
                            str(new), "--force")

    assert status == 0, err
    status, out, err = _cli(capsys, "--data-dir", str(paths.data_dir), "db", "check")
    assert status == 0 and f"{kept} attempts" in out, out + err


def test_a_first_revision_database_is_salvaged_at_the_newest_schema(
        paths: Paths, tmp_path: Path) -> None:
    """The copy is built at the damaged file's revision, then upgraded by the migrations (which
    chain the old audit entries and add the summaries)."""
    from test_migrations import _dump, _first_revision_file

    from trainer.store.migrate import HEAD

    _first_revision_file(paths)
    before = _dump(paths.database_file)

    done = salvage(paths.database_file, tmp_path / "copy.sqlite3")

    after = _dump(done.target)
    assert after["audit_log"].pop()[4] == "db.salvage"  # the salvage itself, at the end
    assert done.lost == 0 and after == before
    with closing(sqlite3.connect(done.target)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
    status = main(["--data-dir", str(tmp_path / "x"), "--database-url",
                   f"sqlite:///{done.target}", "db", "check"])
    assert status == 0
