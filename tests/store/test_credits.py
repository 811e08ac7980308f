"""The 学时 ledger: awarded once, in the transaction of the event that earns it, dated when it
was earned, and always what the records earn (a rebuild changes nothing)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import delete, select

from tests.store.store_builders import learner
from trainer.analytics.credits import awards_for, earned, rebuild, set_rule
from trainer.store import credits, summary
from trainer.store.credit_rule import DEFAULT_RULE, make_rule
from trainer.store.db import Database
from trainer.store.models import CreditAward, LessonProgress
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_attempt, record_lesson_progress

PACK = "digital-government"
ITEMS = [credits.Item("01-why", 35, None, "数字政府", "为什么"),
         credits.Item("02-short", 10, None, "数字政府", "短课"),
         credits.Item("03-declared", 50, Decimal("2.50"), "数字政府", "声明"),
         credits.Item("99-final", 20, None, "数字政府", "结业考核", final=True)]
FINAL = summary.Registration({}, {"q1": (2, 60), "q2": (2, 60)})


def _register(db: Database) -> None:
    with db.session() as session:
        summary.register(session, PACK, FINAL)
        credits.register(session, PACK, ITEMS)


def _ledger(db: Database) -> list[tuple[object, ...]]:
    with db.reader() as session:
        return sorted(((k, v) for k, (_, v) in credits.stored(session).items()), key=_order)


def _order(item: tuple[object, ...]) -> tuple[object, ...]:
    (learner_id, pack, module), _ = item  # type: ignore[misc]
    return (learner_id, pack, module or "")


def _answer(db: Database, who: int, exercise: str, score: float, started: datetime) -> None:
    record_attempt(db, who, PACK, "1.0.0", exercise, {"choice": 1}, score, {}, started,
                   started + timedelta(minutes=1))


def test_a_completed_module_earns_its_hours_once_dated_when_completed(store: Database) -> None:
    _register(store)
    who = learner(store)
    before = datetime.now(UTC)
    for _ in range(2):  # opening a completed lesson again earns nothing more
        record_lesson_progress(store, who.id, PACK, "01-why", status="completed")
    record_lesson_progress(store, who.id, PACK, "02-short", status="completed")
    record_lesson_progress(store, who.id, PACK, "03-declared", status="completed")
    record_lesson_progress(store, who.id, PACK, "unknown-module", status="completed")
    record_lesson_progress(store, who.id, PACK, "99-final", status="completed")  # handed in only
    with store.reader() as session:
        awards = {a.module_id: a for a in awards_for(session, who.id, None)}
        assert earned(session)[who.id] == {PACK: Decimal("3.75")}
    assert {m: a.hours for m, a in awards.items()} == {
        "01-why": Decimal("1.00"), "02-short": Decimal("0.25"), "03-declared": Decimal("2.50")}
    assert awards["01-why"].earned_at >= before and awards["01-why"].title == "为什么"
    assert awards["01-why"].pack_title == "数字政府"


def test_a_passing_sitting_earns_the_bonus_once_dated_by_its_start(store: Database) -> None:
    _register(store)
    who = learner(store)
    t1 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    _answer(store, who.id, "q1", 1.0, t1)
    _answer(store, who.id, "q2", 0.0, t1)  # 50 % < 60 %: failed
    with store.reader() as session:
        assert awards_for(session, who.id, 2026) == []
    t2 = t1 + timedelta(days=1)
    _answer(store, who.id, "q1", 1.0, t2)
    _answer(store, who.id, "q2", 1.0, t2)  # passes here
    _answer(store, who.id, "q1", 1.0, t2 + timedelta(days=1))
    _answer(store, who.id, "q2", 1.0, t2 + timedelta(days=1))  # passes again: nothing more
    with store.reader() as session:
        awards = awards_for(session, who.id, 2026)
    assert [(a.source, a.module_id, a.hours, a.earned_at, a.title) for a in awards] == [
        ("module", "99-final", Decimal("0.50"), t2, "结业考核"),  # its 20 minutes, once passed
        ("assessment", None, Decimal("0.50"), t2, "数字政府")]


def test_a_rebuild_gives_the_identical_ledger(store: Database) -> None:
    _register(store)
    who, other = learner(store), learner(store, "E1002", "李四")
    for module in ("01-why", "03-declared"):
        record_lesson_progress(store, who.id, PACK, module, status="completed")
    record_lesson_progress(store, other.id, PACK, "02-short", status="in_progress")
    start = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    _answer(store, other.id, "q1", 1.0, start)
    _answer(store, other.id, "q2", 1.0, start)
    ledger = _ledger(store)
    assert len(ledger) == 4
    assert rebuild(store, actor=COMMAND_LINE) == credits.SyncResult(0, 0, 0)
    with store.session() as session:
        session.execute(delete(CreditAward))
    assert rebuild(store, actor=COMMAND_LINE) == credits.SyncResult(4, 0, 0)
    assert _ledger(store) == ledger
    with store.session() as session:  # the pack drops a module: its award goes with it
        credits.register(session, PACK, [i for i in ITEMS if i.module_id != "03-declared"])
    assert [key[2] for key, _ in _ledger(store)] == ["01-why", None, "99-final"]
    with store.reader() as session:  # the SQL sync and the plain derivation agree
        assert sorted(credits.expected(session).items(), key=_order) == _ledger(store)


def test_a_new_rule_re_derives_every_award_and_a_year_is_local(store: Database) -> None:
    _register(store)
    who = learner(store)
    record_lesson_progress(store, who.id, PACK, "02-short", status="completed")
    late = datetime(2026, 12, 31, 15, 30, tzinfo=UTC)  # 2026-12-31 23:30 in Beijing
    with store.session() as session:
        session.execute(LessonProgress.__table__.update().values(completed_at=late))
    rule = make_rule([(0, "0.5"), (30, "2")], "1")
    assert set_rule(store, rule, actor=COMMAND_LINE).changed == 1
    with store.reader() as session:
        assert earned(session, year=2026) == {who.id: {PACK: Decimal("0.50")}}
        assert earned(session, year=2027) == {}
        assert session.scalar(select(CreditAward.earned_at)) == late
    set_rule(store, make_rule(DEFAULT_RULE.bands, "0.5", 0), actor=COMMAND_LINE)
    with store.reader() as session:  # counted in UTC, the same moment is still 2026
        assert earned(session, year=2026) == {who.id: {PACK: Decimal("0.25")}}


def test_bulk_written_answers_earn_as_single_ones_do(store: Database) -> None:
    from trainer.store.bulk import insert_attempts

    _register(store)
    who = learner(store)
    start = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    insert_attempts(store, [
        {"learner_id": who.id, "pack_id": PACK, "pack_version": "1.0.0", "exercise_id": q,
         "response": {}, "score": 1.0, "weights": {}, "started_at": start} for q in ("q1", "q2")])
    with store.reader() as session:
        assert [(a.module_id, a.earned_at) for a in awards_for(session, who.id, 2026)] == [
            ("99-final", start), (None, start)]
        assert credits.differences(session).total == 0
