"""Checks on values entered by people (names, e-mail, roles), with messages they can act on."""

from __future__ import annotations

from trainer.store.errors import InvalidValue
from trainer.store.models import ROLES


def text(value: str, what: str, limit: int) -> str:
    """Whitespace collapsed; InvalidValue when empty or too long."""
    cleaned = " ".join(str(value).split())
    if not cleaned:
        raise InvalidValue(f"The {what} is empty.", hint=f"Enter a {what}.")
    if len(cleaned) > limit:
        raise InvalidValue(f"The {what} is longer than {limit} characters: {cleaned[:40]}…")
    return cleaned


def email(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    cleaned = value.strip()
    if "@" not in cleaned.strip("@") or " " in cleaned or len(cleaned) > 254:
        raise InvalidValue(f"Not an e-mail address: {cleaned!r}",
                           hint="Use the form name@example.gov.cn, or leave it empty.")
    return cleaned


def role(value: str) -> str:
    if value not in ROLES:
        raise InvalidValue(f"Unknown role {value!r}.", hint=f"Use one of: {', '.join(ROLES)}.")
    return value


def job_role(value: str | None) -> str | None:
    """A role-profile id from a course's competency framework (e.g. data-steward), or None."""
    if value is None or not str(value).strip():
        return None
    cleaned = str(value).strip()
    if len(cleaned) > 100 or not cleaned.replace("-", "").replace("_", "").replace(".", "")\
            .isalnum() or not cleaned.isascii():
        raise InvalidValue(f"Not a role-profile id: {cleaned!r}",
                           hint="Use the id from competencies.yaml, e.g. data-steward.")
    return cleaned.lower()


def pack_key(value: str, what: str) -> str:
    """Pack, module and exercise ids are short stable strings."""
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        raise InvalidValue(f"Bad {what}: {value!r}")
    return value
