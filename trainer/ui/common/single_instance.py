"""One running app per data folder: a second start asks the first to raise its window.

Two processes writing one SQLite file through two UIs would confuse a learner (two sessions, two
timers). The guard is a lock file in the data folder (Qt removes a stale one left by a crashed
run; ``trainer db restore`` reads and takes the same file without Qt: store/instance_lock.py);
the first instance also listens on a local socket named from a hash of the folder path, so a
second start can ask it to come to the front. The socket, and QtNetwork with it, start after
the first paint, off the start-up path.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QObject, Signal

from trainer.config import LOCK_NAME

log = logging.getLogger(__name__)

RAISE_MESSAGE = b"raise\n"
CONNECT_TIMEOUT_MS = 500


def server_name(data_dir: Path) -> str:
    import hashlib

    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:20]
    return f"trainer-{digest}"


class SingleInstance(QObject):
    """``acquire()`` False means another process serves this data folder (and it was told)."""

    raiseRequested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.lock = QLockFile(str(data_dir / LOCK_NAME))
        self.lock.setStaleLockTime(0)  # only a dead owner's lock is stale, never an old one
        self.server: Any = None

    def acquire(self) -> bool:
        if self.lock.tryLock(0):
            return True
        if self.lock.error() == QLockFile.LockError.LockFailedError:
            self._tell_running_instance()
            return False
        log.warning("Single-instance lock unusable (%s); starting anyway", self.lock.error())
        return True

    def listen(self) -> None:
        """Accept "raise" requests from later starts; call once the window is up."""
        from PySide6.QtNetwork import QLocalServer

        name = server_name(self.data_dir)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            QLocalServer.removeServer(name)  # left behind by a crashed run; we hold the lock
            if not server.listen(name):
                log.warning("Cannot listen for other starts: %s", server.errorString())
                return
        server.newConnection.connect(self._on_connection)
        self.server = server

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server.deleteLater()
            self.server = None
        self.lock.unlock()

    def _tell_running_instance(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(server_name(self.data_dir))
        if socket.waitForConnected(CONNECT_TIMEOUT_MS):
            socket.write(RAISE_MESSAGE)
            socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            socket.disconnectFromServer()

    def _on_connection(self) -> None:
        """Read the one short message right away: the other process is waiting to exit."""
        server = self.server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            if socket.bytesAvailable() < len(RAISE_MESSAGE):
                socket.waitForReadyRead(CONNECT_TIMEOUT_MS)
            message = bytes(socket.readAll().data())
            socket.abort()
            socket.deleteLater()
            if message.startswith(RAISE_MESSAGE.strip()):
                log.info("Another start asked this window to come to the front")
                self.raiseRequested.emit()
