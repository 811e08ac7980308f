"""Exceptions shared by every layer.

    TrainerError                 a known problem the user can fix; shown as one clear message
    ├── ConfigError              the data folder or settings cannot be used
    ├── UsageError               the command line was used wrongly (exit status 2)
    ├── content.errors.PackError        bad or missing course packs (trainer/content/errors.py)
    ├── store.errors.StoreError         database, sign-in and permission problems
    └── analytics.errors.AnalyticsError filters, roles and certificates

Every layer raises its own subclasses; the CLI prints ``trainer: MESSAGE`` (and the hint) and
exits with ``exit_code``; the GUI's error presenter shows the same text in a message box.

Anything that is not a ``TrainerError`` is a bug: the CLI prints the log file's path, the GUI
shows a crash dialog.
"""

from __future__ import annotations


class TrainerError(Exception):
    """A known problem, with a message that says what is wrong and how to fix it."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class ConfigError(TrainerError):
    """The data folder, the settings file or an environment override cannot be used."""


class UsageError(TrainerError):
    """Wrong use of the command line."""

    exit_code = 2
