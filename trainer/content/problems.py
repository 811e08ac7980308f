"""Problems found in a pack: where (file, line, column), how bad, and how to fix it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem; ``str()`` gives the compiler-style ``FILE:LINE: severity: message``."""

    file: str
    line: int
    column: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column,
                "severity": self.severity, "message": self.message}


@dataclass
class Problems:
    """Collects problems for one file at a time, so checks never stop at the first one."""

    items: list[Problem] = field(default_factory=list)

    def error(self, file: str, line: int, message: str, column: int = 0) -> None:
        self.items.append(Problem(file, line, column, "error", message))

    def warning(self, file: str, line: int, message: str, column: int = 0) -> None:
        self.items.append(Problem(file, line, column, "warning", message))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.items)

    def sorted(self) -> list[Problem]:
        """Stable order for output: by file, then line; the pack's own order otherwise."""
        return sorted(self.items, key=lambda p: (p.file, p.line, p.column))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` — did you mean 'x'?`` for a close match, else an empty string."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" — did you mean '{match[0]}'?" if match else ""


def did_you_mean_path(path: str, names: Iterable[str]) -> str:
    """Like ``did_you_mean`` for pack paths: compares file names, not the shared folders."""
    names = list(names)
    for name in names:
        if name.casefold() == path.casefold():
            return (f" — the file is named '{name}'; upper and lower case must match (they do "
                    "on Windows, not in a zip or on other systems)")
    by_name: dict[str, str] = {}
    for name in names:
        by_name.setdefault(name.rsplit("/", 1)[-1], name)
    match = difflib.get_close_matches(path.rsplit("/", 1)[-1], list(by_name), n=1, cutoff=0.7)
    return f" — did you mean '{by_name[match[0]]}'?" if match else ""


def one_of(choices: Iterable[str]) -> str:
    return ", ".join(f"'{c}'" for c in choices)
