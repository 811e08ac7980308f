"""Exercise blocks: the opening line, settings and each type's answer list (courses/README.md)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from trainer.content.blocks import BlockParts, Item, Line, quote_text, split_block
from trainer.content.framework import ITEM_ID
from trainer.content.model import EXERCISE_TYPES, Criterion, Exercise, Option
from trainer.content.problems import Problems, did_you_mean, one_of

OPENING = re.compile(r"^:::\s*(\S+)\s*(\S*)\s*(\S*)\s*(.*)$")
SETTINGS = ("competencies", "match", "grading", "shuffle")
SHUFFLED = {"single", "multiple", "order", "match"}
_TASK = re.compile(r"^\[([ xX])\][ \t]+(.+)$", re.DOTALL)
_BAD_TASK = re.compile(r"^(?:\[[^\]]*\]|［[^］]*］|【[^】]*】)")
_RUBRIC = re.compile(r"^\[(\d+(?:\.\d+)?)\][ \t]+(.+)$", re.DOTALL)
_ARROW = re.compile(r"\s*(?:->|→)\s*")
_YES = {"yes": True, "true": True, "no": False, "false": False}


@dataclass
class BlockContext:
    file: str
    module_id: str
    problems: Problems
    competencies: tuple[str, ...]  # the framework's ids
    module_competencies: tuple[str, ...]


def parse_exercise(open_line: Line, lines: list[Line], ctx: BlockContext) -> Exercise | None:
    """Build one exercise; every problem is reported, None when it cannot be used."""
    number, text = open_line
    before = len(ctx.problems.items)
    header = _header(number, text, ctx)
    if header is None:
        return None
    kind, exercise_id = header
    name = f"exercise {exercise_id}"
    parts = split_block(lines)
    settings = _settings(parts, kind, name, number, ctx)
    question = "\n".join(t for _, t in parts.question).strip()
    if not question and not parts.not_settings:
        ctx.problems.error(ctx.file, number, f"{name} has no question; write it after the "
                           "settings, separated by a blank line.")
    if not parts.items:
        ctx.problems.error(ctx.file, number, f"{name} has no answer list; {_LIST_HINT[kind]}")
        return None
    fields = _BUILDERS[kind](parts.items, name, ctx)
    explanation = quote_text(parts.explanation)
    if not explanation and not any(o.feedback for o in fields.get("options", ())):
        ctx.problems.warning(ctx.file, number, f"{name} gives no feedback; add an explanation "
                             "quote ('> 解析：…') before the closing ':::' or feedback under "
                             "the options.")
    if any(p.severity == "error" for p in ctx.problems.items[before:]):
        return None
    return Exercise(id=exercise_id, type=kind, module_id=ctx.module_id, file=ctx.file,
                    line=number, question=question, explanation=explanation, **settings,
                    **fields)


def _header(number: int, text: str, ctx: BlockContext) -> tuple[str, str] | None:
    match = OPENING.match(text)
    assert match is not None
    word, kind, exercise_id, extra = match[1], match[2], match[3], match[4]
    if word != "exercise":
        ctx.problems.error(ctx.file, number, f"unknown block '::: {word}'; blocks open with "
                           f"'::: exercise TYPE ID'{did_you_mean(word, ['exercise'])}")
        return None
    if kind not in EXERCISE_TYPES:
        what = f"unknown exercise type '{kind}'" if kind else "the exercise has no type"
        ctx.problems.error(ctx.file, number, f"{what}; use one of {one_of(EXERCISE_TYPES)}"
                           f"{did_you_mean(kind, EXERCISE_TYPES)}")
        return None
    if not exercise_id:
        ctx.problems.error(ctx.file, number, "the exercise has no id; write '::: exercise "
                           f"{kind} q-topic-1' (ids never change once learners used them).")
        return None
    if not ITEM_ID.match(exercise_id):
        ctx.problems.error(ctx.file, number, f"exercise id '{exercise_id}' may use only "
                           "lowercase letters, digits, '-', '_' and '.'.")
        return None
    if extra:
        ctx.problems.error(ctx.file, number, f"unexpected '{extra}' after the id of exercise "
                           f"{exercise_id}; the opening line is '::: exercise TYPE ID'.")
    return kind, exercise_id


def _settings(parts: BlockParts, kind: str, name: str, number: int,
              ctx: BlockContext) -> dict[str, Any]:
    for line, text in parts.not_settings:
        ctx.problems.error(ctx.file, line, f"'{text.strip()[:40]}' in {name} is not a "
                           "'key: value' setting; leave a blank line between the settings "
                           "and the question.")
    result: dict[str, Any] = {"shuffle": kind in SHUFFLED,
                                 "grading": "self" if kind == "open" else "auto"}
    seen: set[str] = set()
    for line, key, value in parts.settings:
        if key in seen:
            ctx.problems.error(ctx.file, line, f"'{key}' is given twice in {name}.")
        seen.add(key)
        if key not in SETTINGS:
            ctx.problems.error(ctx.file, line, f"unknown setting '{key}' in {name}; settings "
                               f"are {one_of(SETTINGS)}{did_you_mean(key, SETTINGS)}")
        elif key == "competencies":
            result["weights"] = _weights(line, value, name, ctx)
        else:
            _choice(result, line, key, value, kind, name, ctx)
    if "competencies" not in seen:
        ctx.problems.error(ctx.file, number, f"{name} has no 'competencies:' setting; add one "
                           "under the opening line, e.g. 'competencies: data-literacy 1'.")
    if kind == "order" and not result["shuffle"]:
        ctx.problems.warning(ctx.file, number, f"{name} has 'shuffle: no', so learners see the "
                             "steps already in the right order.")
    return result


def _choice(result: dict[str, Any], line: int, key: str, value: str, kind: str, name: str,
            ctx: BlockContext) -> None:
    allowed = {"match": ("fill", ("loose", "exact")), "grading": ("open", ("self", "trainer")),
               "shuffle": (None, tuple(_YES))}[key]
    applies, values = allowed
    if applies and kind != applies:
        ctx.problems.warning(ctx.file, line, f"'{key}:' applies only to {applies} exercises; "
                             f"{name} is '{kind}', so it is ignored.")
        return
    if value.lower() not in values:
        ctx.problems.error(ctx.file, line, f"'{key}: {value}' in {name} is not allowed; use "
                           f"{one_of(values)}.")
        return
    if key == "shuffle":
        result["shuffle"] = _YES[value.lower()]
    else:
        result["match_mode" if key == "match" else key] = value.lower()


def _weights(line: int, value: str, name: str, ctx: BlockContext) -> dict[str, float]:
    weights: dict[str, float] = {}
    value = unicodedata.normalize("NFKC", value)
    for piece in re.split(r"[,;、]", value):
        words = piece.split()
        if not words:
            continue
        competency = words[0]
        weight = _weight(words[1:], competency, line, name, ctx)
        if ctx.competencies and competency not in ctx.competencies:
            ctx.problems.error(ctx.file, line, f"{name} refers to competency '{competency}', "
                               "which competencies.yaml does not define"
                               f"{did_you_mean(competency, ctx.competencies)}")
        elif competency in weights:
            ctx.problems.error(ctx.file, line, f"{name} lists competency '{competency}' twice.")
        elif weight is not None:
            weights[competency] = weight
            if ctx.module_competencies and competency not in ctx.module_competencies:
                ctx.problems.warning(ctx.file, line, f"{name} assesses '{competency}', which "
                                     "the module's 'competencies:' does not list.")
    if not value.strip():
        ctx.problems.error(ctx.file, line, f"{name} names no competency; write e.g. "
                           "'competencies: data-literacy 0.7, data-sharing 0.3'.")
    return weights


def _weight(words: list[str], competency: str, line: int, name: str,
            ctx: BlockContext) -> float | None:
    if not words:
        return 1.0
    try:
        weight = float(words[0])
    except ValueError:
        weight = -1.0
    if len(words) > 1 or not 0 < weight <= 1:
        ctx.problems.error(ctx.file, line, f"weight '{' '.join(words)}' for '{competency}' in "
                           f"{name} must be one number above 0 and at most 1 (e.g. 0.5); "
                           "separate competencies with commas.")
        return None
    return weight


def _options(items: list[Item], name: str, ctx: BlockContext) -> list[Option]:
    options: list[Option] = []
    for index, item in enumerate(items, 1):
        match = _TASK.match(item.text)
        if not match:
            hint = (" with half-width brackets (switch the input method to English)"
                    if _BAD_TASK.match(item.text) else "")
            ctx.problems.error(ctx.file, item.line, f"option {index} of {name} must start with "
                               f"'[ ]' (wrong) or '[x]' (right){hint}, e.g. '- [x] 正确的选项'.")
            continue
        options.append(Option(match[2].strip(), match[1] != " ", item.feedback))
    return options


def _single(items: list[Item], name: str, ctx: BlockContext) -> dict[str, Any]:
    options = _options(items, name, ctx)
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
    elif len(options) > 1 and all(o.correct for o in options):
        ctx.problems.warning(ctx.file, line, f"every option of {name} is correct; add at least "
                             "one wrong option so the question tests something.")
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


def _fill(items: list[Item], name: str, ctx: BlockContext) -> dict[str, Any]:
    _no_feedback(items, name, "answers", ctx)
    answers: list[str] = []
    for item in items:
        if _TASK.match(item.text):
            ctx.problems.error(ctx.file, item.line, f"accepted answers of {name} are plain "
                               "items such as '- 一网通办', without '[ ]' or '[x]'.")
        elif not item.text:
            ctx.problems.error(ctx.file, item.line, f"an accepted answer of {name} is empty.")
        else:
            answers.append(item.text)
    return {"answers": tuple(answers)}


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


_BUILDERS = {"single": _single, "multiple": _multiple, "truefalse": _truefalse, "fill": _fill,
             "order": _order, "match": _match, "open": _open}
_LIST_HINT = {
    "single": "list the options as '- [ ] wrong' and '- [x] right'.",
    "multiple": "list the options as '- [ ] wrong' and '- [x] right'.",
    "truefalse": "add '- [x] 正确' and '- [ ] 错误' (tick the true one).",
    "fill": "list the accepted answers as plain items, e.g. '- 一网通办'.",
    "order": "list the steps in the correct order as '1. …', '2. …'.",
    "match": "list the pairs as '- left -> right'.",
    "open": "list the rubric as '- [2] criterion'.",
}
