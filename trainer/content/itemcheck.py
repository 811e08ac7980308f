"""The item-writing check: warnings for the flaws that let a learner guess an answer without
knowing it, after Haladyna, Downing & Rodriguez (2002), "A review of multiple-choice
item-writing guidelines for classroom assessment", Applied Measurement in Education 15(3).

Each rule names its guideline in courses/README.md ("出题检查"), where its thresholds
(``item_checks:`` in course.yaml, see ``itemconfig``) and its fix are documented. Rules only
read the loaded exercises: whatever the parser could build is checked, nothing raises.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from trainer.content.inline import INLINE_TAGS, inline_plain
from trainer.content.itemconfig import ItemChecks
from trainer.content.itemstems import normalised_stem, same_stem, stem_cue
from trainer.content.manifest import MANIFEST_FILE
from trainer.content.model import Exercise, Module
from trainer.content.problems import Problems

_BLANK = re.compile(r"_{2,}|＿+|\\_\\_")
_LEFT_MARKUP = re.compile(r"\*\*|`|\]\(|!\[")
_HTML_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")
_BLOCK = re.compile(r"^(?:#{1,6}\s|\|.*\|\s*$)", re.MULTILINE)


def check_items(modules: Sequence[Module], checks: ItemChecks, problems: Problems,
                line: int = 1) -> None:
    """Add the item-writing warnings for every exercise of the pack's modules."""
    exercises = [e for m in modules for e in m.exercises]
    if checks.on("longest_key"):
        _longest_key(exercises, checks, problems, line)
    if checks.on("truefalse_balance"):
        _truefalse(exercises, checks, problems, line)
    if checks.on("multiple_correct"):
        _multiple(exercises, checks, problems, line)
    if checks.on("same_stem"):
        same_stem(exercises, checks, problems)
    for exercise in exercises:
        if checks.on("fill_blank") and exercise.type == "fill" \
                and not _BLANK.search(exercise.question):
            problems.warning(exercise.file, exercise.line, f"fill-in exercise {exercise.id} has "
                             "no blank; mark where the answer goes with '____' in the question.")
        if checks.on("markdown"):
            _markdown(exercise, problems)
        if checks.on("stem_cue") and exercise.type == "single":
            stem_cue(exercise, checks, problems)


def visible_length(text: str) -> int:
    """Characters a learner sees in an option (markup and spaces left out)."""
    return len("".join(inline_plain(text).split()))


def _key_ratio(exercise: Exercise) -> tuple[bool, float] | None:
    """(the key is strictly the longest option, key length ÷ the others' mean)."""
    keys = [o for o in exercise.options if o.correct]
    others = [visible_length(o.text) for o in exercise.options if not o.correct]
    if len(keys) != 1 or not others:
        return None
    key = visible_length(keys[0].text)
    mean = sum(others) / len(others)
    return key > max(others), key / mean if mean else float(key > 0) + 1.0


def _longest_key(exercises: list[Exercise], checks: ItemChecks, problems: Problems,
                 line: int) -> None:
    singles = [(e, r) for e in exercises if e.type == "single" and (r := _key_ratio(e))]
    limit = checks["longest_key_ratio"]
    for exercise, (longest, ratio) in singles:
        if longest and ratio >= limit:
            problems.warning(exercise.file, exercise.line, f"the right option of exercise "
                             f"{exercise.id} is the longest, {ratio:.1f}× the others' mean "
                             f"length (limit {limit:g}×); shorten it or lengthen the wrong "
                             "options so length gives nothing away.")
    longest = [e for e, (is_longest, _) in singles if is_longest]
    if len(singles) < checks["min_questions"] or not singles:
        return
    share = len(longest) / len(singles)
    if share > checks["longest_key_share"]:
        mean = sum(r for _, (_, r) in singles) / len(singles)
        problems.warning(MANIFEST_FILE, line, f"in {len(longest)} of {len(singles)} "
                         f"single-choice exercises ({share:.0%}) the right option is the "
                         f"longest (limit {checks['longest_key_share']:.0%}); on average it is "
                         f"{mean:.1f}× the others' length. Learners who pick the longest option "
                         f"score without knowing: {_ids(longest)}.")


def _truefalse(exercises: list[Exercise], checks: ItemChecks, problems: Problems,
               line: int) -> None:
    items = [e for e in exercises if e.type == "truefalse" and len(e.options) == 2]
    if not items or len(items) < checks["min_questions"]:
        return
    true = sum(1 for e in items if _keyed_true(e))
    low = checks["truefalse_min_share"]
    if min(true, len(items) - true) < low * len(items):
        problems.warning(MANIFEST_FILE, line, f"{true} of {len(items)} true/false exercises "
                         f"are true and {len(items) - true} false; each should be at least "
                         f"{low:.0%}, or answering always the same scores. Turn some "
                         "statements round.")


_TRUE = {"正确", "对", "是", "true", "yes", "right", "correct"}
_FALSE = {"错误", "错", "否", "false", "no", "wrong", "incorrect"}


def _keyed_true(exercise: Exercise) -> bool:
    """Whether the key of a true/false exercise is "true": by the ticked option's word, else
    by its place (the guide puts the true option first)."""
    for index, option in enumerate(exercise.options):
        if option.correct:
            word = normalised_stem(option.text)
            return True if word in _TRUE else False if word in _FALSE else index == 0
    return False


def _multiple(exercises: list[Exercise], checks: ItemChecks, problems: Problems,
              line: int) -> None:
    items = [e for e in exercises if e.type == "multiple" and e.options]
    for exercise in items:
        if len(exercise.options) > 1 and all(o.correct for o in exercise.options):
            problems.warning(exercise.file, exercise.line, f"every option of exercise "
                             f"{exercise.id} is correct; add at least one wrong option so the "
                             "question tests something.")
    if not items or len(items) < checks["min_questions"]:
        return
    options = sum(len(e.options) for e in items)
    right = sum(1 for e in items for o in e.options if o.correct)
    share = right / options
    if share > checks["multiple_correct_share"]:
        problems.warning(MANIFEST_FILE, line, f"{right} of {options} options of multiple-choice "
                         f"exercises ({share:.0%}) are correct (limit "
                         f"{checks['multiple_correct_share']:.0%}); ticking everything scores "
                         "well. Add plausible wrong options.")


def _markdown(exercise: Exercise, problems: Problems) -> None:
    texts = [(f"option {i}", o.text) for i, o in enumerate(exercise.options, 1)]
    texts += [(f"the feedback of option {i}", o.feedback)
              for i, o in enumerate(exercise.options, 1) if o.feedback]
    texts += [(f"step {i}", t) for i, t in enumerate(exercise.items, 1)]
    texts += [(f"pair {i}", f"{a} {b}") for i, (a, b) in enumerate(exercise.pairs, 1)]
    for what, text in texts:
        fault = markdown_fault(text)
        if fault:
            problems.warning(exercise.file, exercise.line, f"{what} of exercise {exercise.id} "
                             f"will not show as written: {fault}.")


def markdown_fault(text: str) -> str:
    """Why inline Markdown would not show as the author meant, or '' when it does."""
    plain = inline_plain(text)
    if text.strip() and not plain:
        return "nothing of it is shown; write it as plain text"
    left = _LEFT_MARKUP.search(plain)
    if left:
        return (f"'{left[0]}' is shown as a character (an unclosed mark); close it or remove "
                "it")
    if "![" in text:
        return "images are not shown in options and feedback; describe it in words"
    tags = {t.lower() for t in _HTML_TAG.findall(text)} - INLINE_TAGS
    if tags and any(f"<{t}" in text.lower() for t in tags):
        return f"the HTML tag <{sorted(tags)[0]}> is removed; use Markdown such as **bold**"
    if _BLOCK.search(text):
        return "headings and tables keep their text but not their shape; use one plain line"
    return ""


def _ids(exercises: list[Exercise], most: int = 8) -> str:
    shown = ", ".join(e.id for e in exercises[:most])
    return shown + (f" and {len(exercises) - most} more" if len(exercises) > most else "")
