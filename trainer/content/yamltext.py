"""YAML that remembers line numbers, and typed field readers that report problems, not raise.

Trainers write YAML by hand, so every message names the line and says how to write it instead.
Pack YAML is untrusted: before anything is built from it, its node graph is checked so that
aliases (the "billion laughs" that expand 1 KB into gigabytes), tags other than plain YAML's
(``!!set``, ``!!binary``, ``!custom``) and deep nesting are refused as problems with their line.
Dates stay text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml

from trainer.content.problems import Problems, did_you_mean

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_YAML_BYTES = 1024 * 1024  # course.yaml, competencies.yaml, one front matter
MAX_YAML_DEPTH = 16  # nested lists and 'key: value' blocks


class LineDict(dict[Any, Any]):
    """A mapping with the line of itself, of each key, and any duplicate keys."""

    line = 0

    def __init__(self) -> None:
        super().__init__()
        self.key_lines: dict[Any, int] = {}
        self.duplicates: list[tuple[Any, int]] = []

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    line = 0

    def __init__(self) -> None:
        super().__init__()
        self.item_lines: list[int] = []
        # (item index, line): a '- …' line YAML joined to the item above (indented differently)
        self.merged: list[tuple[int, int]] = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Loader(_Base):  # type: ignore[misc]
    pass


def _construct_map(loader: Any, node: yaml.MappingNode) -> Any:
    data = LineDict()
    data.line = node.start_mark.line + 1
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, list | dict):
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in data:
            data.duplicates.append((key, line))
        data[key] = _unfolded(value_node, loader.construct_object(value_node, deep=True))
        data.key_lines[key] = line


def _construct_seq(loader: Any, node: yaml.SequenceNode) -> Any:
    data = LineList()
    data.line = node.start_mark.line + 1
    yield data
    lines = getattr(loader, "source_lines", ())
    for index, child in enumerate(node.value):
        data.append(_unfolded(child, loader.construct_object(child, deep=True)))
        data.item_lines.append(child.start_mark.line + 1)
        if isinstance(child, yaml.ScalarNode) and not child.style:
            data.merged.extend((index, n + 1) for n in range(
                child.start_mark.line + 1, min(child.end_mark.line + 1, len(lines)))
                if lines[n].lstrip().startswith(("- ", "-\t")))


# Folding (``>`` and plain text over several lines) joins lines with a space, which is right
# between English words and wrong between Chinese characters: 数字政府 建设.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
_CJK_SPACE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def _unfolded(node: yaml.Node, value: Any) -> Any:
    """A folded scalar without the spaces folding put between two CJK characters."""
    if not isinstance(value, str) or not isinstance(node, yaml.ScalarNode):
        return value
    if node.style == ">" or (not node.style and node.end_mark.line > node.start_mark.line):
        return _CJK_SPACE.sub("", value)
    return value


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
# An unquoted date (``date: 2024-01-01``) stays the text the author wrote.
_Loader.add_constructor("tag:yaml.org,2002:timestamp",
                        lambda loader, node: loader.construct_scalar(node))
_CORE = "tag:yaml.org,2002:"
# The tags plain YAML resolves to by itself; '!!str' and the like written out are harmless.
_ALLOWED_TAGS = frozenset(_CORE + t for t in ("str", "int", "float", "bool", "null", "map",
                                              "seq", "timestamp", "merge"))


def _refusal(root: yaml.Node) -> tuple[int, int, str] | None:
    """(line, column, message) for the first alias, unknown tag or too-deep nesting, if any.

    Checked on the composed node graph, before any object is built: an alias is a node met
    twice, so a "billion laughs" (a few nodes, each used nine times) is refused after looking
    at a handful of nodes, and nothing of it is ever constructed.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        mark = node.start_mark
        if id(node) in seen:
            return (mark.line, mark.column, "this part of the file is used again elsewhere "
                    "(a YAML anchor '&…' with an alias '*…'); aliases are not allowed in a "
                    "pack: write the text out again, or quote it if the '&' or '*' is meant "
                    "literally.")
        seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            return (mark.line, mark.column, f"the YAML tag '{_shown(node.tag)}' is not allowed "
                    "in a pack; remove it (write plain text, numbers, lists and 'key: value' "
                    "lines), or quote the text if the '!' is meant literally.")
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            if depth > MAX_YAML_DEPTH:
                return (mark.line, mark.column, f"lists and 'key: value' blocks are nested "
                        f"more than {MAX_YAML_DEPTH} levels deep here; a pack needs far fewer.")
            children = ([n for pair in node.value for n in pair]
                        if isinstance(node, yaml.MappingNode) else node.value)
            stack.extend((child, depth + 1) for child in reversed(children))
    return None


def _load(text: str) -> tuple[Any, tuple[int, int, str] | None]:
    """Compose (in C), check the nodes, then construct: one parse for both."""
    loader = _Loader(text)
    loader.source_lines = text.splitlines()
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        refused = _refusal(node)
        if refused is not None:
            return None, refused
        return loader.construct_document(node), None
    finally:
        loader.dispose()


def load_yaml(text: str, file: str, problems: Problems, first_line: int = 1) -> Any:
    """Parse YAML; on a syntax error or a refused construct add a problem at its line and
    return None. Never raises for any text."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_YAML_BYTES:
        problems.error(file, first_line, f"this YAML is {size:,} bytes long; at most "
                       f"{MAX_YAML_BYTES:,} are allowed. Is it really a pack file?")
        return None
    try:
        data, refused = _load(text)
        if refused is not None:
            line, column, message = refused
            problems.error(file, first_line + line, message, column + 1)
            return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        column = mark.column + 1 if mark else 0
        what = exc.problem or "unreadable YAML"
        problems.error(file, line, f"YAML syntax error: {what}. Check the indentation and "
                       "quote text that contains ': ' or starts with a special character "
                       "('[', '{', '*', '&', '!', '|', '>', '%', '@').", column)
        return None
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError, TypeError,
            AttributeError, UnicodeError) as exc:
        problems.error(file, first_line, f"YAML cannot be read: {exc}")
        return None
    if first_line != 1:
        _shift(data, first_line - 1)
    return data


def _shift(data: Any, offset: int, seen: set[int] | None = None) -> None:
    """Move recorded lines by ``offset`` (YAML embedded in a Markdown file)."""
    seen = seen if seen is not None else set()
    if id(data) in seen:
        return
    seen.add(id(data))
    if isinstance(data, LineDict):
        data.line += offset
        data.key_lines = {k: v + offset for k, v in data.key_lines.items()}
        data.duplicates = [(k, v + offset) for k, v in data.duplicates]
        for value in data.values():
            _shift(value, offset, seen)
    elif isinstance(data, LineList):
        data.line += offset
        data.item_lines = [v + offset for v in data.item_lines]
        data.merged = [(i, v + offset) for i, v in data.merged]
        for value in data:
            _shift(value, offset, seen)


def describe(value: Any) -> str:
    """A non-programmer's name for a YAML value's type."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no ({'true' if value else 'false'})"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    return type(value).__name__


class Fields:
    """Typed access to one YAML mapping; each bad value becomes a problem and a default."""

    def __init__(self, data: LineDict, file: str, problems: Problems, where: str) -> None:
        self.data = data
        self.file = file
        self.problems = problems
        self.where = where  # e.g. "course.yaml" or "competency 'data-literacy'"

    def line(self, key: str) -> int:
        return self.data.line_of(key)

    def check_keys(self, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for key, line in self.data.duplicates:
            self.problems.error(self.file, line, f"'{key}' is given twice in {self.where}; "
                                "keep one.")
        for key in self.data:
            if key not in allowed:
                self.problems.warning(self.file, self.line(key), f"unknown key '{key}' in "
                                      f"{self.where}{did_you_mean(str(key), allowed)}")

    def missing(self, key: str, example: str) -> None:
        self.problems.error(self.file, self.data.line, f"{self.where} has no '{key}'; add a "
                            f"line like '{key}: {example}'.")

    def text(self, key: str, example: str, required: bool = True, default: str = "") -> str:
        if key not in self.data or self.data[key] is None:
            if required:
                self.missing(key, example)
            return default
        value = self.data[key]
        if isinstance(value, bool | int | float) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str) or (required and not value.strip()):
            self.problems.error(self.file, self.line(key), f"'{key}' in {self.where} must be "
                                f"text (got {describe(value)}); write e.g. '{key}: {example}'.")
            return default
        return value.strip()

    def number(self, key: str, low: int, high: int, default: int | None,
               required: bool = False) -> int | None:
        if key not in self.data or self.data[key] is None:
            if required:
                self.missing(key, str(low if low > 0 else 1))
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problems.error(self.file, self.line(key), f"'{key}' in {self.where} must be a "
                                f"whole number from {low} to {high} (got {describe(value)}).")
            return default
        return value

    def text_list(self, key: str, example: str, required: bool = False) -> list[tuple[str, int]]:
        """A list of texts with their lines; a single text is accepted as a list of one."""
        if key not in self.data or self.data[key] is None:
            if required:
                self.missing(key, example)
            return []
        value = self.data[key]
        if isinstance(value, str):
            return [(value, self.line(key))]
        if not isinstance(value, list):
            self.problems.error(self.file, self.line(key), f"'{key}' in {self.where} must be a "
                                f"list (got {describe(value)}); write e.g. '{key}: {example}'.")
            return []
        for index, line in getattr(value, "merged", ()):
            self.problems.error(self.file, line, f"line {line} starts with '- ' but is "
                                "indented differently from the items above it, so it was "
                                f"joined to item {index + 1} of '{key}' in {self.where}; "
                                "indent every item of the list the same way.")
        items: list[tuple[str, int]] = []
        for index, item in enumerate(value):
            line = value.line_of(index) if isinstance(value, LineList) else self.line(key)
            if isinstance(item, int | float) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                self.problems.error(self.file, line, f"item {index + 1} of '{key}' in "
                                    f"{self.where} must be text (got {describe(item)}).")
                continue
            items.append((item.strip(), line))
        return items


def _shown(tag: str) -> str:
    """A tag as the author wrote it: ``!!set``, not ``tag:yaml.org,2002:set``."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag
