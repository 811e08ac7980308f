"""Answer lists per exercise type: options, accepted answers, steps, pairs and rubrics.

Each builder checks its type's rules (courses/README.md §7) and returns the Exercise fields it
fills; problems go to the context, never raised.
"""

from __future__ import annotations

import re
from typing import Any

from trainer.content.blocks import BlockContext, Item
from trainer.content.model import Criterion, Option

_TASK = re.compile(r"^\[([ xX]|\d{1,2}%)\][ \t]+(.+)$", re.DOTALL)
_BAD_TASK = re.compile(r"^(?:\[[^\]]*\]|［[^］]*］|【[^】]*】)")
_RUBRIC = re.compile(r"^\[(\d+(?:\.\d+)?)\][ \t]+(.+)$", re.DOTALL)
_ARROW = re.compile(r"\s*(?:->|→)\s*")


def _options(items: list[Item], name: str, ctx: BlockContext,
             partial: bool = False) -> list[Option]:
    """Task items ``[ ]`` / ``[x]``; with ``partial`` also ``[50%]`` (half the marks)."""
    options: list[Option] = []
    for index, item in enumerate(items, 1):
        match = _TASK.match(item.text)
        if not match:
            hint = (" with half-width brackets (switch the input method to English)"
                    if _BAD_TASK.match(item.text) else "")
            ctx.problems.error(ctx.file, item.line, f"option {index} of {name} must start with "
                               f"'[ ]' (wrong) or '[x]' (right){hint}, e.g. '- [x] 正确的选项'.")
            continue
        mark = match[1]
        if mark.endswith("%"):
            if not partial:
                ctx.problems.error(ctx.file, item.line, f"option {index} of {name} gives "
                                   f"partial credit '[{mark}]', which only single-choice "
                                   "exercises allow; use '[ ]' or '[x]'.")
                continue
            credit = int(mark[:-1]) / 100
            if not 0 < credit < 1:
                ctx.problems.error(ctx.file, item.line, f"option {index} of {name}: partial "
                                   "credit must be between 1% and 99%, e.g. '- [50%] …'.")
                continue
            options.append(Option(match[2].strip(), False, item.feedback, credit))
            continue
        options.append(Option(match[2].strip(), mark != " ", item.feedback))
    return options


def _single(items: list[Item], name: str, ctx: BlockContext) -> dict[str, Any]:
    options = _options(items, name, ctx, partial=True)
    line = items[0].line
    if len(items) < 2:
        ctx.problems.error(ctx.file, line, f"{name} needs at least two options.")
    correct = sum(o.correct for o in options)
    if len(options) == len(items) and correct == 0:
        ctx.problems.error(ctx.file, line, f"{name} marks no option as correct; tick the "
                           "right one with '- [x]'.")
    elif correct > 1:
        ctx.problems.error(ctx.file, line, f"{name} marks {correct} options as correct; a "
                           "single-choice exercise has exactly one '- [x]' (or use "
                           "'multiple').")
    return {"options": tuple(options)}


def _multiple(items: list[Item], name: str, ctx: BlockContext) -> dict[str, Any]:
    options = _options(items, name, ctx)
    line = items[0].line
    if len(items) < 2:
        ctx.problems.error(ctx.file, line, f"{name} needs at least two options.")
    if len(options) == len(items) and not any(o.correct for o in options):
        ctx.problems.error(ctx.file, line, f"{name} marks no option as correct; tick each "
                           "right one with '- [x]'.")
    # every option right: the item-writing check (itemcheck.py) warns, so a pack can tune it
    return {"options": tuple(options)}


def _truefalse(items: list[Item], name: str, ctx: BlockContext) -> dict[str, Any]:
    options = _options(items, name, ctx)
    if len(items) != 2:
        ctx.problems.error(ctx.file, items[0].line, f"{name} must have exactly two options, "
                           f"the true one first: '- [x] 正确' and '- [ ] 错误' (it has "
                           f"{len(items)}).")
    elif len(options) == 2 and sum(o.correct for o in options) != 1:
        ctx.problems.error(ctx.file, items[0].line, f"{name} must tick exactly one of its two "
                           "options with '- [x]'.")
    return {"options": tuple(options)}


def _no_feedback(items: list[Item], name: str, what: str, ctx: BlockContext) -> None:
    for item in items:
        if item.feedback:
            ctx.problems.warning(ctx.file, item.feedback_line, f"feedback under {what} of "
                                 f"{name} is not shown; put it in the explanation quote at "
                                 "the end of the block.")


_PARTIAL = re.compile(r"^\[(\d{1,2})%\][ \t]+(.+)$", re.DOTALL)


def _fill(items: list[Item], name: str, ctx: BlockContext) -> dict[str, Any]:
    """Accepted answers as plain items; ``[50%] answer`` is partly right (numerical
    alternatives from Moodle), worth that share of the marks."""
    _no_feedback(items, name, "answers", ctx)
    answers: list[str] = []
    partial: list[tuple[str, float]] = []
    for item in items:
        share = _PARTIAL.match(item.text)
        if share:
            credit = int(share[1]) / 100
            if not 0 < credit < 1:
                ctx.problems.error(ctx.file, item.line, f"a partly right answer of {name} must "
                                   "be worth between 1% and 99%, e.g. '- [50%] 2020'.")
            else:
                partial.append((share[2].strip(), credit))
        elif _TASK.match(item.text):
            ctx.problems.error(ctx.file, item.line, f"accepted answers of {name} are plain "
                               "items such as '- 一网通办', without '[ ]' or '[x]'.")
        elif not item.text:
            ctx.problems.error(ctx.file, item.line, f"an accepted answer of {name} is empty.")
        else:
            answers.append(item.text)
    if partial and not answers:
        ctx.problems.error(ctx.file, items[0].line, f"{name} has only partly right answers; "
                           "list the fully right one as a plain item, e.g. '- 2021'.")
    return {"answers": tuple(answers), "partial_answers": tuple(partial)}


def _order(items: list[Item], name: str, ctx: BlockContext) -> dict[str, Any]:
    _no_feedback(items, name, "steps", ctx)
    if not all(item.numbered for item in items):
        ctx.problems.error(ctx.file, items[0].line, f"{name} lists the steps as a numbered "
                           "list in the correct order ('1. …', '2. …'); the app shuffles them.")
    if len(items) < 2:
        ctx.problems.error(ctx.file, items[0].line, f"{name} needs at least two steps.")
    texts = [item.text for item in items]
    for item in items:
        if not item.text:
            ctx.problems.error(ctx.file, item.line, f"a step of {name} is empty.")
        elif texts.count(item.text) > 1:
            ctx.problems.error(ctx.file, item.line, f"step '{item.text}' appears twice in "
                               f"{name}; make every step different.")
    return {"items": tuple(texts)}


def _match(items: list[Item], name: str, ctx: BlockContext) -> dict[str, Any]:
    _no_feedback(items, name, "pairs", ctx)
    pairs: list[tuple[str, str]] = []
    for item in items:
        sides = _ARROW.split(item.text.replace("\n", " "), maxsplit=1)
        if len(sides) != 2 or not sides[0].strip() or not sides[1].strip():
            ctx.problems.error(ctx.file, item.line, f"pair '{item.text[:40]}' of {name} must "
                               "be written 'left -> right' (or 'left → right').")
            continue
        pairs.append((sides[0].strip(), sides[1].strip()))
    if len(items) < 2:
        ctx.problems.error(ctx.file, items[0].line, f"{name} needs at least two pairs.")
    for side, label in ((0, "left"), (1, "right")):
        texts = [pair[side] for pair in pairs]
        for index, text in enumerate(texts):
            if texts.index(text) != index:
                ctx.problems.error(ctx.file, items[index].line, f"{label} side '{text}' appears "
                                   f"twice in {name}; every {label} side must be different.")
    return {"pairs": tuple(pairs)}


def _open(items: list[Item], name: str, ctx: BlockContext) -> dict[str, Any]:
    _no_feedback(items, name, "criteria", ctx)
    rubric: list[Criterion] = []
    for item in items:
        match = _RUBRIC.match(item.text)
        if not match or float(match[1]) <= 0:
            ctx.problems.error(ctx.file, item.line, f"rubric item '{item.text[:40]}' of {name} "
                               "must start with its points in brackets, e.g. "
                               "'- [2] 指出了数据权属不清的问题'.")
            continue
        rubric.append(Criterion(float(match[1]), match[2].strip()))
    return {"rubric": tuple(rubric)}


BUILDERS = {"single": _single, "multiple": _multiple, "truefalse": _truefalse, "fill": _fill,
             "order": _order, "match": _match, "open": _open}
LIST_HINT = {
    "single": "list the options as '- [ ] wrong' and '- [x] right'.",
    "multiple": "list the options as '- [ ] wrong' and '- [x] right'.",
    "truefalse": "add '- [x] 正确' and '- [ ] 错误' (tick the true one).",
    "fill": "list the accepted answers as plain items, e.g. '- 一网通办'.",
    "order": "list the steps in the correct order as '1. …', '2. …'.",
    "match": "list the pairs as '- left -> right'.",
    "open": "list the rubric as '- [2] criterion'.",
}
