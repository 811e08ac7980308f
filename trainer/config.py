"""Paths and settings: the one module that knows where Trainer keeps its files.

The data folder comes from ``--data-dir``, else ``TRAINER_DATA_DIR``, else the platform's user
data folder (platformdirs). Tests redirect everything by passing a temporary folder.
Settings are declared once in ``SETTINGS`` with type, default and a translatable title; a
corrupt settings file is logged and replaced by defaults, never fatal.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
from pathlib import Path
from typing import Any

from trainer.errors import ConfigError

log = logging.getLogger(__name__)

APP_NAME = "Trainer"
ORG_NAME = "Trainer"
# The data folder's single-instance lock: QLockFile in the app (ui/common/single_instance.py),
# read without Qt by store/instance_lock.py. Named here so the app's start-up path need not
# import the store's lock reader (and socket with it) before the first paint.
LOCK_NAME = "trainer.lock"
ENV_DATA_DIR = "TRAINER_DATA_DIR"
ENV_DATABASE_URL = "TRAINER_DATABASE_URL"
# The user data folder on each platform (Linux ~/.local/share/Trainer, Windows
# %LOCALAPPDATA%\Trainer\Trainer: per user, never roaming, outside any install folder).
PLATFORM_DIRS: dict[str, Any] = {"appname": APP_NAME, "appauthor": ORG_NAME, "roaming": False}

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    """Folder shipped with the package (wheel), or the source checkout's top-level folder."""
    installed = _PACKAGE_DIR / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def assets_dir() -> Path:
    """Icons, fonts and style sheets."""
    return _bundled("assets")


BUNDLED_CJK_FONT = "DroidSansFallbackFull.ttf"


def cjk_font_file() -> Path:
    """The bundled CJK font (all of CJK Unified Ideographs), for matplotlib and PDF code.

    Qt-free on purpose: lower layers (reports) embed it; the UI registers it with Qt itself.
    """
    return assets_dir() / "fonts" / BUNDLED_CJK_FONT


def bundled_courses_dir() -> Path:
    """Course packs that ship with the app (always available, read-only)."""
    return _bundled("courses")


class Paths:
    """Every file and folder Trainer writes, all inside one data folder.

    An immutable value (equal, and hashing alike, when the folder is the same), written out
    rather than a frozen dataclass: building dataclasses, and importing ``dataclasses``, cost
    the start-up path about 1 ms before the first paint (issue 14)."""

    data_dir: Path

    def __init__(self, data_dir: Path) -> None:
        object.__setattr__(self, "data_dir", data_dir)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: Paths is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: Paths is immutable")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.data_dir == other.data_dir  # type: ignore[attr-defined, no-any-return]

    def __hash__(self) -> int:
        return hash((self.data_dir,))

    def __repr__(self) -> str:
        return f"Paths(data_dir={self.data_dir!r})"

    @property
    def database_file(self) -> Path:
        return self.data_dir / "trainer.sqlite3"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database_file}"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def packs_dir(self) -> Path:
        """Installed course packs, one folder per ``id/version``."""
        return self.data_dir / "packs"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs_dir / "trainer.log"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def secret_file(self) -> Path:
        """Random key for certificate codes; never leaves this folder."""
        return self.data_dir / "secret.key"

    @property
    def keys_dir(self) -> Path:
        """Private keys (owner-only), one per database device this data folder signs for."""
        return self.data_dir / "keys"

    def device_key_file(self, device_id: str) -> Path:
        """The Ed25519 key that signs progress bundles of the database device ``device_id``."""
        return self.keys_dir / f"device-{device_id}.pem"

    @property
    def window_state_file(self) -> Path:
        """The main window's size and position, restored at the next start."""
        return self.data_dir / "window.state"

    def ensure(self) -> Paths:
        """Create the data folder and its sub-folders; a clear error when that is impossible."""
        try:
            for folder in (self.data_dir, self.backups_dir, self.packs_dir, self.cache_dir,
                           self.logs_dir):
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"Cannot create the data folder {self.data_dir}: {exc.strerror or exc}",
                hint="Choose a writable folder with --data-dir or TRAINER_DATA_DIR.",
            ) from exc
        return self


def default_data_dir() -> Path:
    """The portable ``data/`` folder when this is a portable program, else the user data folder."""
    portable = portable_data_dir()
    if portable is not None:
        return portable
    import platformdirs

    return Path(platformdirs.PlatformDirs(**PLATFORM_DIRS).user_data_dir)


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> Paths:
    """The data folder: the argument, else ``TRAINER_DATA_DIR``, else the portable ``data/``
    folder (see ``portable_data_dir``), else the platform default."""
    chosen = data_dir or os.environ.get(ENV_DATA_DIR) or default_data_dir()
    return Paths(Path(chosen).expanduser().resolve())


# --- how this copy runs: portable (绿色版), installed program, or Python package --------------

PORTABLE_MARKER = "portable"
PORTABLE_DATA = "data"


def program_dir() -> Path | None:
    """The folder holding the frozen program's executable; None when run by a Python install."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def portable_data_dir(program: Path | None = None) -> Path | None:
    """``<program>/data`` when a ``portable`` file or a ``data/`` folder sits beside the
    executable (the portable folder on a USB stick); None otherwise."""
    program = program if program is not None else program_dir()
    if program is None:
        return None
    data = program / PORTABLE_DATA
    if (program / PORTABLE_MARKER).exists() or data.is_dir():
        return data
    return None


def run_mode(program: Path | None = None) -> str:
    """"portable", "installed" (a frozen program, data in the user folder) or "python"."""
    program = program if program is not None else program_dir()
    if program is None:
        return "python"
    return "portable" if portable_data_dir(program) is not None else "installed"


def portable_environment(data_dir: Path) -> dict[str, str]:
    """Variables that keep Qt, fontconfig, Mesa and matplotlib writing inside the portable data
    folder instead of the home folder (their settings and caches follow XDG or MPLCONFIGDIR)."""
    cache = data_dir / "cache"
    return {
        "XDG_CONFIG_HOME": str(data_dir / "config"),  # QSettings (Qt's file dialog), Qt
        "XDG_CACHE_HOME": str(cache),  # fontconfig, Mesa shader cache, Qt
        "XDG_DATA_HOME": str(data_dir / "share"),
        "XDG_STATE_HOME": str(data_dir / "state"),
        "MPLCONFIGDIR": str(cache / "matplotlib"),
    }


def check_writable(data_dir: Path, *, portable: bool = False) -> None:
    """Create ``data_dir`` and prove a file can be written there, before anything is opened, so a
    read-only or full medium is reported at once instead of failing half-way."""
    probe = data_dir / f".write-test-{os.getpid()}"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        try:
            with open(probe, "wb") as handle:
                handle.write(b"trainer")
                handle.flush()
                os.fsync(handle.fileno())  # a full medium may only say so here
        finally:
            if probe.exists():
                probe.unlink()
    except OSError as exc:
        if portable and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise ConfigError(
                f"The portable Trainer on {data_dir.parent} cannot save anything: the medium "
                f"is read-only ({exc.strerror or exc}). Nothing was opened or changed.",
                hint="Copy the whole Trainer folder to a writable disk or USB stick (or remove "
                     "its write protection) and start it from there.") from exc
        if exc.errno == errno.ENOSPC:
            raise ConfigError(f"The disk holding {data_dir} is full. Nothing was changed.",
                              hint="Free some space and start Trainer again.") from exc
        raise ConfigError(
            f"Cannot write to the data folder {data_dir}: {exc.strerror or exc}",
            hint="Choose a writable folder with --data-dir or TRAINER_DATA_DIR.") from exc


class _EarlyRecords(logging.Handler):
    """Keeps the first records in memory until the log file opens (see ``buffer_logging``)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < 1000:
            self.records.append(record)


def buffer_logging(paths: Paths, level: int = logging.INFO) -> None:
    """Hold log records in memory until ``setup_logging(paths)``: opening the rotating file
    imports ``logging.handlers`` (~10 ms), which the desktop app does after its first paint."""
    root = logging.getLogger()
    for existing in [h for h in root.handlers if getattr(h, "_trainer", False)]:
        if getattr(existing, "baseFilename", None) == str(paths.log_file):
            return  # already logging to this folder
        root.removeHandler(existing)  # another folder's log must not get this run's records
        existing.close()
    if not any(isinstance(h, _EarlyRecords) for h in root.handlers):
        root.addHandler(_EarlyRecords())
    root.setLevel(level)


def setup_logging(paths: Paths, level: int = logging.INFO) -> None:
    """Rotating log file in the data folder (1 MB × 5). Calling it again for the same folder
    changes nothing; for another folder the log moves there. Buffered records are written."""
    import logging.handlers

    root = logging.getLogger()
    for existing in [h for h in root.handlers if getattr(h, "_trainer", False)]:
        if getattr(existing, "baseFilename", None) == str(paths.log_file):
            return
        root.removeHandler(existing)
        existing.close()
    try:
        paths.logs_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            paths.log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._trainer = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    for early in [h for h in root.handlers if isinstance(h, _EarlyRecords)]:
        root.removeHandler(early)
        for record in early.records:
            handler.handle(record)


# --- settings -----------------------------------------------------------------------------


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark a string for translation; the UI translates it with QCoreApplication.translate."""
    return text


class Setting:
    """One setting, declared once: its type, default, translatable title and allowed values.

    Immutable; a plain class rather than a frozen dataclass for the start-up path (see
    ``Paths``)."""

    _FIELDS = ("key", "type", "default", "title", "choices", "minimum", "maximum", "unit")

    key: str
    type: type
    default: Any
    title: str  # English source text, translated in the UI (context "Settings")
    choices: tuple[Any, ...]
    minimum: int
    maximum: int
    unit: str  # translatable suffix for numbers, e.g. "pt"

    def __init__(self, key: str, type: type, default: Any, title: str,
                 choices: tuple[Any, ...] = (), minimum: int = 0, maximum: int = 0,
                 unit: str = "") -> None:
        values = (key, type, default, title, choices, minimum, maximum, unit)
        for name, value in zip(self._FIELDS, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: Setting is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: Setting is immutable")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined, no-any-return]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"Setting({fields})"

    def coerce(self, value: Any) -> Any:
        """``value`` if it is valid for this setting, else ValueError."""
        if self.type is bool and isinstance(value, bool):
            return value
        if self.type is int and isinstance(value, int) and not isinstance(value, bool):
            if not self.minimum <= value <= self.maximum:
                raise ValueError(f"{value} is outside {self.minimum}..{self.maximum}")
            return value
        if self.type is str and isinstance(value, str):
            if self.choices and value not in self.choices:
                raise ValueError(f"{value!r} is not one of {', '.join(self.choices)}")
            return value
        raise ValueError(f"{value!r} is not a {self.type.__name__}")


SETTINGS: tuple[Setting, ...] = (
    Setting("language", str, "system", QT_TRANSLATE_NOOP("Settings", "Interface language"),
            choices=("system", "zh_CN", "en")),
    Setting("theme", str, "system", QT_TRANSLATE_NOOP("Settings", "Theme"),
            choices=("system", "light", "dark", "contrast")),
    Setting("lesson_font_size", int, 15, QT_TRANSLATE_NOOP("Settings", "Lesson font size"),
            minimum=10, maximum=32, unit=QT_TRANSLATE_NOOP("Settings", "pt")),
    Setting("idle_minutes", int, 5,
            QT_TRANSLATE_NOOP("Settings", "Stop counting study time after idle for"),
            minimum=1, maximum=60, unit=QT_TRANSLATE_NOOP("Settings", "min")),
    Setting("allow_self_registration", bool, True,
            QT_TRANSLATE_NOOP("Settings", "Learners may register themselves")),
    Setting("daily_practice_size", int, 5,
            QT_TRANSLATE_NOOP("Settings", "Questions in the daily practice (每日一练)"),
            minimum=1, maximum=30, unit=QT_TRANSLATE_NOOP("Settings", "questions")),
)
_BY_KEY = {s.key: s for s in SETTINGS}


def setting(key: str) -> Setting:
    """The declaration of ``key`` (KeyError for an unknown key: a bug, not a user error)."""
    return _BY_KEY[key]


class Settings:
    """Typed settings backed by ``settings.json``; unknown or invalid values fall back to defaults."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self._values: dict[str, Any] = {s.key: s.default for s in SETTINGS}
        self._load()

    def _load(self) -> None:
        if not self.file.exists():
            return
        import json  # here: a first start (no settings file yet) paints without it

        try:
            raw = json.loads(self.file.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as exc:
            self._set_aside(exc)
            return
        for key, value in raw.items():
            declared = _BY_KEY.get(key)
            if declared is None:
                continue
            try:
                self._values[key] = declared.coerce(value)
            except ValueError as exc:
                log.warning("Setting %s in %s is invalid (%s); using %r", key, self.file, exc,
                            declared.default)

    def _set_aside(self, exc: Exception) -> None:
        """Keep a corrupt file for inspection as ``settings.json.bad``; defaults take over."""
        log.warning("Settings file %s is unreadable (%s); using defaults", self.file, exc)
        try:
            os.replace(self.file, self.file.with_name(self.file.name + ".bad"))
        except OSError as move_error:
            log.warning("Could not set %s aside: %s", self.file, move_error)

    def get(self, key: str) -> Any:
        return self._values[key]

    def set(self, key: str, value: Any) -> None:
        self._values[key] = _BY_KEY[key].coerce(value)
        self.save()

    def save(self) -> None:
        """Write atomically, so a crash never leaves half a settings file."""
        import json

        tmp = self.file.with_suffix(".tmp")
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(self._values, ensure_ascii=False, indent=2),
                           encoding="utf-8")
            os.replace(tmp, self.file)
        except OSError as exc:
            raise ConfigError(f"Cannot save the settings to {self.file}: {exc.strerror or exc}",
                              hint="Check that the data folder is writable and not full.") from exc

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)
