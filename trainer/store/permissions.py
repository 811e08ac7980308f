"""Who may do what. Checked in the services, so the CLI and the GUI obey the same rules.

The command line acts as the data folder's administrator (DESIGN §7): it passes ``COMMAND_LINE``
as the actor, which every check allows and the audit log records as "command line".
"""

from __future__ import annotations

from typing import Final

from trainer.store.errors import PermissionDenied
from trainer.store.info import LearnerInfo


class _CommandLine:
    """The operator of the ``trainer`` command: full rights on this data folder."""

    id: None = None
    name = "command line"
    role = "admin"

    def __repr__(self) -> str:
        return "COMMAND_LINE"


COMMAND_LINE: Final = _CommandLine()
Actor = LearnerInfo | _CommandLine

ROLE_TITLES = {"learner": "learner", "trainer": "trainer", "hr": "HR", "admin": "administrator"}


def require(actor: Actor | None, *roles: str) -> None:
    """PermissionDenied unless ``actor`` is signed in with one of ``roles`` (admin always may)."""
    if actor is None:
        raise PermissionDenied("Please sign in first.")
    if actor.role == "admin" or actor.role in roles:
        return
    wanted = " or ".join(ROLE_TITLES[r] for r in roles) or "administrator"
    raise PermissionDenied(f"This needs a {wanted} sign-in; {actor.name} is signed in as "
                           f"{ROLE_TITLES.get(actor.role, actor.role)}.")


def allowed(actor: Actor | None, *roles: str) -> bool:
    """``require`` as a question, for screens deciding whether to offer an action at all."""
    return actor is not None and (actor.role == "admin" or actor.role in roles)


def require_self_or(actor: Actor | None, learner_id: int, *roles: str) -> None:
    """A learner may act on their own records; others need one of ``roles``."""
    if actor is not None and isinstance(actor, LearnerInfo) and actor.id == learner_id:
        return
    require(actor, *roles)
