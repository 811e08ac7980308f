"""``course.yaml``: the pack's identity, language, pass mark and module order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePosixPath

from trainer.content.credits import COURSE_LIMIT, read_hours
from trainer.content.itemconfig import DEFAULT_CHECKS, ItemChecks, read_item_checks
from trainer.content.problems import Problems
from trainer.content.yamltext import Fields, LineDict, describe

MANIFEST_FILE = "course.yaml"
MANIFEST_KEYS = ("id", "version", "title", "language", "authors", "summary", "pass_mark",
                 "modules", "credit_hours", "item_checks")
PACK_ID = re.compile(r"^[a-z0-9][a-z0-9.-]{0,63}$")
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")
# RFC 5646 well-formed language tags (grandfathered tags left out).
BCP47 = re.compile(
    r"^(?:[a-zA-Z]{2,3}(?:-[a-zA-Z]{3}){0,3}|[a-zA-Z]{4,8})"
    r"(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|\d{3}))?"
    r"(?:-(?:[a-zA-Z\d]{5,8}|\d[a-zA-Z\d]{3}))*"
    r"(?:-[0-9a-wy-zA-WY-Z](?:-[a-zA-Z\d]{2,8})+)*"
    r"(?:-x(?:-[a-zA-Z\d]{1,8})+)?$")
_LANGUAGE_NAMES = {"chinese": "zh-CN", "中文": "zh-CN", "简体中文": "zh-CN", "english": "en",
                   "英文": "en", "英语": "en", "cn": "zh-CN"}


@dataclass
class Manifest:
    id: str = ""
    version: str = ""
    title: str = ""
    language: str = ""
    authors: tuple[str, ...] = ()
    summary: str = ""
    pass_mark: int = 60
    modules: list[tuple[str, int]] = field(default_factory=list)  # (path, line)
    line: int = 1
    credit_hours: Decimal | None = None
    credit_line: int = 1
    item_checks: ItemChecks = DEFAULT_CHECKS  # thresholds of the item-writing check


def parse_version(version: str) -> tuple[int, int, int, tuple[tuple[int, int | str], ...]]:
    """Sort key for semantic versions; a pre-release sorts before its release."""
    match = SEMVER.match(version)
    if not match:
        return (-1, -1, -1, ())
    major, minor, patch, pre = int(match[1]), int(match[2]), int(match[3]), match[4]
    if not pre:
        return (major, minor, patch, ((2, ""),))
    parts = tuple((0, int(p)) if p.isdigit() else (1, p) for p in pre.split("."))
    return (major, minor, patch, parts)


def read_manifest(data: object, problems: Problems) -> Manifest:
    """Check every field of course.yaml and return what could be read."""
    file = MANIFEST_FILE
    manifest = Manifest()
    if not isinstance(data, LineDict):
        problems.error(file, 1, f"{file} must consist of 'key: value' lines (got "
                       f"{describe(data)}); start from 'trainer pack new'.")
        return manifest
    fields = Fields(data, file, problems, file)
    fields.check_keys(MANIFEST_KEYS)
    manifest.line = data.line
    manifest.id = _pack_id(fields)
    manifest.version = _version(fields)
    manifest.title = fields.text("title", "数字政府建设与数据治理")
    manifest.language = _language(fields)
    manifest.authors = tuple(a for a, _ in fields.text_list("authors", "[张老师]"))
    manifest.summary = fields.text("summary", "一句话课程简介", required=False)
    manifest.pass_mark = fields.number("pass_mark", 0, 100, 60) or 0
    if "pass_mark" not in data:
        manifest.pass_mark = 60
    manifest.modules = _modules(fields)
    manifest.credit_hours = read_hours(fields, COURSE_LIMIT)
    manifest.credit_line = fields.line("credit_hours")
    manifest.item_checks = read_item_checks(data.get("item_checks"), file,
                                            fields.line("item_checks"), problems)
    return manifest


def _pack_id(fields: Fields) -> str:
    value = fields.text("id", "my-course")
    if value and not PACK_ID.match(value):
        fields.problems.error(fields.file, fields.line("id"), f"pack id '{value}' may use only "
                              "lowercase letters a-z, digits, '-' and '.', starting with a "
                              "letter or digit (e.g. 'digital-government').")
    return value


def _version(fields: Fields) -> str:
    raw = fields.data.get("version")
    value = fields.text("version", "1.0.0")
    if value and not SEMVER.match(value):
        hint = ""
        if isinstance(raw, float | int):
            hint = " YAML read it as a number; write three parts, e.g. 'version: 1.0.0'."
        fields.problems.error(fields.file, fields.line("version"), f"version '{value}' is not "
                              "a semantic version MAJOR.MINOR.PATCH such as 1.0.0." + hint)
    return value


def _language(fields: Fields) -> str:
    value = fields.text("language", "zh-CN")
    if not value or BCP47.match(value):
        return value
    suggestion = _LANGUAGE_NAMES.get(value.casefold())
    if suggestion is None and "_" in value and BCP47.match(value.replace("_", "-")):
        suggestion = value.replace("_", "-")
    hint = f" — did you mean '{suggestion}'?" if suggestion else ""
    fields.problems.error(fields.file, fields.line("language"), f"language '{value}' is not a "
                          f"BCP 47 language tag such as zh-CN, en or en-GB{hint}")
    return value


def _modules(fields: Fields) -> list[tuple[str, int]]:
    items = fields.text_list("modules", "[modules/01-intro.md]", required=True)
    result: list[tuple[str, int]] = []
    seen: dict[str, int] = {}
    for path, line in items:
        clean = path.replace("\\", "/")
        pure = PurePosixPath(clean)
        if pure.is_absolute() or ".." in pure.parts or re.match(r"^[A-Za-z]:", clean):
            fields.problems.error(fields.file, line, f"module path '{path}' must be relative "
                                  "to the pack folder and stay inside it, e.g. "
                                  "'modules/01-intro.md'.")
            continue
        clean = pure.as_posix()
        if clean in seen:
            fields.problems.error(fields.file, line, f"module '{clean}' is listed twice (first "
                                  f"on line {seen[clean]}); list each module once.")
            continue
        seen[clean] = line
        result.append((clean, line))
    if fields.data.get("modules") == []:
        fields.problems.error(fields.file, fields.line("modules"), "the pack lists no modules; "
                              "add at least one under 'modules:'.")
    return result
