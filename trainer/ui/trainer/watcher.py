"""Notices when any file of a pack folder is saved, created or removed.

QFileSystemWatcher reports at once but loses a file that an editor replaces by renaming a new
copy over it; a light poll of file sizes and times (a pack is a few dozen files) catches those.
Both feed one short debounce, so a save that touches three files reloads the preview once.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

POLL_MS = 700
DEBOUNCE_MS = 150
_IGNORED = (".git", "__pycache__", ".DS_Store")

Snapshot = dict[str, tuple[int, int]]


def snapshot(root: Path) -> Snapshot:
    """(size, mtime) of every file below ``root``, hidden files and editor backups left out."""
    result: Snapshot = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _IGNORED]
        for name in files:
            if name.startswith((".", "#")) or name.endswith(("~", ".swp", ".tmp")):
                continue
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            result[path] = (info.st_size, info.st_mtime_ns)
    return result


class PackWatcher(QObject):
    """Emits ``changed`` shortly after the files of the watched folder change."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root: Path | None = None
        self._state: Snapshot = {}
        self._fs = QFileSystemWatcher(self)
        self._fs.fileChanged.connect(self._soon)
        self._fs.directoryChanged.connect(self._soon)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._check)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._check)

    def watch(self, root: Path | None) -> None:
        """Watch ``root`` (None stops watching)."""
        self._clear()
        self.root = root
        if root is None:
            self._poll.stop()
            return
        self._state = snapshot(root)
        self._rewatch()
        self._poll.start()

    def _clear(self) -> None:
        for paths in (self._fs.files(), self._fs.directories()):
            if paths:
                self._fs.removePaths(paths)

    def _rewatch(self) -> None:
        assert self.root is not None
        folders = {str(self.root)} | {os.path.dirname(p) for p in self._state}
        wanted = sorted(folders | set(self._state))
        current = set(self._fs.files()) | set(self._fs.directories())
        missing = [p for p in wanted if p not in current and os.path.exists(p)]
        if missing:
            self._fs.addPaths(missing)

    def _soon(self, *_: object) -> None:
        self._debounce.start()

    def _check(self) -> None:
        if self.root is None:
            return
        state = snapshot(self.root)
        if state != self._state:
            self._state = state
            self._rewatch()
            self.changed.emit()
