"""``item_checks:`` in course.yaml: the thresholds of the item-writing check, per pack.

Each rule has a name, can be switched off (``longest_key: off``) and has thresholds with
defaults documented in courses/README.md ("出题检查"). Values are read leniently: a bad one is an
error at its line and the default is used, so the rest of the pack is still checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer.content.problems import Problems, did_you_mean, one_of
from trainer.content.yamltext import LineDict, describe

RULES = ("longest_key", "truefalse_balance", "multiple_correct", "same_stem", "fill_blank",
         "markdown", "stem_cue")
# threshold name → (default, lowest, highest)
THRESHOLDS: dict[str, tuple[float, float, float]] = {
    "longest_key_share": (0.5, 0.0, 1.0),  # share of single choice whose key is the longest
    "longest_key_ratio": (1.5, 1.0, 10.0),  # one item: key length ÷ the others' mean
    "truefalse_min_share": (0.3, 0.0, 0.5),  # 正确 and 错误 keys each at least this share
    "multiple_correct_share": (0.6, 0.0, 1.0),  # share of multiple-choice options ticked right
    "same_stem_similarity": (0.9, 0.5, 1.0),  # two stems this similar count as the same
    "stem_cue_shared": (3.0, 1.0, 50.0),  # words (2-character runs) the key shares with the stem
    "min_questions": (4.0, 1.0, 1000.0),  # pack-level shares need at least this many questions
}
OFF = {"off", "no", "false"}


@dataclass(frozen=True)
class ItemChecks:
    """Rules switched on and the thresholds in force for one pack."""

    off: frozenset[str] = frozenset()
    values: dict[str, float] = field(default_factory=dict)

    def on(self, rule: str) -> bool:
        return rule not in self.off

    def __getitem__(self, name: str) -> float:
        return self.values.get(name, THRESHOLDS[name][0])


DEFAULT_CHECKS = ItemChecks()


def read_item_checks(data: object, file: str, line: int, problems: Problems) -> ItemChecks:
    """The ``item_checks:`` mapping; every problem at its line, defaults where it is wrong."""
    if data is None:
        return DEFAULT_CHECKS
    if not isinstance(data, LineDict):
        problems.error(file, line, f"'item_checks' must be 'key: value' lines (got "
                       f"{describe(data)}); write e.g. 'item_checks: {{longest_key_share: 0.5, "
                       "stem_cue: off}}'.")
        return DEFAULT_CHECKS
    off: set[str] = set()
    values: dict[str, float] = {}
    known = (*RULES, *THRESHOLDS)
    for key, value in data.items():
        name, at = str(key), data.line_of(key)
        if name in RULES:
            text = "off" if value is False else "on" if value is True else str(value).lower()
            if text in OFF:
                off.add(name)
            elif text not in ("on", "yes", "true"):
                problems.error(file, at, f"item check '{name}' is 'on' or 'off' (got "
                               f"{describe(value)}).")
        elif name in THRESHOLDS:
            _, low, high = THRESHOLDS[name]
            if isinstance(value, bool) or not isinstance(value, int | float) \
                    or not low <= value <= high:
                problems.error(file, at, f"'{name}' in item_checks must be a number from "
                               f"{low:g} to {high:g} (got {describe(value)}).")
            else:
                values[name] = float(value)
        else:
            problems.warning(file, at, f"unknown item check '{name}'; use one of "
                             f"{one_of(known)}{did_you_mean(name, known)}")
    return ItemChecks(frozenset(off), values)
