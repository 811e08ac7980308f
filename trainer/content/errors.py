"""Exceptions of the content layer.

    TrainerError
    └── PackError                 anything wrong with a course pack the user can fix
        ├── PackInvalid           validation found errors; ``.problems`` lists every one
        ├── ArchiveRefused        a zip is unsafe (path escape, link, bomb, bad digest)
        ├── PackNotFound          no pack with that id (or path) exists
        ├── PackConflict          the same id and version is installed with other content
        └── ResponseInvalid       a learner response does not fit the exercise (a caller bug)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from trainer.errors import TrainerError

if TYPE_CHECKING:
    from trainer.content.problems import Problem


class PackError(TrainerError):
    """A course pack cannot be used as it is."""


class PackInvalid(PackError):
    """The pack has errors; every problem found is kept so the author can fix them in one go."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        errors = [p for p in problems if p.severity == "error"]
        first = str(errors[0]) if errors else "unknown problem"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(
            f"{source} is not a valid course pack: {first}{more}",
            hint=f"Run 'trainer pack validate {source}' to see every problem.",
        )
        self.source = source
        self.problems: tuple[Problem, ...] = tuple(problems)


class ArchiveRefused(PackError):
    """A pack archive is refused before anything is written."""


class PackNotFound(PackError):
    """No pack with that id or path."""


class PackConflict(PackError):
    """The same id and version is already installed with different content."""


class ResponseInvalid(PackError):
    """A response does not fit its exercise (wrong keys, indices out of range)."""
