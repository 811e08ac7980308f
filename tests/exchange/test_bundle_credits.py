"""A merged progress bundle awards exactly the 学时 the other machine's study earned: each
award once, dated when it was first earned on either machine, and replaying the bundle awards
nothing more (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import text

from tests.analytics.builders import add_attempt, mini_pack
from trainer.analytics import summaries
from trainer.analytics.credits import awards_for, rebuild
from trainer.exchange.bundles import export_bundle, import_bundle
from trainer.store.credits import SyncResult
from trainer.store.db import Database
from trainer.store.learners import create_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_lesson_progress

EARLY = datetime(2026, 2, 1, 8, 0, tzinfo=UTC)


def _ledger(db: Database, learner_id: int) -> list[tuple[object, ...]]:
    with db.reader() as session:
        return [(a.pack_id, a.module_id, a.source, a.hours, a.earned_at)
                for a in awards_for(session, learner_id, None)]


def _award_rows(db: Database) -> int:
    with db.reader() as session:
        return int(session.execute(text("SELECT count(*) FROM credit_awards")).scalar_one())


def test_a_merged_bundle_awards_what_the_other_machine_earned_once(
        sender: Database, receiver: Database, tmp_path: Path) -> None:
    pack = mini_pack()
    for db in (sender, receiver):
        assert summaries.ensure(db, [pack])
    away = create_learner(sender, "1001", "王䶮", "临江市财政局", actor=COMMAND_LINE)
    for module in ("m1", "m2"):
        record_lesson_progress(sender, away.id, pack.id, module, status="completed")
    with sender.session() as session:  # m1 was completed there long ago
        session.execute(text("UPDATE lesson_progress SET completed_at = :t "
                             "WHERE module_id = 'm1'"), {"t": EARLY.replace(tzinfo=None)})
    assert rebuild(sender, actor=COMMAND_LINE).changed == 1
    add_attempt(sender, away.id, pack, "f1", 1.0, EARLY + timedelta(days=3))
    add_attempt(sender, away.id, pack, "f2", 1.0, EARLY + timedelta(days=3))
    # the same person studied here too: m1 (later than there) and the glossary
    here = create_learner(receiver, "1001", "王䶮", "临江市财政局", actor=COMMAND_LINE)
    for module in ("m1", "glossary"):
        record_lesson_progress(receiver, here.id, pack.id, module, status="completed")
    local_glossary = _ledger(receiver, here.id)[-1]

    bundle = tmp_path / "sender.zip"
    export_bundle(sender, bundle, actor=COMMAND_LINE)
    import_bundle(receiver, bundle, actor=COMMAND_LINE, trust_new_device=True)
    merged = _ledger(receiver, here.id)
    assert merged == sorted(_ledger(sender, away.id) + [local_glossary],
                            key=lambda a: (a[4], a[0], a[1] is None, a[1] or ""))
    assert sorted((m or "", s, h) for _, m, s, h, _ in merged) == [
        ("", "assessment", Decimal("0.50")), ("final", "module", Decimal("0.25")),
        ("glossary", "module", Decimal("0.25")), ("m1", "module", Decimal("0.25")),
        ("m2", "module", Decimal("0.25"))]
    assert {m: t for _, m, _, _, t in merged}[None] == EARLY + timedelta(days=3)
    assert {m: t for _, m, _, _, t in merged}["m1"] == EARLY  # first earned there

    before = _ledger(receiver, here.id)
    rows = _award_rows(receiver)
    import_bundle(receiver, bundle, actor=COMMAND_LINE)  # replayed: nothing twice
    assert _ledger(receiver, here.id) == before and _award_rows(receiver) == rows == 5
    assert rebuild(receiver, actor=COMMAND_LINE) == SyncResult(0, 0, 0)
