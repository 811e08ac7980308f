"""The data folder's ``trainer.lock``, read and taken without Qt (the store never imports Qt).

The desktop app holds a QLockFile there while it runs (trainer/ui/common/single_instance.py).
Qt writes it as lines: process id, program name, host name, machine id, boot id; on Unix it
also keeps an ``flock`` on the open file, which the kernel drops when the process dies, however
it dies. ``owner`` tells a live owner from the stale lock of a dead one as Qt does, so a crashed
app never blocks a restore; ``hold`` takes the lock in the same format for the length of a
restore, so an app started meanwhile sees Trainer running on the folder and does not open it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from trainer.config import LOCK_NAME
from trainer.store.errors import DatabaseUnavailable

log = logging.getLogger(__name__)

FRESH_SECONDS = 1.0  # an empty lock this young may be Qt's, between creating and writing


@dataclass(frozen=True)
class LockOwner:
    """Who wrote the lock file, and whether that process still runs (None: cannot tell)."""

    file: Path
    pid: int | None
    program: str
    host: str
    alive: bool | None

    def describe(self) -> str:
        who = f"process {self.pid}" if self.pid else "a process"
        where = f" on {self.host}" if self.host and self.host != _host_name() else ""
        return f"{who} ({self.program or 'unknown program'}){where}"


def _host_name() -> str:
    import socket  # only when a lock is read: socket builds ~400 enum members on import

    return socket.gethostname()


def _first_line(path: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            return handle.readline().strip()
    except OSError:
        return ""


def _machine_id() -> str:
    return _first_line("/etc/machine-id") or _first_line("/var/lib/dbus/machine-id")


def _boot_id() -> str:
    return _first_line("/proc/sys/kernel/random/boot_id")


def _same_id(one: str, other: str) -> bool:
    return one.replace("-", "").lower() == other.replace("-", "").lower()


def _program(pid: int) -> str:
    """The file name of the program a process runs (as Qt's processNameByPid), or ''."""
    try:
        return Path(os.readlink(f"/proc/{pid}/exe")).name
    except OSError:
        return ""


def _pid_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # POSIX only: signal 0 checks existence (on Windows it would kill)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _flock_held(file: Path) -> bool | None:
    """True when another process holds an flock on the file; None when flock cannot tell."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        descriptor = os.open(file, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:  # e.g. a network file system without flock
        return None
    finally:
        os.close(descriptor)  # also drops our probe's flock
    return False


def _age(file: Path) -> float:
    try:
        return time.time() - file.stat().st_mtime
    except OSError:
        return FRESH_SECONDS


def _deletable(file: Path) -> bool:
    """Windows: Qt keeps its lock file open without delete sharing, so only a stale one goes."""
    try:
        file.unlink()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


def owner(data_dir: Path) -> LockOwner | None:
    """The lock file's owner, or None when there is no lock file."""
    file = data_dir / LOCK_NAME
    try:
        lines = file.read_text(encoding="utf-8", errors="replace").split("\n")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DatabaseUnavailable(f"Cannot read the lock file {file}: {exc.strerror or exc}",
                                  hint="Check the data folder's permissions.") from exc
    lines += [""] * 5
    pid = int(lines[0]) if lines[0].strip().isdigit() else None
    program, host, machine, boot = (line.strip() for line in lines[1:5])
    if machine and _machine_id():
        same_host = _same_id(machine, _machine_id())
    else:
        same_host = host in ("", _host_name())
    if not same_host:
        return LockOwner(file, pid, program, host, None)
    return LockOwner(file, pid, program, host, _alive(file, pid, program, boot))


def _alive(file: Path, pid: int | None, program: str, boot: str) -> bool:
    if sys.platform == "win32":
        return not _deletable(file)
    if boot and _boot_id() and not _same_id(boot, _boot_id()):
        return False  # written before the machine last started
    held = _flock_held(file)
    if held:
        return True  # Qt keeps an flock while it owns the lock; the kernel drops it at death
    if pid is None:  # empty or cut short: being written right now, or left by a crash
        return _age(file) < FRESH_SECONDS
    if held is False or not _pid_running(pid):
        return False
    running = _program(pid)
    return not (running and program and running != program)  # the id was reused


def refuse_if_running(data_dir: Path) -> LockOwner | None:
    """Raise when Trainer runs on ``data_dir``; returns the stale owner of a leftover lock."""
    found = owner(data_dir)
    if found is None or found.alive is False:
        return found
    if found.alive is None:
        raise DatabaseUnavailable(
            f"Trainer on another computer holds this data folder: {found.file} was written by "
            f"{found.describe()}.",
            hint=f"Close Trainer there first. If it is not running there, delete {found.file} "
                 "and try again.")
    raise DatabaseUnavailable(
        f"Trainer is running on this data folder: {found.describe()} holds {found.file}.",
        hint="Close it first, then try again. (A lock left by a Trainer that has ended is "
             "noticed and ignored: only a running one blocks this.)")


def _contents() -> bytes:
    program = _program(os.getpid()) or Path(sys.executable).name
    return (f"{os.getpid()}\n{program}\n{_host_name()}\n{_machine_id()}\n{_boot_id()}\n"
            .encode())


@contextmanager
def hold(data_dir: Path) -> Iterator[LockOwner | None]:
    """Take the data folder's lock as the app does, or raise if Trainer runs there.

    Yields the stale owner whose leftover lock was replaced (None when there was none).
    """
    stale = refuse_if_running(data_dir)
    file = data_dir / LOCK_NAME
    if stale is not None:
        file.unlink(missing_ok=True)
    try:
        descriptor = _create(file)
    except FileExistsError:  # an app started between the check and now
        refuse_if_running(data_dir)
        raise DatabaseUnavailable(f"{file} appeared while this command started.",
                                  hint="Try again in a moment.") from None
    except OSError as exc:
        raise DatabaseUnavailable(f"Cannot create the lock file {file}: {exc.strerror or exc}",
                                  hint="Check the data folder's permissions.") from exc
    try:
        yield stale
    finally:
        file.unlink(missing_ok=True)
        os.close(descriptor)


def _create(file: Path) -> int:
    """The lock file, complete and flock-ed before it appears (written under another name,
    then linked into place), so no kill leaves an empty lock that looks like one being
    written; returns its open descriptor, which keeps the flock until closed."""
    temporary = file.with_name(f"{file.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        try:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (ImportError, OSError):
            pass  # without flock the process id still tells Qt that we are alive
        os.write(descriptor, _contents())
        try:
            os.link(temporary, file)  # FileExistsError when someone was first
        except FileExistsError:
            raise
        except OSError:  # no hard links (FAT): create it in place, briefly empty
            os.close(descriptor)
            descriptor = os.open(file, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
            os.write(descriptor, _contents())
    except BaseException:
        os.close(descriptor)
        raise
    finally:
        temporary.unlink(missing_ok=True)
    return descriptor
