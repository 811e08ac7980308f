"""Review state in progress bundles: its own members, later review wins, replay changes nothing."""

from __future__ import annotations

import base64
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bundle_files import key_file
from cryptography.hazmat.primitives import serialization
from sqlalchemy import text

from trainer.config import Paths
from trainer.exchange.bundles import export_bundle, import_bundle, preview_bundle, read_bundle
from trainer.store import review
from trainer.store.db import Database, open_database
from trainer.store.learners import create_learner, find_by_employee_no
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_attempt
from trainer.store.review import ReviewNote

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TABLES = ("review_items", "review_answers", "attempts")


def _answer(db: Database, number: str, exercise: str, score: float, at: datetime,
            kind: str | None = None) -> None:
    who = find_by_employee_no(db, number)
    assert who is not None
    record_attempt(db, who.id, "course", "1.0.0", exercise, {"choice": 1}, score,
                   {"data-literacy": 1.0}, at - timedelta(seconds=40), at,
                   review=ReviewNote(kind))


def _state(db: Database) -> dict[str, list[tuple]]:
    with db.reader() as session:
        return {t: sorted(map(tuple, session.execute(text(f"SELECT * FROM {t}"))), key=repr)
                for t in TABLES}


def _items(db: Database) -> list[tuple]:
    who = find_by_employee_no(db, "1001")
    assert who is not None
    return [(i.exercise_id, i.last_review, i.due, i.wrong) for i in review.items(db, who.id)]


def _export(db: Database, file: Path) -> Path:
    export_bundle(db, file, actor=COMMAND_LINE)
    return file


def test_review_state_travels_and_replaying_changes_nothing(receiver: Database,
                                                           tmp_path: Path) -> None:
    with open_database(Paths(tmp_path / "a").ensure()) as a:
        create_learner(a, "1001", "王䶮", actor=COMMAND_LINE)
        _answer(a, "1001", "ex1", 0.0, T0)
        _answer(a, "1001", "ex1", 1.0, T0 + timedelta(days=1), kind="review")
        _answer(a, "1001", "ex2", 1.0, T0)
        file = _export(a, tmp_path / "a.zip")
        expected = _items(a)
    manifest = read_bundle(file).manifest
    assert (manifest.counts["review_items"], manifest.counts["review_answers"]) == (2, 1)
    plan = preview_bundle(receiver, read_bundle(file), actor=COMMAND_LINE)
    assert plan.reviews_changed == 3
    import_bundle(receiver, file, actor=COMMAND_LINE, trust_new_device=True)
    assert _items(receiver) == expected
    before = _state(receiver)
    again = import_bundle(receiver, file, actor=COMMAND_LINE)
    assert again.changes == 0 and _state(receiver) == before


def test_the_later_review_wins_on_both_machines(tmp_path: Path) -> None:
    with open_database(Paths(tmp_path / "a").ensure()) as a, \
            open_database(Paths(tmp_path / "b").ensure()) as b:
        create_learner(a, "1001", "王䶮", actor=COMMAND_LINE)
        _answer(a, "1001", "ex1", 0.0, T0)
        import_bundle(b, _export(a, tmp_path / "a1.zip"), actor=COMMAND_LINE,
                      trust_new_device=True)
        _answer(a, "1001", "ex1", 0.0, T0 + timedelta(days=1), kind="review")  # earlier …
        _answer(b, "1001", "ex1", 1.0, T0 + timedelta(days=2), kind="review")  # … than this
        from_a, from_b = _export(a, tmp_path / "a2.zip"), _export(b, tmp_path / "b.zip")
        import_bundle(b, from_a, actor=COMMAND_LINE)
        import_bundle(a, from_b, actor=COMMAND_LINE, trust_new_device=True)
        assert _items(a) == _items(b)
        assert _items(a)[0][1] == T0 + timedelta(days=2)
        with a.reader() as session:  # both review answers are kept and marked
            assert review.counts(session)[2] == 2


def test_a_bundle_from_before_review_state_still_imports(receiver: Database,
                                                        tmp_path: Path) -> None:
    with open_database(Paths(tmp_path / "a").ensure()) as a:
        create_learner(a, "1001", "王䶮", actor=COMMAND_LINE)
        _answer(a, "1001", "ex1", 0.0, T0)
        file = _export(a, tmp_path / "a.zip")
        key = serialization.load_pem_private_key(key_file(a).read_bytes(), password=None)
    old = tmp_path / "old.zip"
    with zipfile.ZipFile(file) as source, zipfile.ZipFile(old, "w") as target:
        body = json.loads(source.read("manifest.json"))
        for member in ("review_items", "review_answers"):
            del body["members"][f"{member}.jsonl"], body["counts"][member]
        manifest = json.dumps(body, ensure_ascii=False, indent=2).encode()
        signature = base64.b64encode(key.sign(manifest)).decode()  # type: ignore[union-attr]
        target.writestr("manifest.json", manifest)
        target.writestr("signature.json", json.dumps({"algorithm": "Ed25519",
                                                      "signature": signature}))
        for name in source.namelist():
            if name.endswith(".jsonl") and not name.startswith("review_"):
                target.writestr(name, source.read(name))
    plan = import_bundle(receiver, old, actor=COMMAND_LINE, trust_new_device=True)
    assert plan.attempts_new == 1 and plan.reviews_changed == 0
    assert _items(receiver) == []
