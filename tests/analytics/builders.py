"""Small hand-made packs and seeded databases for analytics tests (no pack files needed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from trainer.content.model import (
    Competency,
    Exercise,
    Framework,
    Level,
    Module,
    Option,
    Pack,
    Role,
)

LEVELS = (Level(1, "入门", 0), Level(2, "基础", 40), Level(3, "熟练", 65), Level(4, "精通", 85))
COMPETENCIES = ("data-literacy", "data-sharing", "data-security")
ROLES = (
    Role("frontline-officer", "一线服务人员", "", {"data-literacy": 2, "data-security": 3}),
    Role("data-steward", "数据管理员", "",
         {"data-literacy": 3, "data-sharing": 4, "data-security": 4}),
)
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def framework() -> Framework:
    return Framework(LEVELS, tuple(Competency(c, c.upper(), "", ("a", "b", "c", "d"))
                                   for c in COMPETENCIES), ROLES)


def exercise(ex_id: str, module_id: str, weights: dict[str, float]) -> Exercise:
    return Exercise(ex_id, "single", module_id, f"modules/{module_id}.md", 1, "Q?",
                    options=(Option("a", True), Option("b", False)), weights=weights)


def module(mod_id: str, kind: str, exercises: list[Exercise], title: str = "") -> Module:
    comps = tuple(sorted({c for e in exercises for c in e.weights}))
    return Module(mod_id, title or mod_id, 10, kind, comps, (), None, None,
                  f"modules/{mod_id}.md", tuple(exercises), tuple(exercises))


def mini_pack(pack_id: str = "mini", pass_mark: int = 60) -> Pack:
    """m1: e1 (lit 1.0), e2 (lit 0.5, sharing 0.5); m2 (case): e3 (security 1), e4 (sharing 0.7,
    security 0.3); final (assessment): f1 (lit 1), f2 (security 1); glossary (reference)."""
    m1 = module("m1", "lesson", [exercise("e1", "m1", {"data-literacy": 1.0}),
                                 exercise("e2", "m1", {"data-literacy": 0.5,
                                                       "data-sharing": 0.5})])
    m2 = module("m2", "case", [exercise("e3", "m2", {"data-security": 1.0}),
                               exercise("e4", "m2", {"data-sharing": 0.7,
                                                     "data-security": 0.3})])
    final = module("final", "assessment", [exercise("f1", "final", {"data-literacy": 1.0}),
                                           exercise("f2", "final", {"data-security": 1.0})])
    glossary = module("glossary", "reference", [])
    return Pack(pack_id, "1.0.0", "迷你课程", "zh-CN", ("t",), "", pass_mark, framework(),
                (m1, m2, final, glossary), Path("."))


def add_attempt(db: Any, learner_id: int, pack: Pack, exercise_id: str, score: float | None,
                when: datetime = T0) -> None:
    from trainer.store.progress import record_attempt

    weights = dict(pack.exercise(exercise_id).weights)
    record_attempt(db, learner_id, pack.id, pack.version, exercise_id, {"choice": 0}, score,
                   weights, when, when + timedelta(seconds=30))
