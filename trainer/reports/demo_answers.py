"""Plausible learner answers for demonstration data, graded by the real grader.

An answer is built right or with a typical slip (a missed option, two steps swapped, a wrong
pair), so scores come from ``trainer.content.grading`` exactly as in the app, partial credit
included.
"""

from __future__ import annotations

import random
from typing import Any

from trainer.content.model import Exercise

WRONG_FILLS = ("不清楚", "数据共享", "信息化", "以上都不是", "待确认")
OPEN_TEXTS = (
    "结合本单位实际，我认为应先梳理数据目录，明确共享责任，再按需申请、依规使用。",
    "以“一件事一次办”为例，可以通过部门间数据共享减少群众提交的材料，同时做好授权和留痕。",
    "关键是明确数据来源和质量责任，建立问题反馈和整改闭环，并保护个人信息。",
)


def make_response(exercise: Exercise, knows: bool, rng: random.Random) -> dict[str, Any]:
    """A response that is right when ``knows``, otherwise a typical mistake."""
    builder = _BUILDERS.get(exercise.type, _open)
    return builder(exercise, knows, rng)


def _choice(exercise: Exercise, knows: bool, rng: random.Random) -> dict[str, Any]:
    right = [i for i, option in enumerate(exercise.options) if option.correct] or [0]
    wrong = [i for i, option in enumerate(exercise.options) if not option.correct]
    if knows or not wrong:
        return {"choice": rng.choice(right)}
    return {"choice": rng.choice(wrong)}


def _multiple(exercise: Exercise, knows: bool, rng: random.Random) -> dict[str, Any]:
    right = [i for i, option in enumerate(exercise.options) if option.correct]
    wrong = [i for i, option in enumerate(exercise.options) if not option.correct]
    chosen = set(right)
    if not knows:
        if len(chosen) > 1 and (not wrong or rng.random() < 0.6):
            chosen.discard(rng.choice(sorted(chosen)))
        if wrong and (rng.random() < 0.5 or chosen == set(right)):
            chosen.add(rng.choice(wrong))
    return {"choices": sorted(chosen)}


def _fill(exercise: Exercise, knows: bool, rng: random.Random) -> dict[str, Any]:
    if knows and exercise.answers:
        return {"text": rng.choice(exercise.answers)}
    accepted = set(exercise.answers)
    options = [text for text in WRONG_FILLS if text not in accepted] or ["?"]
    return {"text": rng.choice(options)}


def _order(exercise: Exercise, knows: bool, rng: random.Random) -> dict[str, Any]:
    order = list(range(len(exercise.items)))
    if not knows and len(order) > 1:
        for _ in range(rng.choice((1, 1, 2))):
            i = rng.randrange(len(order) - 1)
            order[i], order[i + 1] = order[i + 1], order[i]
    return {"order": order}


def _match(exercise: Exercise, knows: bool, rng: random.Random) -> dict[str, Any]:
    rights = list(range(len(exercise.pairs)))
    if not knows and len(rights) > 1:
        i, j = rng.sample(range(len(rights)), 2)
        rights[i], rights[j] = rights[j], rights[i]
    return {"pairs": {str(left): right for left, right in enumerate(rights)}}


def _open(exercise: Exercise, knows: bool, rng: random.Random) -> dict[str, Any]:
    chance = 0.85 if knows else 0.35
    ticked = [i for i in range(len(exercise.rubric)) if rng.random() < chance]
    return {"text": rng.choice(OPEN_TEXTS), "ticked": ticked}


_BUILDERS = {"single": _choice, "truefalse": _choice, "multiple": _multiple, "fill": _fill,
             "order": _order, "match": _match, "open": _open}
