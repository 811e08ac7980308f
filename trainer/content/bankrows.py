"""One row of an Excel question bank → a ``BankQuestion``, or the reason it cannot be one.

The answers trainers write: letters with or without separators (``ABD``, ``A,B,D``, ``A、B、D``,
``A B D``), full-width letters (``ＡＢ``), ``正确/错误/对/错/√/×/T/F`` for true/false, accepted
answers separated by ``|`` or ``；`` for fill-ins. The kind comes from 题型, or when it is empty
from the answer (one letter: single; several: multiple; 对/错: true/false; no options: fill-in).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Sequence

from trainer.content.bank import BankOption, BankQuestion

KINDS: dict[str, str] = {}
for _kind, _names in {
    "single": ("单选", "单选题", "单项选择", "单项选择题", "单择题", "single", "singlechoice",
               "radio"),
    "multiple": ("多选", "多选题", "多项选择", "多项选择题", "不定项", "不定项选择",
                 "不定项选择题", "multiple", "multiplechoice", "checkbox"),
    "truefalse": ("判断", "判断题", "是非题", "对错题", "truefalse", "tf", "judge", "boolean"),
    "fill": ("填空", "填空题", "fill", "fillin", "blank", "shortanswer"),
    "open": ("简答", "简答题", "问答", "问答题", "论述", "论述题", "主观题", "案例分析",
             "案例分析题", "essay", "open"),
}.items():
    KINDS.update(dict.fromkeys(_names, _kind))
KIND_NAMES_ZH = {"single": "单选", "multiple": "多选", "truefalse": "判断", "fill": "填空",
                 "open": "简答"}
TRUE_WORDS = {"正确", "对", "是", "√", "✓", "✔", "t", "true", "y", "yes", "right", "1"}
FALSE_WORDS = {"错误", "错", "否", "×", "✗", "✘", "x", "f", "false", "n", "no", "wrong", "0"}
_SEPARATORS = re.compile(r"[\s,，、;；/|]+")
_FILL_SEPARATORS = re.compile(r"\s*[|｜;；]\s*")
_BLANK = re.compile(r"_{2,}|（\s*）|\(\s*\)|【\s*】")
LETTERS = "ABCDEFGH"


class RowError(ValueError):
    """Why a row cannot be converted; the message is shown with FILE:SHEET:ROW."""


def cell_text(value: object) -> str:
    """A cell as the trainer sees it: numbers without '.0', text stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()  # a date typed into an option: 2021-09-01
    return str(value).replace("\r\n", "\n").strip()


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "")


def answer_letters(answer: str) -> str | None:
    """``ABD`` / ``A,B,D`` / ``A、B、D`` / ``ＡＢ`` / ``abd`` → ``ABD``; None if not letters."""
    letters = _SEPARATORS.sub("", unicodedata.normalize("NFKC", answer)).upper()
    if letters and all(c in LETTERS for c in letters):
        return letters
    return None


def truth(answer: str) -> bool | None:
    folded = _fold(answer)
    if folded in TRUE_WORDS:
        return True
    if folded in FALSE_WORDS:
        return False
    return None


def guess_kind(answer: str, options: Sequence[str]) -> str:
    """The kind of a row whose 题型 is empty, from what it holds."""
    if options:
        letters = answer_letters(answer)
        return "multiple" if letters and len(set(letters)) > 1 else "single"
    if truth(answer) is not None and _fold(answer) not in {"1", "0", "y", "n", "x"}:
        return "truefalse"
    return "fill" if answer else "open"


def build_question(line: int, kind_cell: str, stem: str, options: Sequence[str], answer: str,
                   explanation: str, chapter: str, knowledge: str) -> BankQuestion:
    """The question of one row; ``RowError`` says what to fix when there is none."""
    if not stem:
        raise RowError("the question text (题干) is empty.")
    if kind_cell:
        kind = KINDS.get(_fold(kind_cell).removesuffix("题") if _fold(kind_cell) not in KINDS
                         else _fold(kind_cell))
        if kind is None:
            raise RowError(f"question type '{kind_cell}' is unknown; write 单选, 多选, 判断, "
                           "填空 or 简答.")
    else:
        kind = guess_kind(answer, options)
    base = {"line": line, "title": "", "text": stem, "category": chapter,
            "explanation": explanation, "knowledge": knowledge}
    if kind in ("single", "multiple"):
        return _choice(kind, options, answer, base)
    if kind == "truefalse":
        return _truefalse(options, answer, base)
    if kind == "fill":
        return _fill(stem, answer, base)
    if answer:
        model = ("参考答案：" if any("\u4e00" <= c <= "\u9fff" for c in stem)
                 else "Model answer: ") + answer
        base["explanation"] = "\n\n".join(p for p in (model, explanation) if p)
    return BankQuestion("open", **base)


def _choice(kind: str, options: Sequence[str], answer: str, base: dict) -> BankQuestion:
    if len(options) < 2:
        raise RowError("a choice question needs at least two options (选项A, 选项B).")
    if not answer:
        raise RowError("the answer (答案) is empty; write the letter(s) of the right "
                       "option(s), e.g. B or ABD.")
    letters = answer_letters(answer)
    if letters is None:
        raise RowError(f"answer '{answer}' is not option letters; write e.g. B, ABD or A,B,D.")
    if len(set(letters)) != len(letters):
        raise RowError(f"answer '{answer}' names an option twice.")
    missing = [c for c in letters if LETTERS.index(c) >= len(options)]
    if missing:
        raise RowError(f"answer '{answer}' names option {missing[0]}, but the row has options "
                       f"A–{LETTERS[len(options) - 1]} only.")
    if kind == "single" and len(letters) > 1:
        raise RowError(f"a single-choice question (单选) has one answer, not '{answer}'; "
                       "change the type to 多选 or keep one letter.")
    right = {LETTERS.index(c) for c in letters}
    choices = tuple(BankOption(text, 1.0 if i in right else 0.0)
                    for i, text in enumerate(options))
    return BankQuestion(kind, options=choices, **base)


def _truefalse(options: Sequence[str], answer: str, base: dict) -> BankQuestion:
    value = truth(answer)
    letters = answer_letters(answer) if value is None else None
    if value is None and letters in ("A", "B") and len(options) >= 2:
        # A/B answering a true/false row whose options say which is true
        first = truth(options[0])
        value = (letters == "A") if first is not False else (letters == "B")
    if value is None:
        raise RowError(f"answer '{answer}' of a true/false question (判断) is not 正确/错误, "
                       "对/错, √/× or T/F.")
    return BankQuestion("truefalse", options=(BankOption("", 1.0 if value else 0.0),
                                              BankOption("", 0.0 if value else 1.0)), **base)


def _fill(stem: str, answer: str, base: dict) -> BankQuestion:
    answers = tuple(a for a in _FILL_SEPARATORS.split(answer) if a)
    if not answers:
        raise RowError("the accepted answer (答案) of a fill-in question is empty.")
    blanks = len(_BLANK.findall(stem))
    if blanks > 1:
        raise RowError(f"the question has {blanks} blanks; a fill-in has one, so make one "
                       "question per blank.")
    text = _BLANK.sub("____", stem) if blanks else f"{stem} ____"
    return BankQuestion("fill", answers=answers, **{**base, "text": text})
