"""Checks on lesson Markdown: images and links inside the pack, call-out kinds, list spacing."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote

from trainer.content.problems import Problems, did_you_mean, did_you_mean_path, one_of

CALLOUT_KINDS = ("NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION")
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".bmp", ".webp")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_ALERT_MARKER = re.compile(r"^\[![A-Za-z]+\]")
_CALLOUT = re.compile(r"^ {0,3}>\s*\[!([A-Za-z]+)\]")
QUOTE_PREFIX = re.compile(r"^(?: {0,3}>[ \t]?)+")
_NESTED_ITEM = re.compile(r"^[ \t]+(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_RULE = re.compile(r"^ {0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$")
_SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


@dataclass
class TextContext:
    """What the checks need to know about the file being checked."""

    file: str  # pack-relative path of the Markdown file
    problems: Problems
    exists: Callable[[str], bool]
    names: Sequence[str]  # every file of the pack, for "did you mean"
    used: set[str] = field(default_factory=set)  # pack files the text refers to


def resolve_in_pack(file: str, target: str) -> str | None:
    """Pack-relative path of ``target`` as written in ``file``; None if it leaves the pack."""
    path = unquote(target.split("#", 1)[0].split("?", 1)[0]).replace("\\", "/")
    if not path or path.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(file), path))
    if joined == ".." or joined.startswith("../"):
        return None
    return joined


def check_text(lines: Sequence[tuple[int, str]], ctx: TextContext,
               list_spacing: bool = True) -> None:
    """Check Markdown lines (``(line number, text)``), skipping fenced code."""
    fence: str | None = None
    lists = _ListLayout(ctx) if list_spacing else None
    for number, raw in lines:
        match = FENCE.match(raw)
        if fence is not None:
            if match and match[1][0] == fence[0] and len(match[1]) >= len(fence):
                fence = None
            continue
        if match:
            fence = match[1]
            if lists:
                lists.reset()
            continue
        line = _CODE_SPAN.sub("", raw)
        _check_refs(number, line, ctx)
        _check_callout(number, line, ctx)
        if lists:
            lists.feed(number, line)


class _ListLayout:
    """Lists python-markdown would not see because no blank line comes before them."""

    def __init__(self, ctx: TextContext) -> None:
        self.ctx = ctx
        self.reset()

    def reset(self) -> None:
        self.previous = ""
        self.in_list = False  # inside a list, up to the next blank line
        self.depth = 0

    def feed(self, number: int, line: str) -> None:
        quote = QUOTE_PREFIX.match(line)
        depth = quote[0].count(">") if quote else 0
        if depth != self.depth:
            self.reset()
            self.depth = depth
        line = line[quote.end():] if quote else line
        is_item = bool(_LIST_ITEM.match(line)) and not _RULE.match(line)
        if is_item and not self.in_list and _is_paragraph(self.previous):
            self.ctx.problems.warning(self.ctx.file, number, "this list follows a paragraph "
                                      "directly; leave a blank line before it, or it is shown "
                                      "as plain text.")
        if not line.strip():
            self.in_list = False
        elif is_item or _NESTED_ITEM.match(line):
            self.in_list = True
        self.previous = line


def _is_paragraph(line: str) -> bool:
    stripped = line.strip()
    if not stripped or line.startswith(("    ", "\t")):
        return False
    if stripped[0] in "#>|<:" or _LIST_ITEM.match(line) or _RULE.match(line):
        return False
    if _ALERT_MARKER.match(stripped):
        return False  # the renderer gives a call-out marker its own paragraph
    return not stripped.startswith("!!!")


def _check_callout(number: int, line: str, ctx: TextContext) -> None:
    match = _CALLOUT.match(line)
    if match and match[1].upper() not in CALLOUT_KINDS:
        ctx.problems.warning(ctx.file, number, f"unknown call-out kind '[!{match[1]}]'; use "
                             f"one of {one_of(CALLOUT_KINDS)}"
                             f"{did_you_mean(match[1].upper(), CALLOUT_KINDS)}",
                             line.index("[!") + 1)


def _check_refs(number: int, line: str, ctx: TextContext) -> None:
    for match in _IMAGE.finditer(line):
        _check_image(number, match.start() + 1, match[2], ctx)
    for match in _HTML_IMAGE.finditer(line):
        _check_image(number, match.start() + 1, match[1], ctx)
    for match in _LINK.finditer(line):
        target = match[1]
        if _SCHEME.match(target) or target.startswith("#"):
            continue
        if _backslashed(number, match.start() + 1, "link", target, ctx):
            continue
        resolved = resolve_in_pack(ctx.file, target)
        if resolved is not None:
            ctx.used.add(resolved)
        if resolved is None:
            ctx.problems.error(ctx.file, number, f"link '{target}' leaves the pack; link only "
                               "to files inside it.", match.start() + 1)
        elif not ctx.exists(resolved):
            ctx.problems.warning(ctx.file, number, f"link '{target}' points to a file that is "
                                 f"not in the pack{_suggestion(resolved, ctx)}",
                                 match.start() + 1)


def _backslashed(number: int, column: int, what: str, target: str, ctx: TextContext) -> bool:
    """A Windows path (``..\\images\\x.png``) is a problem: Markdown viewers, zips and the
    learner's screen on Linux read the backslash as part of the name, not as a folder."""
    if "\\" not in target:
        return False
    resolved = resolve_in_pack(ctx.file, target)
    if resolved is not None:
        ctx.used.add(resolved)
    fixed = target.replace("\\", "/")
    ctx.problems.error(ctx.file, number, f"{what} '{target}' uses '\\' between folders (a "
                       f"Windows path); write '/' instead: '{fixed}'.", column)
    return True


def _suggestion(resolved: str, ctx: TextContext) -> str:
    """did_you_mean_path, with the path written as the module must write it: relative to the
    module file (../images/x.png), not from the pack root (images/x.png)."""
    hint = did_you_mean_path(resolved, ctx.names)
    base = posixpath.dirname(ctx.file)
    return re.sub(r"'([^']+)'", lambda m: "'" + posixpath.relpath(m[1], base or ".") + "'",
                  hint)


def _check_image(number: int, column: int, target: str, ctx: TextContext) -> None:
    if not target:
        ctx.problems.error(ctx.file, number, "an image has no path; write "
                           "'![说明](../images/name.png)'.", column)
        return
    if _SCHEME.match(target):
        ctx.problems.warning(ctx.file, number, f"image '{target[:60]}' is not inside the pack "
                             "and will not be shown (nothing is loaded from the web); copy "
                             "it into the pack's images/ folder.", column)
        return
    if _backslashed(number, column, "image", target, ctx):
        return
    resolved = resolve_in_pack(ctx.file, target)
    if resolved is not None:
        ctx.used.add(resolved)
    if resolved is None:
        ctx.problems.error(ctx.file, number, f"image '{target}' lies outside the pack; copy it "
                           "into the pack's images/ folder and use a relative path such as "
                           "'../images/name.png'.", column)
    elif not ctx.exists(resolved):
        ctx.problems.error(ctx.file, number, f"image '{target}' does not exist (looked for "
                           f"'{resolved}' in the pack){_suggestion(resolved, ctx)}", column)
    elif not resolved.lower().endswith(IMAGE_TYPES):
        ctx.problems.warning(ctx.file, number, f"image '{target}' is not a PNG, JPEG, GIF, "
                             "SVG, BMP or WebP file and may not be shown.", column)
