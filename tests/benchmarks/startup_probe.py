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
from collections.abc import Callable
from types import ModuleType
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


def _after_import(name: str, patch: Callable[[ModuleType], None]) -> None:
    """Run ``patch`` on module ``name`` as soon as it is imported, so the probe imports nothing
    ahead of the app (which imports its window inside ``main``, as ``trainer`` does). The finder
    is a plain class: ``importlib.abc`` would import ``importlib.resources`` and ``tempfile``
    (8 M instructions, 1.4 % of the bare window), which the app does not."""
    import importlib.util

    class Finder:  # what sys.meta_path needs: find_spec
        def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            loader = spec.loader
            original = loader.exec_module

            def exec_module(module: ModuleType) -> None:
                original(module)
                patch(module)

            loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, Finder())


def run_trainer(data_dir: str) -> None:
    from trainer.cli import main  # first, as the ``trainer`` console script does
    from trainer.config import LOCK_NAME

    def patch(shell: ModuleType) -> None:
        original = shell.MainWindow.paintEvent

        def paint(self: Any, event: Any) -> None:
            original(self, event)
            _report_and_exit(os.path.join(data_dir, LOCK_NAME))

        shell.MainWindow.paintEvent = paint

    _after_import("trainer.ui.common.shell", patch)
    main(["--data-dir", data_dir])


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        run_bare()
    else:
        run_trainer(sys.argv[2])
    sys.exit("the window was never painted")
