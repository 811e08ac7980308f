"""Analytics errors: known problems a user can fix.

    AnalyticsError(TrainerError)
    ├── InvalidFilter          a filter value that cannot be used (bad date, start after end …)
    ├── UnknownRole            a job-role profile id the course framework does not define
    └── CertificateError       a certificate cannot be issued or checked
"""

from __future__ import annotations

from trainer.errors import TrainerError


class AnalyticsError(TrainerError):
    """Any known problem while computing results."""


class InvalidFilter(AnalyticsError):
    """A filter that cannot be applied, with what is wrong in the message."""


class UnknownRole(AnalyticsError):
    """The role profile is not part of the competency framework."""


class CertificateError(AnalyticsError):
    """A certificate cannot be issued (course not passed) or its code is malformed."""
