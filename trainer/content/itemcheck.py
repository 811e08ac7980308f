"""The item-writing check: warnings for the flaws that let a learner guess an answer without
knowing it, after Haladyna, Downing & Rodriguez (2002), "A review of multiple-choice
item-writing guidelines for classroom assessment", Applied Measurement in Education 15(3).

Each rule names its guideline in courses/README.md ("出题检查"), where its thresholds
(``item_checks:`` in course.yaml, see ``itemconfig``) and its fix are documented. Rules only
read the loaded exercises: whatever the parser could build is checked, nothing raises.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

from trainer.content.inline import INLINE_TAGS, inline_plain
from trainer.content.itemconfig import ItemChecks
from trainer.content.manifest import MANIFEST_FILE
from trainer.content.model import Exercise, Module
from trainer.content.problems import Problems

_BLANK = re.compile(r"_{2,}|＿+|\\_\\_")
_LEFT_MARKUP = re.compile(r"\*\*|`|\]\(|!\[")
_HTML_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")
_BLOCK = re.compile(r"^(?:#{1,6}\s|\|.*\|\s*$)", re.MULTILINE)
_NOT_WORD = re.compile(r"[\W_]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[a-z0-9]{3,}")
_MIN_STEM = 8  # shorter stems ("判断：") are too generic to compare
_MAX_FUZZY = 300  # longer stems (a whole case) are compared for identity only
_PAIR_BUDGET = 100_000  # cheap comparisons (shared 2-character runs) per pack, at most
_RATIO_BUDGET = 200  # exact similarity computations per pack, at most


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
        _same_stem(exercises, checks, problems)
    for exercise in exercises:
        if checks.on("fill_blank") and exercise.type == "fill" \
                and not _BLANK.search(exercise.question):
            problems.warning(exercise.file, exercise.line, f"fill-in exercise {exercise.id} has "
                             "no blank; mark where the answer goes with '____' in the question.")
        if checks.on("markdown"):
            _markdown(exercise, problems)
        if checks.on("stem_cue") and exercise.type == "single":
            _stem_cue(exercise, checks, problems)


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
    true = sum(1 for e in items if e.options[0].correct)
    low = checks["truefalse_min_share"]
    if min(true, len(items) - true) < low * len(items):
        problems.warning(MANIFEST_FILE, line, f"{true} of {len(items)} true/false exercises "
                         f"are true and {len(items) - true} false; each should be at least "
                         f"{low:.0%}, or answering always the same scores. Turn some "
                         "statements round.")


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


def normalised_stem(text: str) -> str:
    """The stem's words only: width, case, markup, punctuation and spaces left out."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def _same_stem(exercises: list[Exercise], checks: ItemChecks, problems: Problems) -> None:
    limit = checks["same_stem_similarity"]
    exact: dict[str, Exercise] = {}
    fuzzy: list[tuple[str, frozenset[str], Exercise]] = []
    # a hostile pack of thousands of stems must not take minutes: both kinds of comparison
    # have a budget; the identical-stem look-up has none
    budget = {"pairs": _PAIR_BUDGET, "ratios": _RATIO_BUDGET}
    for exercise in exercises:
        stem = normalised_stem(exercise.question)
        if len(stem) < _MIN_STEM:
            continue
        earlier = exact.get(stem)
        runs = _runs(stem)
        if earlier is None and limit < 1 and len(stem) <= _MAX_FUZZY:
            earlier = _similar_one(stem, runs, fuzzy, limit, budget)
        if earlier is not None:
            problems.warning(exercise.file, exercise.line, f"exercise {exercise.id} asks the "
                             f"same as exercise {earlier.id} at {earlier.file}:{earlier.line}; "
                             "a learner who saw one knows the other. Ask something else, or "
                             "reword it into a new situation.")
        exact.setdefault(stem, exercise)
        if len(stem) <= _MAX_FUZZY:
            fuzzy.append((stem, runs, exercise))


def _runs(stem: str) -> frozenset[str]:
    return frozenset(stem[i:i + 2] for i in range(len(stem) - 1))


def _similar_one(stem: str, runs: frozenset[str],
                 earlier: list[tuple[str, frozenset[str], Exercise]], limit: float,
                 budget: dict[str, int]) -> Exercise | None:
    """The first earlier stem at least ``limit`` similar (difflib's ratio), if any."""
    for other_stem, other_runs, other in earlier:
        budget["pairs"] -= 1
        if budget["pairs"] < 0 or budget["ratios"] <= 0:
            return None
        if min(len(stem), len(other_stem)) < limit * max(len(stem), len(other_stem)):
            continue
        shared = 2 * len(runs & other_runs) / max(1, len(runs) + len(other_runs))
        if shared < limit - 0.2:  # far apart: no need for the exact (slow) measure
            continue
        budget["ratios"] -= 1
        matcher = difflib.SequenceMatcher(None, stem, other_stem, autojunk=False)
        if matcher.quick_ratio() >= limit and matcher.ratio() >= limit:
            return other
    return None


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


def _tokens(text: str) -> set[str]:
    """Words to compare: 2-character runs of Chinese, words of 3+ letters otherwise."""
    plain = unicodedata.normalize("NFKC", text).casefold()
    tokens = set(_LATIN_WORD.findall(plain))
    runs = "".join(c if _CJK.match(c) else " " for c in plain).split()
    for run in runs:
        tokens.update(run[i:i + 2] for i in range(len(run) - 1))
    return tokens


def _stem_cue(exercise: Exercise, checks: ItemChecks, problems: Problems) -> None:
    stem = _tokens(exercise.question)
    key = [o for o in exercise.options if o.correct]
    others = [o for o in exercise.options if not o.correct]
    if len(key) != 1 or not others:
        return
    shared = len(_tokens(key[0].text) & stem)
    most = max(len(_tokens(o.text) & stem) for o in others)
    if shared >= checks["stem_cue_shared"] and most * 2 <= shared:
        problems.warning(exercise.file, exercise.line, f"the right option of exercise "
                         f"{exercise.id} repeats {shared} words of the question, the wrong "
                         f"ones at most {most}; the echo gives it away. Reword it, or let the "
                         "wrong options use the question's words too.")


def _ids(exercises: list[Exercise], most: int = 8) -> str:
    shown = ", ".join(e.id for e in exercises[:most])
    return shown + (f" and {len(exercises) - most} more" if len(exercises) > most else "")
