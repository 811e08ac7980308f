"""What checking an unchanged pack folder found, remembered between runs.

Every command that reads the library (``pack list``, ``report export``, ``credits``, the app)
validated each pack folder in full on every start: about 0.4 s a pack for the two built-in
courses, most of it the item-writing checks (``itemcheck``). A folder whose files are exactly
those checked before, by the same validator, has the same problems; ``Library`` then only
parses it (the pack itself is not stored: it is rebuilt from the files) and takes the problems
from here. Anything else — a file added, removed, edited, a new validator — is checked again.

The key (``fingerprint``) is a SHA-256 over the validator (Trainer's version and its content
modules' sizes and times), the limits, and every file under the folder: its path, and its
content (files up to ``HASHED_BYTES``) or its size and modification time (larger files,
usually images). One JSON file in the data folder's cache holds the results by folder; a file
that cannot be read or written only means checking again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import uuid
from pathlib import Path
from typing import Any

from trainer import __version__
from trainer.content.problems import Problem

log = logging.getLogger(__name__)

__all__ = ["FILE_NAME", "HASHED_BYTES", "fingerprint", "lookup", "store"]

FILE_NAME = "pack-checks.json"
HASHED_BYTES = 1024 * 1024
_FORMAT = 1
_validator: str | None = None


def _validator_stamp() -> str:
    """Trainer's version and this package's modules as they are (a changed check in a
    development copy counts too; a frozen build has only its version)."""
    global _validator
    if _validator is None:
        parts = [__version__, str(_FORMAT)]
        for module in sorted(Path(__file__).resolve().parent.glob("*.py")):
            with_stat = module.stat()
            parts.append(f"{module.name}:{with_stat.st_size}:{with_stat.st_mtime_ns}")
        _validator = "\n".join(parts)
    return _validator


def fingerprint(folder: Path, limits: object) -> str | None:
    """The key of ``folder`` as it is now, or None if any of it cannot be read."""
    digest = hashlib.sha256()
    digest.update(_validator_stamp().encode())
    digest.update(repr(limits).encode())
    try:
        for top, dirs, files in os.walk(folder, followlinks=False):
            dirs.sort()
            links = [d for d in dirs if os.path.islink(os.path.join(top, d))]
            for name in [*sorted(files), *links]:
                path = os.path.join(top, name)
                relative = os.path.relpath(path, folder).replace(os.sep, "/")
                digest.update(b"\0" + relative.encode("utf-8", "surrogateescape") + b"\0")
                info = os.lstat(path)
                if os.path.islink(path):
                    digest.update(b"link:" + os.readlink(path).encode("utf-8", "surrogateescape"))
                elif info.st_size <= HASHED_BYTES:
                    digest.update(Path(path).read_bytes())
                else:
                    digest.update(f"{info.st_size}:{info.st_mtime_ns}".encode())
    except OSError as exc:
        log.debug("Pack folder %s not fingerprinted: %s", folder, exc)
        return None
    return digest.hexdigest()


def _read(cache_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((cache_dir / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def lookup(cache_dir: Path, folder: Path, key: str) -> list[Problem] | None:
    """The problems found when ``folder`` had this ``key``, or None if it was not checked so."""
    entry = _read(cache_dir).get(str(folder))
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None
    try:
        return [Problem(str(p["file"]), int(p["line"]), int(p["column"]), p["severity"],
                        str(p["message"]))
                for p in entry["problems"] if p["severity"] in ("error", "warning")]
    except (KeyError, TypeError, ValueError):
        return None


def store(cache_dir: Path, folder: Path, key: str, problems: list[Problem]) -> None:
    """Remember what checking ``folder`` with this ``key`` found (written whole, atomically)."""
    data = _read(cache_dir)
    data[str(folder)] = {"key": key, "problems": [p.as_dict() for p in problems]}
    target = cache_dir / FILE_NAME
    temporary = cache_dir / f".{FILE_NAME}.{uuid.uuid4().hex}"
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, target)
    except OSError as exc:
        log.debug("Pack check results not remembered: %s", exc)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
