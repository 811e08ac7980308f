"""Grading: one pure function per exercise type, scores in 0..1 with per-part detail.

Partial credit (documented in courses/README.md): a single-choice option or a fill-in answer
marked ``[50%]`` scores 0.5; multiple choice scores (right ticks − wrong
ticks) ÷ right options, never below 0; ordering scores the share of item pairs in the right
relative order; matching scores the share of pairs matched correctly.

Only what the learner did counts: no response (``None``, or an empty answer such as no ticks,
no text or no pairs) is *unanswered* — score 0, ``answered`` False — never graded as if the widget's
starting state (e.g. the shuffled order of an ordering question) were an answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from trainer.content.errors import ResponseInvalid
from trainer.content.model import Exercise

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Part:
    """One graded part: an option, a blank, a step, a pair or a rubric criterion."""

    index: int
    correct: bool
    given: str = ""
    expected: str = ""


@dataclass(frozen=True)
class Grade:
    score: float | None  # None: waits for a trainer
    correct: bool
    parts: tuple[Part, ...]
    feedback: tuple[str, ...]  # feedback of the chosen options, in option order
    answered: bool = True  # False: the learner gave no response; scores 0


# The key a response must carry to count as an answer, per exercise type.
_ANSWER_KEYS = {"single": "choice", "truefalse": "choice", "multiple": "choices", "fill": "text",
                "order": "order", "match": "pairs", "open": "text"}


def is_answered(exercise: Exercise, response: Mapping[str, Any] | None) -> bool:
    """Whether ``response`` is something the learner did (not None, not empty).

    A malformed response (not an object, answer key missing) counts as given, so ``grade``
    refuses it with a message instead of quietly calling it unanswered."""
    if response is None:
        return False
    key = _ANSWER_KEYS.get(exercise.type, "")
    if not isinstance(response, Mapping) or key not in response:
        return True
    value = response[key]
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value != [] and value != {}


def unanswered(exercise: Exercise) -> Grade:
    """The grade of a question left without a response: 0, unanswered, nothing marked right."""
    return Grade(0.0, False, (), (), answered=False)


def grade(exercise: Exercise, response: Mapping[str, Any] | None) -> Grade:
    """Grade a JSON-able response (see contracts); ``ResponseInvalid`` if it does not fit.

    No response (see ``is_answered``) gives ``unanswered(exercise)``."""
    if not is_answered(exercise, response):
        return unanswered(exercise)
    if not isinstance(response, Mapping):
        raise ResponseInvalid(f"the response to {exercise.id} must be an object")
    return _GRADERS[exercise.type](exercise, response)


def normalize_answer(text: str, mode: str = "loose") -> str:
    """Loose: full-/half-width, case and spaces do not matter ('ＡＢＣ １２' = 'abc12')."""
    text = unicodedata.normalize("NFKC", text)
    if mode == "exact":
        return text.strip()
    return _SPACE.sub("", text).casefold()


def _index(value: Any, size: int, exercise: Exercise) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < size:
        raise ResponseInvalid(f"{value!r} is not an option of {exercise.id}")
    return value


def _indices(response: Mapping[str, Any], key: str, size: int, exercise: Exercise) -> list[int]:
    values = response.get(key)
    if not isinstance(values, list | tuple):
        raise ResponseInvalid(f"the response to {exercise.id} needs a list '{key}'")
    return [_index(v, size, exercise) for v in values]


def _single(exercise: Exercise, response: Mapping[str, Any]) -> Grade:
    choice = _index(response.get("choice"), len(exercise.options), exercise)
    option = exercise.options[choice]
    parts = tuple(Part(i, o.correct == (i == choice), "x" if i == choice else "",
                       "x" if o.correct else "") for i, o in enumerate(exercise.options))
    feedback = (option.feedback,) if option.feedback else ()
    return Grade(1.0 if option.correct else option.credit, option.correct, parts, feedback)


def _multiple(exercise: Exercise, response: Mapping[str, Any]) -> Grade:
    chosen = set(_indices(response, "choices", len(exercise.options), exercise))
    right = sum(1 for i in chosen if exercise.options[i].correct)
    wrong = len(chosen) - right
    total = sum(o.correct for o in exercise.options) or 1
    score = max(0.0, (right - wrong) / total)
    parts = tuple(Part(i, o.correct == (i in chosen), "x" if i in chosen else "",
                       "x" if o.correct else "") for i, o in enumerate(exercise.options))
    feedback = tuple(o.feedback for i, o in enumerate(exercise.options)
                     if i in chosen and o.feedback)
    return Grade(score, all(p.correct for p in parts), parts, feedback)


def _fill(exercise: Exercise, response: Mapping[str, Any]) -> Grade:
    text = response.get("text")
    if not isinstance(text, str):
        raise ResponseInvalid(f"the response to {exercise.id} needs a text 'text'")
    given = normalize_answer(text, exercise.match_mode)
    correct = bool(given) and any(normalize_answer(a, exercise.match_mode) == given
                                  for a in exercise.answers)
    score = 1.0 if correct else max(
        (credit for answer, credit in exercise.partial_answers
         if given and normalize_answer(answer, exercise.match_mode) == given), default=0.0)
    part = Part(0, correct, text, exercise.answers[0] if exercise.answers else "")
    return Grade(score, correct, (part,), ())


def _order(exercise: Exercise, response: Mapping[str, Any]) -> Grade:
    size = len(exercise.items)
    order = _indices(response, "order", size, exercise)
    if sorted(order) != list(range(size)):
        raise ResponseInvalid(f"the order for {exercise.id} must list each step once")
    pairs = list(combinations(order, 2))
    right = sum(1 for a, b in pairs if a < b)
    score = right / len(pairs) if pairs else 1.0
    parts = tuple(Part(position, item == position, exercise.items[item],
                       exercise.items[position]) for position, item in enumerate(order))
    return Grade(score, score == 1.0, parts, ())


def _match(exercise: Exercise, response: Mapping[str, Any]) -> Grade:
    size = len(exercise.pairs)
    raw = response.get("pairs")
    if not isinstance(raw, Mapping):
        raise ResponseInvalid(f"the response to {exercise.id} needs an object 'pairs'")
    chosen: dict[int, int] = {}
    for left, right in raw.items():
        try:
            key = int(left)
        except (TypeError, ValueError):
            raise ResponseInvalid(f"{left!r} is not a left item of {exercise.id}") from None
        chosen[_index(key, size, exercise)] = _index(right, size, exercise)
    parts = []
    for index, (_, right_text) in enumerate(exercise.pairs):
        picked = chosen.get(index)
        given = exercise.pairs[picked][1] if picked is not None else ""
        parts.append(Part(index, given == right_text, given, right_text))
    score = sum(p.correct for p in parts) / size if size else 0.0
    return Grade(score, score == 1.0, tuple(parts), ())


def _open(exercise: Exercise, response: Mapping[str, Any]) -> Grade:
    if not isinstance(response.get("text", ""), str):
        raise ResponseInvalid(f"the response to {exercise.id} needs a text 'text'")
    ticked = set(_indices({"ticked": response.get("ticked", [])}, "ticked",
                          len(exercise.rubric), exercise))
    parts = tuple(Part(i, i in ticked, "x" if i in ticked else "", c.text)
                  for i, c in enumerate(exercise.rubric))
    if exercise.grading == "trainer":
        return Grade(None, False, parts, ())
    total = sum(c.points for c in exercise.rubric) or 1.0
    score = sum(exercise.rubric[i].points for i in ticked) / total
    return Grade(score, score >= 1.0, parts, ())


_GRADERS: dict[str, Callable[[Exercise, Mapping[str, Any]], Grade]] = {
    "single": _single, "truefalse": _single, "multiple": _multiple, "fill": _fill,
    "order": _order, "match": _match, "open": _open}
