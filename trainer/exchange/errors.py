"""Exchange errors: why a bundle was not imported (nothing ever is, partly) or not made.

    ExchangeError(TrainerError)
    ├── BundleInvalid         not a complete, untouched, signed bundle, or a value breaks the
    │                         store's rules (damaged, edited, unsigned, made by an older Trainer)
    ├── UnknownDevice         signed by a device this database has not approved: held for HR
    ├── DeviceKeyMismatch     a known device, but another key: forged, or that machine reinstalled
    └── DeviceKeyUnavailable  this data folder cannot sign for its database's device
"""

from __future__ import annotations

from trainer.errors import TrainerError


class ExchangeError(TrainerError):
    """Any known problem with a progress bundle."""


class BundleInvalid(ExchangeError):
    """The file is not a complete, untouched progress bundle; nothing was imported."""


class UnknownDevice(ExchangeError):
    """The bundle is intact but its device is new here; HR approves it (or not) explicitly."""

    def __init__(self, message: str, *, device_name: str, fingerprint: str,
                 hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.device_name, self.fingerprint = device_name, fingerprint


class DeviceKeyMismatch(ExchangeError):
    """The bundle names a known device but is signed with another key; it is refused."""


class DeviceKeyUnavailable(ExchangeError):
    """This data folder holds no usable key for its database's device, so it cannot export."""
