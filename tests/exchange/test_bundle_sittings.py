"""Final-assessment sittings and progress bundles: a handed-in sitting's answers travel and count
as handed in on the other machine (no marker needed); a sitting still open stays where it was
begun (nothing of it travels, so nothing of the final is revealed or counted there)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.analytics.builders import T0, mini_pack
from trainer.analytics import sittings as rules
from trainer.analytics.assessment import assessment_result, final_assessment, handed_in
from trainer.exchange.bundles import export_bundle, import_bundle
from trainer.store import sittings
from trainer.store.db import Database
from trainer.store.learners import create_learner, find_by_employee_no
from trainer.store.permissions import COMMAND_LINE

PACK = mini_pack()
FINAL = final_assessment(PACK)


def test_handed_in_answers_travel_open_sittings_stay(
        sender: Database, receiver: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "clock", lambda: T0)
    done = create_learner(sender, "3001", "赵敏", "市数据局", actor=COMMAND_LINE)
    sitting = create_learner(sender, "3002", "钱进", "市数据局", actor=COMMAND_LINE)
    state = rules.begin(sender, done.id, PACK, FINAL)
    rules.hand_in(sender, FINAL, state, {"f1": {"choice": 0}, "f2": {"choice": 0}},
                  T0 + timedelta(minutes=4))
    still = rules.begin(sender, sitting.id, PACK, FINAL)
    sittings.save_answer(sender, still.id, "f1", {"choice": 0})
    file = tmp_path / "sender.trainer-progress.zip"
    manifest = export_bundle(sender, file, actor=COMMAND_LINE)
    assert manifest.counts["attempts"] == 2, "only the handed-in answers"
    import_bundle(receiver, file, actor=COMMAND_LINE, trust_new_device=True)
    there = find_by_employee_no(receiver, "3001")
    assert there is not None and handed_in(receiver, there.id, [PACK]) == {PACK.id}
    result = assessment_result(receiver, there.id, PACK)
    assert result is not None and result.passed and result.started_at == T0
    other = find_by_employee_no(receiver, "3002")
    assert other is not None and handed_in(receiver, other.id, [PACK]) == frozenset()
    assert sittings.open_sitting(receiver, other.id, PACK.id, FINAL.id) is None
    assert assessment_result(receiver, other.id, PACK) is None
