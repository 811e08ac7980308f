"""Summaries of a pack for people (``pack list``) and tools (``pack info --json``)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from trainer.content.model import EXERCISE_TYPES, Pack


def pack_info(pack: Pack) -> dict[str, Any]:
    """Counts a trainer or a tool wants before installing or publishing a pack."""
    exercises = pack.exercises()
    types = Counter(e.type for e in exercises)
    per_competency = Counter(c for e in exercises for c in e.weights)
    kinds = Counter(m.kind for m in pack.modules)
    return {
        "id": pack.id,
        "version": pack.version,
        "title": pack.title,
        "language": pack.language,
        "authors": list(pack.authors),
        "summary": pack.summary,
        "pass_mark": pack.pass_mark,
        "modules": len(pack.modules),
        "module_kinds": dict(sorted(kinds.items())),
        "exercises": len(exercises),
        "exercise_types": {t: types[t] for t in EXERCISE_TYPES if types[t]},
        "competencies": {c.id: per_competency.get(c.id, 0)
                         for c in pack.framework.competencies},
        "roles": [r.id for r in pack.framework.roles],
        "minutes": pack.minutes,
        "root": str(pack.root),
    }


def info_lines(info: dict[str, Any], language: str = "en") -> list[str]:
    """The same summary as readable lines, in English or (``zh…``) Chinese."""
    if language.lower().startswith("zh"):
        types = "，".join(f"{k} {v}" for k, v in info["exercise_types"].items()) or "无"
        competencies = "，".join(f"{k} {v}" for k, v in info["competencies"].items())
        return [
            f"{info['title']}",
            f"  编号 {info['id']}，版本 {info['version']}，语言 {info['language']}",
            f"  {info['modules']} 个模块，{info['exercises']} 道练习题，学习时间约 "
            f"{info['minutes']} 分钟",
            f"  题型：{types}",
            f"  各能力项的题目数：{competencies}",
        ]
    types = ", ".join(f"{k} {v}" for k, v in info["exercise_types"].items()) or "none"
    competencies = ", ".join(f"{k} {v}" for k, v in info["competencies"].items())
    return [
        f"{info['title']}",
        f"  id {info['id']}, version {info['version']}, language {info['language']}",
        f"  {info['modules']} modules, {info['exercises']} exercises, about "
        f"{info['minutes']} minutes of study",
        f"  exercise types: {types}",
        f"  exercises per competency: {competencies}",
    ]
