"""Exercise blocks: the opening line, settings and each type's answer list (courses/README.md)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from trainer.content.answers import BUILDERS, LIST_HINT
from trainer.content.blocks import BlockContext, BlockParts, Line, quote_text, split_block
from trainer.content.framework import ITEM_ID
from trainer.content.model import COGNITIVE_LEVELS, EXERCISE_TYPES, Exercise
from trainer.content.problems import did_you_mean, one_of

OPENING = re.compile(r"^:::\s*(\S+)\s*(\S*)\s*(\S*)\s*(.*)$")
SETTINGS = ("competencies", "match", "grading", "shuffle", "cognitive")
SHUFFLED = {"single", "multiple", "order", "match"}
_YES = {"yes": True, "true": True, "no": False, "false": False}


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
    _check_quotes(parts, name, ctx)
    settings = _settings(parts, kind, name, number, ctx)
    question = "\n".join(t for _, t in parts.question).strip()
    if not question and not parts.not_settings:
        ctx.problems.error(ctx.file, number, f"{name} has no question; write it after the "
                           "settings, separated by a blank line.")
    if not parts.items:
        ctx.problems.error(ctx.file, number, f"{name} has no answer list; {LIST_HINT[kind]}")
        return None
    fields = BUILDERS[kind](parts.items, name, ctx)
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


def _check_quotes(parts: BlockParts, name: str, ctx: BlockContext) -> None:
    """A '>' line under an option must be indented to be its feedback (courses/README.md §7)."""
    for line in parts.loose_feedback:
        ctx.problems.error(ctx.file, line, f"the quote under an option of {name} is not "
                           "indented, so it ends the answer list and the options above it "
                           "become part of the question; indent feedback by two spaces "
                           "('  > …') under its option.")
    if parts.explanation_under_option and parts.explanation:
        ctx.problems.warning(ctx.file, parts.explanation[0][0], f"the explanation of {name} "
                             "follows the last option without a blank line; leave a blank line "
                             "above it, or indent it by two spaces if it is that option's "
                             "feedback.")


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
        elif key == "cognitive":
            _cognitive(result, line, value, name, ctx)
        else:
            _choice(result, line, key, value, kind, name, ctx)
    if "competencies" not in seen:
        ctx.problems.error(ctx.file, number, f"{name} has no 'competencies:' setting; add one "
                           "under the opening line, e.g. 'competencies: data-literacy 1'.")
    if kind == "order" and not result["shuffle"]:
        ctx.problems.warning(ctx.file, number, f"{name} has 'shuffle: no', so learners see the "
                             "steps already in the right order.")
    return result


def _cognitive(result: dict[str, Any], line: int, value: str, name: str,
               ctx: BlockContext) -> None:
    """What the exercise asks of the learner; question pools limit the share of recall."""
    level = value.strip().lower()
    if level not in COGNITIVE_LEVELS:
        ctx.problems.error(ctx.file, line, f"'cognitive: {value}' in {name} is not a level; use "
                           f"{one_of(COGNITIVE_LEVELS)}{did_you_mean(level, COGNITIVE_LEVELS)}")
        return
    result["cognitive"] = level


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
