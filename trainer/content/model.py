"""The immutable model of a course pack, as the loader returns it (see courses/README.md).

Everything is a frozen dataclass of plain values, so screens, analytics and tests can share a
loaded pack freely. Ids are the stable keys learner history hangs on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Literal

ExerciseType = Literal["single", "multiple", "truefalse", "fill", "order", "match", "open"]
EXERCISE_TYPES: tuple[str, ...] = ("single", "multiple", "truefalse", "fill", "order", "match",
                                   "open")
ModuleKind = Literal["lesson", "case", "assessment", "reference"]
MODULE_KINDS: tuple[str, ...] = ("lesson", "case", "assessment", "reference")
# what an exercise asks of the learner (a reduced Bloom scale): recall a fact, explain it, use it
# in a new situation, take a situation apart
COGNITIVE_LEVELS: tuple[str, ...] = ("recall", "understand", "apply", "analyse")


@dataclass(frozen=True)
class Level:
    id: int
    name: str
    min: int  # lowest score (0–100) that reaches this level


@dataclass(frozen=True)
class Competency:
    id: str
    title: str
    description: str
    levels: tuple[str, ...]  # observable behaviour per level, lowest first
    digcomp: tuple[str, ...] = ()
    oecd: tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    description: str
    targets: dict[str, int] = field(default_factory=dict)  # competency id → level id


@dataclass(frozen=True)
class Framework:
    levels: tuple[Level, ...]
    competencies: tuple[Competency, ...]
    roles: tuple[Role, ...]

    def competency(self, competency_id: str) -> Competency:
        for item in self.competencies:
            if item.id == competency_id:
                return item
        raise KeyError(competency_id)

    def role(self, role_id: str) -> Role:
        for item in self.roles:
            if item.id == role_id:
                return item
        raise KeyError(role_id)

    def level_for(self, score: float) -> Level | None:
        """The highest level whose ``min`` the score (0–100) reaches."""
        for level in reversed(self.levels):
            if score >= level.min:
                return level
        return None


@dataclass(frozen=True)
class Option:
    text: str  # Markdown
    correct: bool
    feedback: str = ""  # Markdown, shown after answering
    credit: float = 0.0  # single choice: share of the marks a not-quite-right option earns


@dataclass(frozen=True)
class Criterion:
    points: float
    text: str


@dataclass(frozen=True)
class TextBlock:
    markdown: str
    line: int  # first line of the text in the module file


@dataclass(frozen=True)
class Exercise:
    id: str
    type: str  # one of EXERCISE_TYPES
    module_id: str
    file: str  # pack-relative path, e.g. "modules/01-why.md"
    line: int  # line of the opening ``::: exercise`` line
    question: str  # Markdown
    options: tuple[Option, ...] = ()  # single, multiple, truefalse
    answers: tuple[str, ...] = ()  # fill: accepted answers
    partial_answers: tuple[tuple[str, float], ...] = ()  # fill: (answer, credit) partly right
    pairs: tuple[tuple[str, str], ...] = ()  # match: (left, right) in author order
    items: tuple[str, ...] = ()  # order: the correct order
    rubric: tuple[Criterion, ...] = ()  # open
    explanation: str = ""  # Markdown, shown after answering
    weights: dict[str, float] = field(default_factory=dict)  # competency id → weight in (0, 1]
    match_mode: str = "loose"  # fill: "loose" | "exact"
    grading: str = "auto"  # "auto"; open: "self" | "trainer"
    shuffle: bool = False
    cognitive: str | None = None  # one of COGNITIVE_LEVELS; None: the author did not say

    @property
    def competency(self) -> str | None:
        """The primary competency (largest weight; ties: the first listed): the one whose
        share of a question pool the exercise counts towards."""
        best: str | None = None
        for competency, weight in self.weights.items():
            if best is None or weight > self.weights[best]:
                best = competency
        return best


Block = TextBlock | Exercise


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    minutes: int
    kind: str  # one of MODULE_KINDS
    competencies: tuple[str, ...]
    objectives: tuple[str, ...]
    time_limit: int | None  # minutes, assessments only
    pass_mark: int | None  # percent, assessments only (None: the pack's)
    file: str  # pack-relative path
    blocks: tuple[Block, ...]  # text and exercises in document order
    exercises: tuple[Exercise, ...]
    # a timed sitting left open (app closed, crash): the clock "runs" on (handed in when the
    # limit passes) or "pauses" until the learner is back
    time_away: str = "runs"
    credit_hours: Decimal | None = None  # 学时 the author declares (None: the organisation's rule)
    # an assessment's question pool: competency id → questions a sitting draws (empty: all)
    draw: dict[str, int] = field(default_factory=dict)
    max_recall: float | None = None  # recall questions stay under this share of a sitting

    @property
    def sitting_size(self) -> int:
        """How many questions one sitting of this module has: the draw's sum, else all."""
        return sum(self.draw.values()) if self.draw else len(self.exercises)

    @property
    def scenario(self) -> str:
        """For a case module: the Markdown before its first exercise."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Exercise):
                break
            parts.append(block.markdown)
        return "\n\n".join(parts)


@dataclass(frozen=True)
class Pack:
    id: str
    version: str
    title: str
    language: str
    authors: tuple[str, ...]
    summary: str
    pass_mark: int
    framework: Framework
    modules: tuple[Module, ...]
    root: Path  # the pack folder (or the zip file it was read from)
    credit_hours: Decimal | None = None  # the course's 学时 as declared: its modules' sum

    def module(self, module_id: str) -> Module:
        for module in self.modules:
            if module.id == module_id:
                return module
        raise KeyError(module_id)

    def exercise(self, exercise_id: str) -> Exercise:
        return self._exercise_index[exercise_id]

    @cached_property
    def _exercise_index(self) -> dict[str, Exercise]:
        return {e.id: e for e in self.exercises()}

    def exercises(self) -> tuple[Exercise, ...]:
        """Every exercise of the pack, in reading order."""
        return tuple(e for m in self.modules for e in m.exercises)

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.modules)

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"
