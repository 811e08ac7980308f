"""Limits on lesson Markdown, so no pack can make the renderer hang or recurse without bound.

python-markdown's block parser recurses once per level of list, quote or definition, and some
of its inline patterns take quadratic time or worse in the length of a paragraph (measured: 1,000
nested list levels hung the reader for 58 s; 10,000 '[' in one paragraph took minutes; 800
definition lines in a row exhausted the stack). Real lessons stay far below every limit here. The
validator reports each excess with its line (``check_limits``); the renderer refuses text over
a limit (``first_excess``) and shows it as plain text instead. The scan is one linear pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from trainer.content.textcheck import FENCE as _FENCE
from trainer.content.textcheck import QUOTE_PREFIX as _QUOTE

MAX_CHARS = 1_000_000  # one Markdown file (a 500 KB lesson renders in about 0.6 s)
MAX_LINE = 5_000  # characters on one line
MAX_BLOCK_LINES = 300  # lines of a paragraph, list or table without a blank line
MAX_BLOCK_CHARS = 20_000  # characters of the same
MAX_NESTING = 8  # levels of lists, of block quotes
MAX_INDENT = 4 * MAX_NESTING + 8  # columns of indentation (code in a list 8 levels deep)
MAX_COLUMNS = 50  # cells in a table row
# python-markdown looks for the ']' of every '[' character by character, to the end of the
# paragraph when there is none: 50 unclosed '[' before 12,000 characters took a second. The
# distances from each '[' to its ']' (or to the paragraph's end) may add up to this many.
MAX_BRACKET_SPAN = 30_000
# Characters that start inline markup, at most this many in one paragraph, list or table.
MAX_MARKUP = {"[": 200, "<": 200, "&": 500, "*": 1000, "_": 1000, "~": 1000, "`": 1000}
_MARKUP_NAMES = {"[": "'[' (links, images)", "<": "'<' (HTML tags)", "&": "'&' (HTML entities)",
                 "*": "'*' (emphasis)", "_": "'_' (emphasis)", "~": "'~' (strike-through)",
                 "`": "'`' (code)"}
# The same in one whole file: unclosed tags and quotes cost time across paragraphs too
# (measured: 2,000 unclosed '<a' in one file took 1.2 s, 2,000 separate quotes 0.5 s).
MAX_MARKUP_IN_FILE = {"[": 10_000, "<": 1_000, "&": 10_000, "*": 40_000, "_": 40_000,
                      "~": 40_000, "`": 40_000}
MAX_QUOTES = 2_000  # block quotes and call-outs in one file
MAX_FENCES = 1_000  # lines that open or close fenced code in one file
MAX_REPORTED = 10  # excesses reported per file; the rest are counted

# Nine container markers at the start of a line, or 16 columns of indentation (nine list
# levels need at least that): the only ways to nest deeper than ``MAX_NESTING``.
_DEEP = re.compile(r"^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))){9}|^[ \t>]*(?:\t| {4}){4}",
                   re.MULTILINE)
_FENCE_LINE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)
_QUOTE_LINE = re.compile(r"^ {0,3}>", re.MULTILINE)
_BRACKET = re.compile(r"[\[\]]")
_PREFIX = re.compile(r"^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t])))*")
_MARKER = re.compile(r">|[-*+]|\d{1,9}[.)]")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


@dataclass(frozen=True)
class Excess:
    """One place over a limit: the line and a message that names the limit and the fix."""

    line: int
    message: str


def check_limits(text: str) -> list[Excess]:
    """Every excess (at most ``MAX_REPORTED`` of them, then one that counts the rest)."""
    if (size := size_excess(text)) is not None:
        return [size]
    if not _may_exceed(text):
        return []
    found: list[Excess] = []
    more = 0
    for excess in _scan(enumerate(text.split("\n"), 1)):
        if len(found) < MAX_REPORTED:
            found.append(excess)
        else:
            more += 1
    if more:
        found.append(Excess(found[-1].line, f"{more} more place(s) in this file are over the "
                                            "limits; fix the ones above first."))
    return found


def first_excess(text: str) -> Excess | None:
    """The first excess of a Markdown text, or None when the renderer may take it."""
    if len(text) > MAX_CHARS:
        return Excess(1, _size_message(len(text)))
    if not _may_exceed(text):
        return None
    return next(_scan(enumerate(text.split("\n"), 1)), None)


def _may_exceed(text: str) -> bool:
    """A quick upper bound at C speed: False means no limit can be exceeded. Paragraphs are
    cut at blank lines only here (not at fences or lines of spaces), so each piece holds at
    least as much as the real paragraph does; only text that fails this is scanned line by
    line. A typical lesson needs a few counts over the whole text and nothing more."""
    counts = {char: text.count(char) for char in MAX_MARKUP_IN_FILE}
    if any(counts[char] > limit for char, limit in MAX_MARKUP_IN_FILE.items()):
        return True
    if ">" in text and len(_QUOTE_LINE.findall(text)) > MAX_QUOTES:
        return True
    if _DEEP.search(text):
        return True
    if ("```" in text or "~~~" in text) and len(_FENCE_LINE.findall(text)) > MAX_FENCES:
        return True
    if len(text) > MAX_LINE and max(map(len, text.split("\n"))) > MAX_LINE:
        return True
    crowded = [char for char, limit in MAX_MARKUP.items() if counts[char] > limit]
    brackets = counts["["] * min(len(text), MAX_BLOCK_CHARS) > MAX_BRACKET_SPAN
    long = len(text) > MAX_BLOCK_CHARS or text.count("\n") >= MAX_BLOCK_LINES
    wide = text.count("|") > MAX_COLUMNS + 1
    if not (crowded or long or wide or brackets):
        return False  # the whole text is within every paragraph limit
    for chunk in text.split("\n\n"):
        if long and (len(chunk) > MAX_BLOCK_CHARS or chunk.count("\n") >= MAX_BLOCK_LINES):
            return True
        if any(chunk.count(char) > MAX_MARKUP[char] for char in crowded):
            return True
        if brackets and "[" in chunk and bracket_span(chunk) > MAX_BRACKET_SPAN:
            return True
        if wide and chunk.count("|") > MAX_COLUMNS + 1 and any(
                line.count("|") > MAX_COLUMNS + 1 for line in chunk.split("\n")):
            return True
    return False


def size_excess(text: str) -> Excess | None:
    return Excess(1, _size_message(len(text))) if len(text) > MAX_CHARS else None


def _size_message(size: int) -> str:
    return (f"this Markdown file has {size:,} characters; at most {MAX_CHARS:,} are allowed. "
            "Split it into several modules.")


class _Block:
    """The paragraph, list or table being read: its size and markup counts."""

    def __init__(self) -> None:
        self.lines = 0
        self.chars = 0
        self.markup = dict.fromkeys(MAX_MARKUP, 0)
        self.reported = False
        self.nesting_reported = False  # deep nesting is reported once per paragraph
        self.first = 0  # its first line
        self.texts: list[str] = []  # its lines, kept only when it has a '['


class _File:
    """Totals over the whole text."""

    def __init__(self) -> None:
        self.markup = dict.fromkeys(MAX_MARKUP, 0)
        self.quotes = 0
        self.fences = 0
        self.reported: set[str] = set()


def _scan(lines: Iterable[tuple[int, str]]) -> Iterator[Excess]:
    fence: str | None = None
    totals = _File()
    block = _Block()
    items: list[int] = []  # content columns of the open list items
    for number, raw in lines:
        if len(raw) > MAX_LINE:
            yield Excess(number, f"this line has {len(raw):,} characters; at most "
                                 f"{MAX_LINE:,} are allowed. Break it into paragraphs.")
            continue
        match = _FENCE.match(raw)
        if match:
            totals.fences += 1
            if totals.fences == MAX_FENCES + 1:
                yield Excess(number, f"this file has more than {MAX_FENCES:,} lines that open "
                                     "or close code blocks; split it into several modules.")
        if fence is not None:
            if match and match[1][0] == fence[0] and len(match[1]) >= len(fence):
                fence = None
            continue
        if match:
            yield from _close(block)
            fence, block, items = match[1], _Block(), []
            continue
        if not raw.strip():
            yield from _close(block)
            block = _Block()
            continue
        if block.lines == 0:
            block.first = number
        if "[" in raw or block.texts:
            block.texts.append(raw)
        if block.lines == 0 and raw.lstrip(" ").startswith(">"):
            totals.quotes += 1
            if totals.quotes == MAX_QUOTES + 1:
                yield Excess(number, f"this file has more than {MAX_QUOTES:,} block quotes and "
                                     "call-outs; split it into several modules.")
        yield from _block_line(number, raw, block, totals)
        if not block.nesting_reported:
            for excess in _nesting(number, raw, items):
                block.nesting_reported = True
                yield excess
    yield from _close(block)


def _close(block: _Block) -> Iterator[Excess]:
    """At the end of a paragraph: how far its '[' are from their ']'."""
    if block.texts and not block.reported and bracket_span("\n".join(block.texts)) > \
            MAX_BRACKET_SPAN:
        block.reported = True
        yield Excess(block.first, "this paragraph, list or table has '[' whose ']' never "
                                  "comes or comes very late (open links or images); close "
                                  "them, or split it with blank lines.")


def bracket_span(text: str) -> int:
    """The sum of the distances from each '[' to its ']', or to the end if it has none."""
    open_at: list[int] = []
    total = 0
    for match in _BRACKET.finditer(text):
        if match[0] == "[":
            open_at.append(match.start())
        elif open_at:
            total += match.start() - open_at.pop()
    return total + sum(len(text) - at for at in open_at)


def _block_line(number: int, line: str, block: _Block, totals: _File) -> Iterator[Excess]:
    block.lines += 1
    block.chars += len(line)
    for char, limit in MAX_MARKUP_IN_FILE.items():
        if char in line:
            totals.markup[char] += line.count(char)
            if totals.markup[char] > limit and char not in totals.reported:
                totals.reported.add(char)
                yield Excess(number, f"this file has more than {limit:,} "
                                     f"{_MARKUP_NAMES[char]}; split it into several modules.")
    if block.reported:
        return
    over: str | None = None
    if block.lines > MAX_BLOCK_LINES:
        over = f"runs for more than {MAX_BLOCK_LINES} lines"
    elif block.chars > MAX_BLOCK_CHARS:
        over = f"is longer than {MAX_BLOCK_CHARS:,} characters"
    else:
        for char, limit in MAX_MARKUP.items():
            if char in line:
                block.markup[char] += line.count(char)
                if block.markup[char] > limit:
                    over = f"has more than {limit:,} {_MARKUP_NAMES[char]}"
                    break
    if over is not None:
        block.reported = True
        yield Excess(number, f"this paragraph, list or table {over} without a blank line; "
                             "split it with blank lines (or into several modules).")
    if line.count("|") > MAX_COLUMNS + 1:
        yield Excess(number, f"this table row has {line.count('|') - 1} columns; at most "
                             f"{MAX_COLUMNS} are allowed.")


def _nesting(number: int, line: str, items: list[int]) -> Iterator[Excess]:
    prefix = _PREFIX.match(line)
    if prefix is not None and prefix.end() > 0 and not _RULE.match(line):
        depth = len(_MARKER.findall(prefix[0]))
        if depth > MAX_NESTING:
            yield Excess(number, f"lists and block quotes are nested {depth} levels deep here; "
                                 f"at most {MAX_NESTING} are allowed.")
            return
    quote = _QUOTE.match(line) if ">" in line[:4] else None
    if quote is not None:
        line = line[quote.end():]
    stripped = line.lstrip(" \t")
    if len(stripped) == len(line) and not _ITEM.match(stripped):
        items.clear()  # text at the margin ends the lists
        return
    indent = len(line[:len(line) - len(stripped)].expandtabs(4))
    if indent > MAX_INDENT:
        yield Excess(number, f"this line is indented {indent} columns; at most {MAX_INDENT} "
                             "are allowed.")
        return
    item = _ITEM.match(stripped)
    if item is None:
        return
    while items and indent < items[-1]:
        items.pop()
    items.append(indent + len(item[0]))
    if len(items) > MAX_NESTING:
        yield Excess(number, f"lists are nested {len(items)} levels deep here; at most "
                             f"{MAX_NESTING} are allowed.")
        items.pop()
