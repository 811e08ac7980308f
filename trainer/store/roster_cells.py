"""A spreadsheet cell as the text the user sees in Excel or WPS, not the value stored behind it.

HR offices type employee numbers such as ``000102`` into number cells formatted ``000000``:
the workbook stores 102 and shows 000102. Reading the value alone drops the zeros and creates a
second person next to the one imported last year, so the cell's number format is applied here
(zero padding, quoted or escaped literal text such as ``"GZ"0000``). A whole number of sixteen
digits or more cannot be held exactly by Excel (it keeps 15 significant digits), so such a cell
is shown the way Excel shows it, ``1.23456789012346E+17``, and the roster reports it as a number
that lost its digits instead of importing a wrong one.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

# Excel's precision: integers beyond this are stored rounded.
EXACT_DIGITS = 15
SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$")
_LITERAL = r'(?:"[^"]*"|\\.|[^0#?.,eE%@"\\;\[\]])*'
_PADDED = re.compile(rf"^({_LITERAL})(0+)({_LITERAL})$")
_BRACKETS = re.compile(r"\[[^\]]*\]")  # [Red], [$-804], [>100]


def cell_text(value: Any, number_format: str | None = None) -> str:
    """A cell as text: numbers with their format's zero padding, 1001.0 → "1001", dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number_text(value, number_format or "General")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


def _number_text(value: float, number_format: str) -> str:
    whole = isinstance(value, int) or value.is_integer()
    if whole and abs(value) >= 10 ** EXACT_DIGITS:
        return f"{float(value):.14E}".replace(".00000000000000E", "E").replace("E+0", "E+")
    if not whole:
        return repr(float(value))
    padded = _padded(int(value), number_format)
    return padded if padded is not None else str(int(value))


def _padded(number: int, number_format: str) -> str | None:
    """``000000`` → 000102; ``"GZ"0000`` → GZ0102; None for formats that do not pad."""
    section = _BRACKETS.sub("", number_format.split(";", 1)[0]).strip()
    match = _PADDED.match(section)
    if match is None or number < 0:
        return None
    before, zeros, after = match.groups()
    return _literal(before) + str(number).zfill(len(zeros)) + _literal(after)


def _literal(text: str) -> str:
    return re.sub(r'"([^"]*)"|\\(.)', lambda m: m.group(1) or m.group(2) or "", text)


DECIMAL_WHOLE = re.compile(r"^\d+\.0+$")


def looks_decimal(text: str) -> bool:
    """An employee number written ``102.0``: a tool exported a number cell as a float."""
    return bool(DECIMAL_WHOLE.match(text.strip()))


def looks_scientific(text: str) -> bool:
    """An employee number shown as ``1.23457E+17``: Excel turned a long number into this."""
    return bool(SCIENTIFIC.match(text.strip()))
