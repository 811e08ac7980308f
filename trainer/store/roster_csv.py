"""CSV text into records that remember their physical lines, refusing any parse that merges lines.

A stray quote (``Q001,"王小明,…``) makes a lenient CSV reader swallow every following line into
one cell until the next quote or the end of the file, and the people on those lines vanish
without a word. Here the reader is strict, every record knows the lines it spans, and a cell
that runs over a line break is only accepted when the extra lines cannot be rows of their own
(no delimiter in them, like Excel's Alt+Enter inside a name, which ``roster`` then reports on
that row). Anything else stops the read with ``FILE:LINE``, what is wrong and how to fix it.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from trainer.store.roster_decode import RosterUnreadable

DELIMITERS = (",", "\t", ";", "|")
DELIMITER_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "vertical bar"}
SNIFF_LINES = 20
_BREAK = re.compile(r"\r\n|\r|\n")

Record = tuple[int, tuple[str, ...]]


class RosterDialect(csv.Dialect):
    """What Excel and WPS write: double quotes, doubled inside a cell; strict, to see damage."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL
    strict = True


def choose_delimiter(text: str) -> str:
    """The separator found on most of the first lines (ties: comma, tab, semicolon, bar).

    csv.Sniffer guesses quote characters and delimiters from any repeated character, and a
    stray quote is exactly what throws it; a roster uses one of four separators.
    """
    lines = [line for line in text.splitlines()[:SNIFF_LINES * 5] if line.strip()][:SNIFF_LINES]
    seen: Counter[str] = Counter()
    for line in lines:
        for delimiter in DELIMITERS:
            if delimiter in line:
                seen[delimiter] += 1
    if not seen:
        return ","
    return max(DELIMITERS, key=lambda d: (seen[d], -DELIMITERS.index(d)))


def csv_records(text: str, source: str) -> tuple[list[Record], str]:
    """Non-empty records with the line each starts on, and the delimiter used."""
    delimiter = choose_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), RosterDialect, delimiter=delimiter)
    records: list[Record] = []
    start = 1
    try:  # csv's field size limit (128 KiB) also stops a quote that swallowed a large file
        for cells in reader:
            end = reader.line_num
            if any(cell.strip() for cell in cells):
                _check_span(cells, start, end, delimiter, source)
                records.append((start, tuple(cell.strip() for cell in cells)))
            start = end + 1
    except csv.Error as exc:
        raise _quote_error(source, start, reader.line_num, str(exc)) from exc
    return records, delimiter


def _check_span(cells: list[str], start: int, end: int, delimiter: str, source: str) -> None:
    """A cell holding line breaks may stay only if what follows them cannot be whole rows."""
    if end == start:
        return
    line = start  # where the current cell starts
    for column, cell in enumerate(cells):
        breaks = len(_BREAK.findall(cell))
        parts = _BREAK.split(cell, maxsplit=1)
        if len(parts) == 2 and delimiter in parts[1]:
            raise RosterUnreadable(
                f"{source}:{line}: the cell in column {column + 1} starts with a quote (\") "
                f"that only closes on line {line + breaks}, so lines {line + 1}–{line + breaks} "
                f"were read as part of that one cell ({_shown(parts[1])}).",
                hint=f"Remove the stray quote on line {line}, or close it where the cell ends, "
                     "then import again. If that cell really holds several lines, put them on "
                     "one line.")
        line += breaks


def _quote_error(source: str, start: int, line: int, detail: str) -> RosterUnreadable:
    """Strict parsing failed: say where the quote went wrong, not just where reading stopped."""
    if "end of data" in detail or "field larger" in detail or line > start:
        return RosterUnreadable(
            f"{source}:{start}: a quote (\") opens a cell on this line that is not closed "
            f"where the cell ends; every line after it (up to line {max(line, start + 1)}) "
            "would be read into that one cell and the people on them lost.",
            hint=f"Remove the stray quote on line {start} or add the closing one, then import "
                 "again.")
    return RosterUnreadable(
        f"{source}:{line}: a quote (\") is in the wrong place: a cell that starts with a quote "
        "must end with one, followed by the separator.",
        hint='Put the whole cell in quotes and double any quote inside it ("" for "), or '
             "remove the quotes, then import again.")


def _shown(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return repr(first if len(first) <= 40 else first[:40] + "…")
