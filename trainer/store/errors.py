"""Store errors: each one is a known problem with a message the user can act on.

    StoreError(TrainerError)
    ├── DatabaseCorrupt        the file is not a database, or fails its integrity check
    ├── AuditTampered          the audit log's hash chain or append-only triggers were broken
    ├── DatabaseUnavailable    cannot be opened or written (read-only folder, full disk, server down)
    ├── SchemaTooNew           made by a newer Trainer; upgrading this one would lose data
    ├── WouldLoseRecords       a restore would drop records the backup lacks (needs --force)
    ├── WrongPin               sign-in failed
    ├── TooManyTries           sign-in locked for ``wait_seconds`` after repeated failures
    ├── PermissionDenied       the signed-in role may not do this
    ├── NotFound               no such learner, department, backup …
    ├── Duplicate              an employee number or department name already exists
    └── InvalidValue           a value the store refuses (empty name, unknown role, short PIN …)
"""

from __future__ import annotations

from trainer.errors import TrainerError


class StoreError(TrainerError):
    """Any known problem with learner records."""


class DatabaseCorrupt(StoreError):
    """The database file is damaged; it is left untouched so it can be inspected or restored."""


class AuditTampered(StoreError):
    """Audit entries were edited or deleted, or its triggers removed, outside Trainer."""


class DatabaseUnavailable(StoreError):
    """The database cannot be opened or written; what was saved before is kept."""


class SchemaTooNew(StoreError):
    """The database was upgraded by a newer Trainer than this one."""


class WouldLoseRecords(StoreError):
    """Restoring would drop records made after the backup; nothing was changed."""


class WrongPin(StoreError):
    """The PIN or password does not match; ``wait_seconds`` > 0 when the next try is delayed."""

    def __init__(self, message: str, *, wait_seconds: float = 0.0, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.wait_seconds = wait_seconds


class TooManyTries(StoreError):
    """Too many wrong PINs in a row; the next try is allowed after ``wait_seconds``."""

    def __init__(self, message: str, *, wait_seconds: float, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.wait_seconds = wait_seconds


class PermissionDenied(StoreError):
    """The acting user's role does not allow this action."""


class NotFound(StoreError):
    """A learner, department or file that does not exist."""


class Duplicate(StoreError):
    """Something that must be unique already exists."""


class InvalidValue(StoreError):
    """A value the store refuses, with what is wrong in the message."""
