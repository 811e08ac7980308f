"""The item-writing rules about question stems (see ``itemcheck``): the same question asked
twice (guideline: keep the content of each item independent) and a right option echoing the
question's words (guideline: avoid clues such as clang associations)."""

from __future__ import annotations

import difflib
import re
import unicodedata

from trainer.content.itemconfig import ItemChecks
from trainer.content.model import Exercise
from trainer.content.problems import Problems

_NOT_WORD = re.compile(r"[\W_]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[a-z0-9]{3,}")
_MIN_STEM = 8  # shorter stems ("判断：") are too generic to compare
_MAX_FUZZY = 300  # longer stems (a whole case) are compared for identity only
_PAIR_BUDGET = 100_000  # cheap comparisons (shared 2-character runs) per pack, at most
_RATIO_BUDGET = 100  # exact similarity computations per pack, at most


def normalised_stem(text: str) -> str:
    """The stem's words only: width, case, markup, punctuation and spaces left out."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def same_stem(exercises: list[Exercise], checks: ItemChecks, problems: Problems) -> None:
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


def _tokens(text: str) -> set[str]:
    """Words to compare: 2-character runs of Chinese, words of 3+ letters otherwise."""
    plain = unicodedata.normalize("NFKC", text).casefold()
    tokens = set(_LATIN_WORD.findall(plain))
    runs = "".join(c if _CJK.match(c) else " " for c in plain).split()
    for run in runs:
        tokens.update(run[i:i + 2] for i in range(len(run) - 1))
    return tokens


def stem_cue(exercise: Exercise, checks: ItemChecks, problems: Problems) -> None:
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
