"""Aiken question banks → ``BankQuestion`` values.

Aiken is Moodle's simplest format: a question line, options ``A.`` or ``A)`` one per line, then
``ANSWER: X``. Only single-choice questions exist in it.
"""

from __future__ import annotations

import re

from trainer.content.bank import Bank, BankOption, BankQuestion

_OPTION = re.compile(r"^([A-Z])[.)、．）]\s*(.+)$")
_ANSWER = re.compile(r"^ANSWER\s*[:：]\s*([A-Z]?)\s*$", re.IGNORECASE)


def parse_aiken(text: str, source: str) -> Bank:
    """Every question of an Aiken file; a malformed one is reported and the rest convert."""
    bank = Bank(source)
    stem: list[str] = []
    options: list[tuple[str, str]] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        answer = _ANSWER.match(stripped)
        option = _OPTION.match(stripped) if stem else None
        if answer:
            _finish(bank, start, stem, options, answer.group(1).upper())
            stem, options = [], []
        elif option and (not options or ord(option.group(1)) == ord(options[-1][0]) + 1):
            options.append((option.group(1), option.group(2).strip()))
        elif options:
            bank.skip(start, "the question's options are not followed by 'ANSWER: X'; "
                      "add the answer line after the last option.")
            stem, options, start = [stripped], [], number
        else:
            if not stem:
                start = number
            stem.append(stripped)
    if stem or options:
        bank.skip(start, "the last question has no 'ANSWER: X' line.")
    return bank


def _finish(bank: Bank, line: int, stem: list[str], options: list[tuple[str, str]],
            letter: str) -> None:
    if not stem:
        bank.skip(line, "'ANSWER:' without a question before it.")
        return
    if len(options) < 2:
        bank.skip(line, "an Aiken question needs at least two options 'A.' and 'B.'.")
        return
    letters = [key for key, _ in options]
    if letter not in letters:
        bank.skip(line, f"the answer '{letter}' is not one of the options "
                  f"{', '.join(letters)}.")
        return
    choices = tuple(BankOption(text, 1.0 if key == letter else 0.0) for key, text in options)
    bank.questions.append(BankQuestion("single", line, "", "\n".join(stem), options=choices))
