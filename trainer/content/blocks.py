"""The parts of an exercise block: settings, question, answer list, explanation.

See "Exercises" in courses/README.md. The answer list is the last list of the block; items may
continue on indented lines, and an indented quote under an item is that item's feedback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trainer.content.problems import Problems

Line = tuple[int, str]
SETTING = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
ITEM = re.compile(r"^ ?(?:([-*+])|(\d{1,9})[.)])(?:[ \t]+(.*?))?\s*$")
_QUOTE = re.compile(r"^ ?>")


@dataclass
class BlockContext:
    file: str
    module_id: str
    problems: Problems
    competencies: tuple[str, ...]  # the framework's ids
    module_competencies: tuple[str, ...]


@dataclass
class Item:
    line: int
    numbered: bool
    text: str  # the item's own text, continuation lines joined with newlines
    feedback: str = ""
    feedback_line: int = 0


@dataclass
class BlockParts:
    settings: list[tuple[int, str, str]] = field(default_factory=list)  # (line, key, value)
    not_settings: list[Line] = field(default_factory=list)
    question: list[Line] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    list_lines: list[Line] = field(default_factory=list)
    explanation: list[Line] = field(default_factory=list)
    # Quote lines right under an option but not indented: meant as that option's feedback,
    # they end the list in Markdown, so the options above them fall into the question.
    loose_feedback: list[int] = field(default_factory=list)
    explanation_under_option: bool = False  # the explanation quote touches the last option


def split_block(lines: list[Line]) -> BlockParts:
    """Cut the block's inner lines into its parts; the meaning is checked by the caller."""
    parts = BlockParts()
    index = 0
    while index < len(lines) and lines[index][1].strip():
        number, text = lines[index]
        match = SETTING.match(text)
        if match:
            parts.settings.append((number, match[1], match[2]))
        else:
            parts.not_settings.append((number, text))
        index += 1
    rest = _trim(lines[index:])
    end = len(rest)
    while end > 0 and _QUOTE.match(rest[end - 1][1]):
        end -= 1
    parts.explanation = rest[end:]
    parts.explanation_under_option = bool(parts.explanation) and end > 0 and bool(
        ITEM.match(rest[end - 1][1]))
    parts.loose_feedback = _loose_feedback(rest[:end])
    rest = _trim(rest[:end])
    start = _list_start(rest)
    parts.question = _trim(rest[:start])
    parts.list_lines = rest[start:]
    parts.items = _items(parts.list_lines)
    return parts


def quote_text(lines: list[Line]) -> str:
    """The text of a quote without its '>' markers."""
    return "\n".join(re.sub(r"^\s*> ?", "", text) for _, text in lines).strip()


def _loose_feedback(lines: list[Line]) -> list[int]:
    """First lines of unindented quotes that follow an option (or its indented lines) with no
    blank line between: feedback that lost its two-space indent."""
    found: list[int] = []
    after_item = False
    for number, text in lines:
        if not text.strip():
            after_item = False
        elif ITEM.match(text):
            after_item = True
        elif _QUOTE.match(text):
            if after_item:
                found.append(number)
            after_item = False
        elif not text[:1].isspace():
            after_item = False
    return found


def _trim(lines: list[Line]) -> list[Line]:
    start, end = 0, len(lines)
    while start < end and not lines[start][1].strip():
        start += 1
    while end > start and not lines[end - 1][1].strip():
        end -= 1
    return lines[start:end]


def _list_start(lines: list[Line]) -> int:
    """Index of the first item of the last list (len(lines) when there is none)."""
    start = len(lines)
    index = len(lines) - 1
    while index >= 0:
        text = lines[index][1]
        if ITEM.match(text) and not re.match(r"^ ?[-*_](?:\s*[-*_]){2,}\s*$", text):
            start = index
        elif text.strip() and not text[:1].isspace():
            break
        index -= 1
    return start


def _items(lines: list[Line]) -> list[Item]:
    items: list[Item] = []
    current: list[Line] = []
    for number, text in lines:
        if ITEM.match(text) and current:
            items.append(_item(current))
            current = []
        current.append((number, text))
    if current:
        items.append(_item(current))
    return items


def _item(lines: list[Line]) -> Item:
    number, first = lines[0]
    match = ITEM.match(first)
    assert match is not None
    body = [match[3] or ""]
    feedback: list[Line] = []
    for line in lines[1:]:
        if feedback or line[1].lstrip().startswith(">"):
            feedback.append(line)
        else:
            body.append(line[1].strip())
    item = Item(number, match[2] is not None, "\n".join(body).strip())
    if feedback:
        item.feedback = quote_text(feedback)
        item.feedback_line = feedback[0][0]
    return item
