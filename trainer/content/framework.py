"""``competencies.yaml``: the level scale, the competencies and the role profiles."""

from __future__ import annotations

import re
from typing import Any

from trainer.content.model import Competency, Framework, Level, Role
from trainer.content.problems import Problems, did_you_mean
from trainer.content.yamltext import Fields, LineDict, LineList, describe

FRAMEWORK_FILE = "competencies.yaml"
ITEM_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_FILE = FRAMEWORK_FILE


def read_framework(data: Any, problems: Problems) -> Framework:
    """Check the framework; return the parts that could be read (never raises)."""
    if not isinstance(data, LineDict):
        problems.error(_FILE, 1, f"{_FILE} must consist of 'levels:', 'competencies:' and "
                       f"'roles:' sections (got {describe(data)}).")
        return Framework((), (), ())
    fields = Fields(data, _FILE, problems, _FILE)
    fields.check_keys(("levels", "competencies", "roles"))
    levels = _levels(_section(fields, "levels", required=True), problems)
    competencies = _competencies(_section(fields, "competencies", required=True), len(levels),
                                 problems)
    if "competencies" in data and not competencies and not problems.has_errors:
        problems.error(_FILE, fields.line("competencies"), "no competency is defined; every "
                       "exercise needs at least one (see the authoring guide).")
    known = [c.id for c in competencies]
    roles = _roles(_section(fields, "roles", required=False), known,
                   {level.id for level in levels}, problems)
    return Framework(tuple(levels), tuple(competencies), tuple(roles))


def _section(fields: Fields, key: str, required: bool) -> list[tuple[LineDict, int]]:
    """The mappings listed under ``key``, each with its line."""
    value = fields.data.get(key)
    if value is None:
        if required:
            fields.missing(key, "(a list, see the authoring guide)")
        return []
    if not isinstance(value, LineList):
        fields.problems.error(_FILE, fields.line(key), f"'{key}' must be a list of entries "
                              f"starting with '- ' (got {describe(value)}).")
        return []
    items = []
    for index, item in enumerate(value):
        if isinstance(item, LineDict):
            items.append((item, value.line_of(index)))
        else:
            fields.problems.error(_FILE, value.line_of(index), f"entry {index + 1} of '{key}' "
                                  f"must be 'key: value' lines (got {describe(item)}).")
    return items


def _levels(items: list[tuple[LineDict, int]], problems: Problems) -> list[Level]:
    levels: list[Level] = []
    for data, line in items:
        fields = Fields(data, _FILE, problems, f"level on line {line}")
        fields.check_keys(("id", "name", "min"))
        level_id = fields.number("id", 1, 99, None, required=True)
        name = fields.text("name", "入门")
        low = fields.number("min", 0, 100, None, required=True)
        if level_id is None or low is None:
            continue
        if levels and low <= levels[-1].min:
            problems.error(_FILE, fields.line("min"), f"level {level_id} has min {low}, not "
                           f"above the level before it ({levels[-1].min}); list levels lowest "
                           "first with rising 'min'.")
        if any(level.id == level_id for level in levels):
            problems.error(_FILE, fields.line("id"), f"level id {level_id} is used twice.")
        levels.append(Level(level_id, name, low))
    if levels and levels[0].min != 0:
        problems.error(_FILE, items[0][1], f"the lowest level must have 'min: 0' (it has "
                       f"{levels[0].min}), so every score has a level.")
    if items and not levels:
        problems.error(_FILE, items[0][1], "no usable level; see the authoring guide.")
    return levels


def _competencies(items: list[tuple[LineDict, int]], level_count: int,
                  problems: Problems) -> list[Competency]:
    result: list[Competency] = []
    seen: dict[str, int] = {}
    for data, line in items:
        fields = Fields(data, _FILE, problems, f"competency on line {line}")
        fields.check_keys(("id", "title", "description", "levels", "digcomp", "oecd"))
        competency_id = _item_id(fields, "data-literacy")
        if competency_id in seen:
            problems.error(_FILE, fields.line("id"), f"competency id '{competency_id}' is "
                           f"used twice (first on line {seen[competency_id]}).")
        seen.setdefault(competency_id, fields.line("id"))
        fields.where = f"competency '{competency_id}'"
        behaviours = [t for t, _ in fields.text_list("levels", "[能说出……, …]", required=True)]
        if level_count and behaviours and len(behaviours) != level_count:
            problems.error(_FILE, fields.line("levels"), f"competency '{competency_id}' "
                           f"describes {len(behaviours)} levels but the scale has "
                           f"{level_count}; give one line per level, lowest first.")
        result.append(Competency(
            id=competency_id, title=fields.text("title", "数据意识与素养"),
            description=fields.text("description", "…", required=False),
            levels=tuple(behaviours),
            digcomp=tuple(t for t, _ in fields.text_list("digcomp", '["1.1"]')),
            oecd=tuple(t for t, _ in fields.text_list("oecd", '["…"]'))))
    return result


def _roles(items: list[tuple[LineDict, int]], known: list[str], level_ids: set[int],
           problems: Problems) -> list[Role]:
    result: list[Role] = []
    seen: set[str] = set()
    for data, line in items:
        fields = Fields(data, _FILE, problems, f"role on line {line}")
        fields.check_keys(("id", "title", "description", "targets"))
        role_id = _item_id(fields, "data-steward")
        if role_id in seen:
            problems.error(_FILE, fields.line("id"), f"role id '{role_id}' is used twice.")
        seen.add(role_id)
        fields.where = f"role '{role_id}'"
        result.append(Role(role_id, fields.text("title", "数据专员"),
                           fields.text("description", "…", required=False),
                           _targets(fields, known, level_ids)))
    return result


def _targets(fields: Fields, known: list[str], level_ids: set[int]) -> dict[str, int]:
    raw = fields.data.get("targets")
    if raw is None:
        return {}
    if not isinstance(raw, LineDict):
        fields.problems.error(_FILE, fields.line("targets"), "'targets' must map competency "
                              "ids to level ids, e.g. 'targets: {data-literacy: 2}'.")
        return {}
    targets: dict[str, int] = {}
    for key, value in raw.items():
        line = raw.line_of(key)
        if key not in known:
            fields.problems.error(_FILE, line, f"{fields.where} targets unknown competency "
                                  f"'{key}'{did_you_mean(str(key), known)}")
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value not in level_ids:
            fields.problems.error(_FILE, line, f"{fields.where}: target level for '{key}' must "
                                  f"be one of the level ids {sorted(level_ids)} (got "
                                  f"{describe(value)}).")
            continue
        targets[str(key)] = int(value)
    return targets


def _item_id(fields: Fields, example: str) -> str:
    value = fields.text("id", example)
    if value and not ITEM_ID.match(value):
        fields.problems.error(_FILE, fields.line("id"), f"id '{value}' may use only lowercase "
                              f"letters, digits, '-', '_' and '.' (e.g. '{example}').")
    return value
