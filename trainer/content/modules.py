"""Module files: YAML front matter, then Markdown text with exercise blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from trainer.content.credits import MODULE_LIMIT, read_hours
from trainer.content.exercises import OPENING, BlockContext, parse_exercise
from trainer.content.framework import ITEM_ID
from trainer.content.mdlimits import check_limits
from trainer.content.model import MODULE_KINDS, Block, Exercise, Module, TextBlock
from trainer.content.pool import read_pool
from trainer.content.problems import Problems, did_you_mean, one_of
from trainer.content.textcheck import FENCE, TextContext, check_text
from trainer.content.yamltext import Fields, LineDict, describe, load_yaml

FRONT_KEYS = ("id", "title", "minutes", "kind", "competencies", "objectives", "time_limit",
              "time_away", "pass_mark", "credit_hours", "draw", "max_recall")
TIME_AWAY = ("runs", "pauses")  # a timed sitting left open: the clock keeps running / stops
_CLOSE = re.compile(r"^:::\s*$")
_INDENTED_BLOCK = re.compile(r"^[ \t]+:::\s*exercise\b")
_BROKEN = TextBlock("", 0)  # stands for an exercise block too broken to use
Line = tuple[int, str]


@dataclass
class ModuleContext:
    file: str
    problems: Problems
    competencies: tuple[str, ...]  # the framework's ids
    text: TextContext


def parse_module(text: str, ctx: ModuleContext) -> Module | None:
    """Read one module file; None when its front matter is unusable."""
    lines = text.split("\n")
    excesses = check_limits(text)
    if excesses:  # too big or too deep to check further, or to show
        for excess in excesses:
            ctx.problems.error(ctx.file, excess.line, excess.message)
        return None
    front, body_start = _front_matter(lines, ctx)
    if front is None:
        return None
    fields = Fields(front, ctx.file, ctx.problems, "the front matter")
    fields.check_keys(FRONT_KEYS)
    module_id = fields.text("id", "why-digital-government")
    if module_id and not ITEM_ID.match(module_id):
        ctx.problems.error(ctx.file, fields.line("id"), f"module id '{module_id}' may use only "
                           "lowercase letters, digits, '-', '_' and '.'.")
    kind = _kind(fields)
    competencies = _competencies(fields, ctx, kind)
    body = [(number, line) for number, line in enumerate(lines[body_start:], body_start + 1)]
    blocks = _blocks(body, BlockContext(ctx.file, module_id, ctx.problems, ctx.competencies,
                                        competencies), ctx)
    exercises = tuple(b for b in blocks if isinstance(b, Exercise))
    _check_kind(fields, kind, any(b is _BROKEN for b in blocks) or bool(exercises), ctx)
    blocks = [b for b in blocks if b is not _BROKEN]
    pool = read_pool(fields, kind, exercises, ctx.competencies)
    return Module(
        id=module_id, title=fields.text("title", "为什么要建设数字政府"),
        minutes=fields.number("minutes", 1, 1000, 0, required=True) or 0, kind=kind,
        competencies=competencies,
        objectives=tuple(t for t, _ in fields.text_list("objectives", "[说出……]")),
        time_limit=fields.number("time_limit", 1, 600, None),
        pass_mark=fields.number("pass_mark", 0, 100, None),
        file=ctx.file, blocks=tuple(blocks), exercises=exercises, time_away=_time_away(fields),
        credit_hours=read_hours(fields, MODULE_LIMIT), draw=pool.draw,
        max_recall=pool.max_recall)


def _front_matter(lines: list[str], ctx: ModuleContext) -> tuple[LineDict | None, int]:
    if not lines or lines[0].strip() != "---":
        ctx.problems.error(ctx.file, 1, "a module starts with a front-matter block: a line "
                           "'---', lines such as 'id: …', 'title: …', 'minutes: …', then "
                           "'---'.")
        return None, 0
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            data = load_yaml("\n".join(lines[1:index]), ctx.file, ctx.problems, first_line=2)
            if data is None and not any(line.strip() for line in lines[1:index]):
                ctx.problems.error(ctx.file, 1, "the front matter is empty; add 'id:', "
                                   "'title:' and 'minutes:'.")
                return None, index + 1
            if data is not None and not isinstance(data, LineDict):
                ctx.problems.error(ctx.file, 2, "the front matter must be 'key: value' lines "
                                   f"(got {describe(data)}).")
                return None, index + 1
            return data, index + 1
    ctx.problems.error(ctx.file, 1, "the front matter opened on line 1 is never closed; add a "
                       "line '---' after it.")
    return None, 0


def _kind(fields: Fields) -> str:
    kind = fields.text("kind", "lesson", required=False, default="lesson")
    if kind not in MODULE_KINDS:
        fields.problems.error(fields.file, fields.line("kind"), f"unknown module kind "
                              f"'{kind}'; use one of {one_of(MODULE_KINDS)}"
                              f"{did_you_mean(kind, MODULE_KINDS)}")
        return "lesson"
    return kind


def _competencies(fields: Fields, ctx: ModuleContext, kind: str) -> tuple[str, ...]:
    result: list[str] = []
    for competency, line in fields.text_list("competencies", "[data-literacy]"):
        if ctx.competencies and competency not in ctx.competencies:
            ctx.problems.error(ctx.file, line, f"competency '{competency}' is not defined in "
                               "competencies.yaml"
                               f"{did_you_mean(competency, ctx.competencies)}")
        elif competency not in result:
            result.append(competency)
    if not result and kind != "reference" and "competencies" not in fields.data:
        ctx.problems.warning(ctx.file, fields.data.line, "the module lists no competencies; "
                             "add e.g. 'competencies: [data-literacy]'.")
    return tuple(result)


def _time_away(fields: Fields) -> str:
    """What the clock of a timed sitting does while the learner is away (app closed, crash)."""
    if "time_away" not in fields.data:
        return "runs"
    value = fields.text("time_away", "runs", required=False, default="runs")
    if value not in TIME_AWAY:
        fields.problems.error(fields.file, fields.line("time_away"), f"unknown time_away "
                              f"'{value}'; use one of {one_of(TIME_AWAY)}"
                              f"{did_you_mean(value, TIME_AWAY)}")
        return "runs"
    if "time_limit" not in fields.data:
        fields.problems.warning(fields.file, fields.line("time_away"), "'time_away' has no "
                                "effect without 'time_limit'; add a time limit or remove it.")
    return value


def _check_kind(fields: Fields, kind: str, has_exercises: bool, ctx: ModuleContext) -> None:
    for key in ("time_limit", "time_away", "pass_mark"):
        if key in fields.data and kind != "assessment":
            ctx.problems.warning(ctx.file, fields.line(key), f"'{key}' applies only to "
                                 f"'kind: assessment'; this module is '{kind}'.")
    if has_exercises:
        return
    if kind in ("case", "assessment"):
        ctx.problems.error(ctx.file, fields.data.line, f"a '{kind}' module needs at least one "
                           "exercise ('::: exercise TYPE ID' … ':::').")
    elif kind == "lesson":
        ctx.problems.warning(ctx.file, fields.data.line, "this lesson has no exercise, so it "
                             "gives no evidence of competency; add one, or use "
                             "'kind: reference' for reading material.")


def _blocks(body: list[Line], block_ctx: BlockContext, ctx: ModuleContext) -> list[Block]:
    """Split the body into text and exercises, honouring fenced code."""
    blocks: list[Block] = []
    text: list[Line] = []
    index = 0
    fence: str | None = None
    while index < len(body):
        number, line = body[index]
        fence = _fence_state(fence, line)
        if fence is None and line.startswith(":::") and OPENING.match(line):
            _flush(text, blocks, ctx)
            text = []
            end, resume = _block_end(body, index, ctx)
            check_text(body[index + 1:end], ctx.text, list_spacing=False)
            exercise = parse_exercise(body[index], body[index + 1:end], block_ctx)
            blocks.append(exercise if exercise is not None else _BROKEN)
            index = resume
            continue
        if fence is None and _INDENTED_BLOCK.match(line):
            ctx.problems.warning(ctx.file, number, "an indented ':::' line is shown as text, "
                                 "not read as an exercise; start it at the beginning of the "
                                 "line.")
        if fence is None and _CLOSE.match(line):
            ctx.problems.error(ctx.file, number, "':::' closes no exercise; remove it, or open "
                               "the exercise with '::: exercise TYPE ID'.")
        else:
            text.append((number, line))
        index += 1
    _flush(text, blocks, ctx)
    return blocks


def _fence_state(fence: str | None, line: str) -> str | None:
    match = FENCE.match(line)
    if fence is None:
        return match[1] if match else None
    if match and match[1][0] == fence[0] and len(match[1]) >= len(fence) \
            and not line.strip()[len(match[1]):].strip():
        return None
    return fence


def _block_end(body: list[Line], start: int, ctx: ModuleContext) -> tuple[int, int]:
    """End (exclusive) of the block opened at ``start`` and where reading resumes."""
    fence: str | None = None
    for index in range(start + 1, len(body)):
        line = body[index][1]
        fence = _fence_state(fence, line)
        if fence is not None:
            continue
        if _CLOSE.match(line):
            return index, index + 1
        if line.startswith(":::") and OPENING.match(line):
            ctx.problems.error(ctx.file, body[start][0], "this exercise is not closed before "
                               f"the next one starts on line {body[index][0]}; end it with a "
                               "line ':::'.")
            return index, index
    ctx.problems.error(ctx.file, body[start][0], "this exercise is never closed; end it with "
                       "a line ':::'.")
    return len(body), len(body)


def _flush(text: list[Line], blocks: list[Block], ctx: ModuleContext) -> None:
    check_text(text, ctx.text)
    while text and not text[0][1].strip():
        text = text[1:]
    markdown = "\n".join(line for _, line in text).strip()
    if markdown:
        blocks.append(TextBlock(markdown, text[0][0]))
