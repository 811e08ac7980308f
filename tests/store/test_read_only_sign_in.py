"""Signing in on a damaged (read-only) database: the desktop app must still let people in to
read their lessons and results, without writing a byte, and wrong PINs are still slowed down."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from damaged_db import break_a_page_of

from trainer.config import Paths
from trainer.store.db import open_database
from trainer.store.errors import NotFound, TooManyTries, WrongPin
from trainer.store.learners import create_learner, sign_in, update_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_attempt

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def test_the_pin_is_checked_wrong_tries_are_delayed_and_nothing_is_written(paths: Paths) -> None:
    with open_database(paths, backup=False) as db:
        person = create_learner(db, "1002", "李娜", "办公室", pin="2468")
        gone = create_learner(db, "1003", "王芳", "办公室", actor=COMMAND_LINE)
        update_learner(db, gone.id, actor=COMMAND_LINE, active=False)
        for n in range(400):
            record_attempt(db, person.id, "p", "1", f"e{n}", {"text": "答" * 80}, 1.0, {}, T0)
    break_a_page_of(paths.database_file, "attempts")
    before = paths.database_file.read_bytes()
    with open_database(paths) as db:
        assert db.read_only
        for left in (2, 1, 0):
            with pytest.raises(WrongPin, match="Wrong PIN") as wrong:
                sign_in(db, person.id, "0000")
            assert wrong.value.hint and (str(left) in wrong.value.hint or "Wait" in
                                         wrong.value.hint)
        with pytest.raises(TooManyTries):  # the delay holds in this process
            sign_in(db, person.id, "2468")
        with pytest.raises(NotFound, match="switched off"):
            sign_in(db, gone.id, None)
        db.unrecorded_tries.clear()  # as after the wait
        assert sign_in(db, person.id, "2468").name == "李娜"
    assert paths.database_file.read_bytes() == before
