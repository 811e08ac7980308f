"""知识点 of Excel banks → competencies, and big banks → modules of a readable size.

A 知识点 that names a competency of the framework (its id or its title) weights the question to
it. In a new pack the others become competencies of their own; a pack that exists keeps its
framework, so its unknown 知识点 use the chosen competency and are reported once each.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from trainer.content.bank import Bank, BankQuestion

MAX_PER_MODULE = 200  # questions in one module: a sitting's worth, and far below file limits


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


@dataclass
class Knowledge:
    """Which competency each question trains."""

    known: list[tuple[str, str]]  # (id, title) of the framework
    default: list[str]
    may_add: bool
    added: list[tuple[str, str]] = field(default_factory=list)
    _index: dict[str, str] = field(default_factory=dict)
    _reported: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for competency_id, title in self.known:
            self._index.setdefault(_key(competency_id), competency_id)
            self._index.setdefault(_key(title), competency_id)

    def weights(self, question: BankQuestion, bank: Bank) -> list[str]:
        if not question.knowledge:
            return self.default
        key = _key(question.knowledge)
        if key in self._index:
            return [self._index[key]]
        if not self.may_add:
            if key not in self._reported:
                self._reported.add(key)
                bank.warn(question.line, f"knowledge point '{question.knowledge}' is not a "
                          "competency of the pack; its questions train "
                          f"'{', '.join(self.default)}'. Add it to competencies.yaml to use it.")
            return self.default
        taken = {c for c, _ in self.known} | {c for c, _ in self.added}
        base = re.sub(r"[^a-z0-9]+", "-", key).strip("-")
        new_id = base if base and base[0].isalpha() and base not in taken else ""
        number = len(self.added) + 1
        while not new_id or new_id in taken:
            new_id, number = f"kp-{number}", number + 1
        self.added.append((new_id, question.knowledge.strip()))
        self._index[key] = new_id
        return [new_id]


def split_modules(groups: dict[str, list[BankQuestion]], fallback: str,
                  language: str) -> list[tuple[str, list[BankQuestion]]]:
    """(title, questions) per chapter, a chapter over ``MAX_PER_MODULE`` cut into parts."""
    chinese = language.lower().startswith("zh")
    modules: list[tuple[str, list[BankQuestion]]] = []
    for category, questions in groups.items():
        name = category.rsplit("/", 1)[-1] if category else fallback
        parts = [questions[i:i + MAX_PER_MODULE]
                 for i in range(0, len(questions), MAX_PER_MODULE)] or [[]]
        for number, part in enumerate(parts, start=1):
            title = name if len(parts) == 1 else (f"{name}（{number}）" if chinese
                                                  else f"{name} ({number})")
            modules.append((title, part))
    return modules


def framework_with(text: str, added: Sequence[tuple[str, str]]) -> str:
    """The framework file with the new competencies appended to its list."""
    if not added:
        return text
    import yaml

    data = yaml.safe_load(text)
    names = [str(level.get("name", "")) for level in data.get("levels") or []]
    for competency_id, title in added:  # one behaviour line per level, as the scale needs
        data["competencies"].append({"id": competency_id, "title": title,
                                     "levels": [f"{name}：{title}" for name in names]})
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
