"""Aiken question banks → ``BankQuestion`` values.

Aiken is Moodle's simplest format: a question, options ``A.`` or ``A)`` one per line, then
``ANSWER: X``. Chinese teachers write it with their input method on: ``答案：B`` with a full-width
colon, ``A．``, ``Ａ.``, ``A、``, lower-case letters; all are read alike (NFKC). A ``解析：`` line
after the answer is the question's explanation; any other line that belongs to no question is
reported with its number and never glued onto the next question.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from trainer.content.bank import Bank, BankOption, BankQuestion

_OPTION = re.compile(r"^([A-Za-zＡ-Ｚａ-ｚ])\s*[.)、:．）：]\s*(.+)$")
_ANSWER = re.compile(r"^(?:ANSWER|答案|正确答案|参考答案|标准答案)\s*[:]?\s*([A-Za-z]?)\s*$",
                     re.IGNORECASE)
_EXPLAIN = re.compile(r"^(?:解析|答案解析|解释|说明|explanation|feedback)\s*[:：]\s*(.*)$",
                      re.IGNORECASE)


@dataclass
class _Question:
    start: int = 0
    stem: list[str] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)
    after_answer: bool = False  # began on the line after an ANSWER line, no blank between
    lines: list[int] = field(default_factory=list)  # line number of each stem line


def parse_aiken(text: str, source: str) -> Bank:
    """Every question of an Aiken file; a malformed one is reported and the rest convert."""
    bank = Bank(source)
    current = _Question()
    answered = False  # the line before was an ANSWER line or its 解析
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        folded = unicodedata.normalize("NFKC", stripped)
        if not stripped:
            if current.stem and not current.options:
                _stray(bank, current)
                current = _Question()
            answered = False
            continue
        answer = _ANSWER.match(folded)
        if answer and (current.stem or current.options):
            _finish(bank, current, answer.group(1).upper())
            current, answered = _Question(), True
            continue
        explained = _EXPLAIN.match(stripped) if answered and not current.stem else None
        if explained and bank.questions:
            last = bank.questions[-1]
            joined = "\n".join(p for p in (last.explanation, explained.group(1).strip()) if p)
            bank.questions[-1] = replace(last, explanation=joined)
            continue
        option = _OPTION.match(stripped) if current.stem else None
        expected = chr(ord("A") + len(current.options))
        if option and unicodedata.normalize("NFKC", option.group(1)).upper() == expected:
            if not current.options and current.after_answer and len(current.stem) > 1:
                _strays_before(bank, current)
            current.options.append((expected, option.group(2).strip()))
        elif current.options:
            bank.skip(current.start, "the question's options are not followed by 'ANSWER: X'; "
                      "add the answer line after the last option.")
            current = _Question(number, [stripped], lines=[number])
        else:
            if not current.stem:
                current.start, current.after_answer = number, answered
            current.stem.append(stripped)
            current.lines.append(number)
        answered = False
    if current.stem and not current.options:
        _stray(bank, current)
    elif current.options:
        bank.skip(current.start, "the last question has no 'ANSWER: X' line.")
    return bank


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:29] + "…"


def _strays_before(bank: Bank, question: _Question) -> None:
    """Lines between an answer and the next question's own line: reported, not its text."""
    for number, text in zip(question.lines[:-1], question.stem[:-1], strict=True):
        bank.warn(number, f"the line '{_short(text)}' after an answer line belongs to no "
                  "question; it is left out. Put a blank line between questions.")
    question.start, question.stem, question.lines = question.lines[-1], question.stem[-1:], \
        question.lines[-1:]


def _stray(bank: Bank, question: _Question) -> None:
    bank.warn(question.start, f"the text '{_short(question.stem[0])}' has no options 'A.' "
              "under it and is not a question; it is left out.")


def _finish(bank: Bank, question: _Question, letter: str) -> None:
    line = question.start
    if not question.stem:
        bank.skip(line, "'ANSWER:' without a question before it.")
        return
    if len(question.options) < 2:
        bank.skip(line, "an Aiken question needs at least two options 'A.' and 'B.'.")
        return
    letters = [key for key, _ in question.options]
    if letter not in letters:
        bank.skip(line, f"the answer '{letter}' is not one of the options "
                  f"{', '.join(letters)}.")
        return
    choices = tuple(BankOption(text, 1.0 if key == letter else 0.0)
                    for key, text in question.options)
    bank.questions.append(BankQuestion("single", line, "", "\n".join(question.stem),
                                       options=choices))
