"""Fail any test in which Python opens a SQLite file that this process holds SQLite locks on.

Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
included (sqlite.org, "How To Corrupt An SQLite Database File" §2.2): another process may then
checkpoint and delete the WAL under a live connection, and this one reads "database disk image
is malformed". So no code path may ``open()`` (``read_bytes``, ``shutil.copy`` …) a database
file, its ``-wal`` or its ``-shm`` while a connection of the same process is open on it, nor
open it ``immutable=1`` (such a reader closes its descriptor without SQLite's lock bookkeeping).

How it is enforced: a ``sys.addaudithook`` sees every Python-level ``open`` (builtins, io,
os.open, pathlib, shutil) and every ``sqlite3.connect``; when the target's database has a
``-shm`` beside it (WAL mode), ``/proc/locks`` tells whether this process holds POSIX locks on
the database or its ``-shm`` (every open WAL connection does). SQLite's own C-level opens
raise no audit events, so only Python code is caught.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

SUFFIXES = ("-wal", "-shm", "-journal")
_state = threading.local()
violations: list[str] = []
enabled = sys.platform.startswith("linux") and os.path.exists("/proc/locks")


def _database_of(target: object) -> str | None:
    """The database file a path (or a sqlite3 ``file:`` URI) belongs to."""
    if isinstance(target, int) or target is None:
        return None
    try:
        name = os.fsdecode(target)  # type: ignore[arg-type]
    except TypeError:
        return None
    if name.startswith("file:"):
        name = unquote(urlsplit(name).path)
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name or None


def _locked_by_us(database: str) -> bool:
    """True when this process holds POSIX locks on the database or its -shm."""
    inodes = set()
    for name in (database, f"{database}-shm"):
        try:
            st = os.stat(name)
        except OSError:
            continue
        inodes.add(f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}")
    pid = str(os.getpid())
    with open("/proc/locks", encoding="ascii") as locks:
        for line in locks:
            fields = line.split()
            if "->" in fields:
                fields.remove("->")  # a blocked request, shown under the lock it waits for
            if len(fields) > 5 and fields[4] == pid and fields[5] in inodes:
                return True
    return False


def _hook(event: str, args: tuple[object, ...]) -> None:
    if getattr(_state, "busy", False):
        return
    if event == "open":
        immutable = False
    elif event == "sqlite3.connect":
        immutable = "immutable=1" in str(args[0])
        if not immutable:
            return
    else:
        return
    database = _database_of(args[0])
    if database is None or not os.path.exists(f"{database}-shm"):
        return
    _state.busy = True
    try:
        if not _locked_by_us(database):
            return
    finally:
        _state.busy = False
    how = "sqlite3.connect(immutable=1)" if immutable else f"open({os.fsdecode(args[0])!r})"  # type: ignore[arg-type]
    message = (f"{how} while this process holds SQLite locks on {Path(database).name}: "
               "closing that descriptor drops them (DESIGN §7). Read it through SQLite instead.")
    violations.append(message)
    raise AssertionError(message)


def install() -> None:
    """Once per process (audit hooks cannot be removed)."""
    if enabled and not getattr(install, "done", False):
        sys.addaudithook(_hook)
        install.done = True  # type: ignore[attr-defined]
