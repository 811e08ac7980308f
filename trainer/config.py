"""Paths and settings: the one module that knows where Trainer keeps its files.

The data folder comes from ``--data-dir``, else ``TRAINER_DATA_DIR``, else the platform's user
data folder (platformdirs). Tests redirect everything by passing a temporary folder.
Settings are declared once in ``SETTINGS`` with type, default and a translatable title; a
corrupt settings file is logged and replaced by defaults, never fatal.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.errors import ConfigError

log = logging.getLogger(__name__)

APP_NAME = "Trainer"
ORG_NAME = "Trainer"
ENV_DATA_DIR = "TRAINER_DATA_DIR"
ENV_DATABASE_URL = "TRAINER_DATABASE_URL"

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


def bundled_courses_dir() -> Path:
    """Course packs that ship with the app (always available, read-only)."""
    return _bundled("courses")


@dataclass(frozen=True)
class Paths:
    """Every file and folder Trainer writes, all inside one data folder."""

    data_dir: Path

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
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, ORG_NAME))


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> Paths:
    """The data folder: the argument, else ``TRAINER_DATA_DIR``, else the platform default."""
    chosen = data_dir or os.environ.get(ENV_DATA_DIR) or default_data_dir()
    return Paths(Path(chosen).expanduser().resolve())


def setup_logging(paths: Paths, level: int = logging.INFO) -> None:
    """Rotating log file in the data folder (1 MB × 5). Safe to call more than once."""
    root = logging.getLogger()
    if any(getattr(h, "_trainer", False) for h in root.handlers):
        return
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


# --- settings -----------------------------------------------------------------------------


def _noop_tr(text: str) -> str:
    """Mark a string for translation; the UI translates it with QCoreApplication.translate."""
    return text


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    title: str  # English source text, translated in the UI (context "Settings")
    choices: tuple[Any, ...] = ()

    def coerce(self, value: Any) -> Any:
        if self.type is bool and isinstance(value, bool):
            return value
        if self.type is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        if self.type is str and isinstance(value, str):
            if self.choices and value not in self.choices:
                raise ValueError(value)
            return value
        raise ValueError(value)


SETTINGS: tuple[Setting, ...] = (
    Setting("language", str, "system", _noop_tr("Interface language"), ("system", "zh_CN", "en")),
    Setting("theme", str, "system", _noop_tr("Theme"), ("system", "light", "dark")),
    Setting("lesson_font_size", int, 15, _noop_tr("Lesson font size")),
    Setting("allow_self_registration", bool, True, _noop_tr("Learners may register themselves")),
    Setting("idle_minutes", int, 5, _noop_tr("Stop counting study time after this many idle minutes")),
)
_BY_KEY = {s.key: s for s in SETTINGS}


class Settings:
    """Typed settings backed by ``settings.json``; unknown or invalid values fall back to defaults."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self._values: dict[str, Any] = {s.key: s.default for s in SETTINGS}
        self._load()

    def _load(self) -> None:
        if not self.file.exists():
            return
        try:
            raw = json.loads(self.file.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as exc:
            log.warning("Settings file %s is unreadable (%s); using defaults", self.file, exc)
            return
        for key, value in raw.items():
            setting = _BY_KEY.get(key)
            if setting is None:
                continue
            try:
                self._values[key] = setting.coerce(value)
            except ValueError:
                log.warning("Setting %s=%r is invalid; using %r", key, value, setting.default)

    def get(self, key: str) -> Any:
        return self._values[key]

    def set(self, key: str, value: Any) -> None:
        self._values[key] = _BY_KEY[key].coerce(value)
        self.save()

    def save(self) -> None:
        """Write atomically, so a crash never leaves half a settings file."""
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._values, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.file)

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)
