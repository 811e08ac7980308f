"""Was the database file changed since Trainer last closed it after a good check?

SQLite's ``quick_check`` reads every page: 1–6 s on a million answers, far beyond the start-up
budget. It is needed only when the main file may have changed outside a session that Trainer
checked: after a crash or a kill, a checkpoint cut short, a copy or an edit by another program.
So on closing a database it had checked (or found unchanged), Trainer notes the main file's
identity and times (``os.stat`` only: the file is never opened here); the next start skips the
check when they still match. Changes in the ``-wal`` are SQLite's own (checksummed frames).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

NAME = "database-checked.json"


def _identity(file: Path) -> list[int] | None:
    try:
        st = file.stat()
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _load(folder: Path) -> dict[str, list[int]]:
    try:
        found = json.loads((folder / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def unchanged(file: Path, folder: Path) -> bool:
    """True when ``file`` is as Trainer left it after a good check (see ``remember``)."""
    now = _identity(file)
    return now is not None and _load(folder).get(str(file.absolute())) == now


def remember(file: Path, folder: Path) -> None:
    """Note the file as checked; a failure only costs a quick_check at the next start."""
    now = _identity(file)
    if now is None:
        return
    stamps = _load(folder)
    stamps[str(file.absolute())] = now
    target = folder / NAME
    partial = target.with_name(f"{NAME}.{os.getpid()}.partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(stamps), encoding="utf-8")
        os.replace(partial, target)
    except OSError as exc:
        log.info("Could not note the database as checked in %s: %s", folder, exc)


def forget(file: Path, folder: Path) -> None:
    """The file is damaged or unknown again: the next start checks it."""
    stamps = _load(folder)
    if stamps.pop(str(file.absolute()), None) is None:
        return
    try:
        (folder / NAME).write_text(json.dumps(stamps), encoding="utf-8")
    except OSError as exc:
        log.info("Could not update %s: %s", folder / NAME, exc)
