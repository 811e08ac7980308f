"""HR's figures on a damaged (read-only) database: the summaries are not rebuilt (that would be
a write), the figures are read from the answers instead, and the file is left as it was."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from damaged_db import break_a_page_of

from trainer.analytics import summaries
from trainer.config import Paths
from trainer.content.loader import load_pack
from trainer.store.db import open_database
from trainer.store.learners import create_learner
from trainer.store.progress import record_attempt

PACK = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "learner-mini"
T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def test_summaries_are_not_rebuilt_on_a_read_only_database(paths: Paths) -> None:
    pack = load_pack(PACK)
    with open_database(paths, backup=False) as db:
        person = create_learner(db, "1001", "张伟", "办公室")
        for n in range(400):
            record_attempt(db, person.id, "other", "1", f"e{n}", {"text": "答" * 80}, 1.0, {}, T0)
    break_a_page_of(paths.database_file, "attempts")
    before = paths.database_file.read_bytes()
    with open_database(paths) as db:
        assert db.read_only
        assert summaries.ensure(db, [pack]) is False  # no DatabaseCorrupt: read the answers
        assert summaries.usable(db, [pack], None) is False
    assert paths.database_file.read_bytes() == before
