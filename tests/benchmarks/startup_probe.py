"""Child process for the start-up benchmark: start a window, print the wall-clock time of its
first paint, exit at once.

    python tests/benchmarks/startup_probe.py bare            a bare PySide6 QMainWindow
    python tests/benchmarks/startup_probe.py trainer DIR     ``trainer --data-dir DIR``

Both are started the same way (this file, a fresh interpreter); the parent subtracts its own
clock reading taken just before starting the process.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import Any


def _report_and_exit(lock_file: str | None = None) -> None:
    print(f"PAINTED {time.time():.6f}", flush=True)
    if lock_file:  # what a normal exit does; else the next run finds a "crashed" run's lock
        with contextlib.suppress(OSError):
            os.remove(lock_file)
    os._exit(0)  # skip teardown and the screens installed after the first paint


def run_bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    class Window(QMainWindow):
        def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
            super().paintEvent(event)
            _report_and_exit()

    app = QApplication(sys.argv[:1])
    window = Window()
    window.resize(1180, 760)
    window.show()
    app.exec()


def run_trainer(data_dir: str) -> None:
    from trainer.cli import main  # first, as the ``trainer`` console script does
    from trainer.ui.common import shell
    from trainer.ui.common.single_instance import LOCK_NAME

    original = shell.MainWindow.paintEvent

    def paint(self: Any, event: Any) -> None:
        original(self, event)
        _report_and_exit(os.path.join(data_dir, LOCK_NAME))

    shell.MainWindow.paintEvent = paint  # type: ignore[method-assign]
    main(["--data-dir", data_dir])


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        run_bare()
    else:
        run_trainer(sys.argv[2])
    sys.exit("the window was never painted")
