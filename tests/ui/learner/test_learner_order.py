"""The sign-in list is in Chinese dictionary (pinyin) order, not by character code."""

from __future__ import annotations

from typing import Any

from trainer.store.info import LearnerInfo
from trainer.ui.learner.models import LEARNER_ROLE, LearnerListModel


def test_learners_sorted_by_pinyin_then_number(qapp: Any) -> None:
    names = [("1", "张伟"), ("2", "王小明"), ("3", "阿强"), ("4", "陈静"), ("5", "李娜"),
             ("6", "钟嘉东"), ("8", "陈静"), ("7", "陈静")]
    model = LearnerListModel([LearnerInfo(i, no, name, None, "learner", False, None)
                              for i, (no, name) in enumerate(names)])
    shown = [model.index(r, 0).data(LEARNER_ROLE) for r in range(model.rowCount())]
    assert [(learner.name, learner.employee_no) for learner in shown] == [
        ("阿强", "3"), ("陈静", "4"), ("陈静", "7"), ("陈静", "8"), ("李娜", "5"),
        ("王小明", "2"), ("张伟", "1"), ("钟嘉东", "6")]
    model.set_learners(list(reversed(shown)))
    assert model.index(0, 0).data(LEARNER_ROLE).name == "阿强"
