"""The frozen program's entry point (PyInstaller runs this file), before ``trainer.cli.main``.

1. Portable mode (a ``portable`` file or a ``data/`` folder beside the executable): the data
   folder is that ``data/`` folder, every cache and setting of Qt, fontconfig and matplotlib is
   kept in it, and a read-only medium is reported before anything is opened.
2. Linux desktop start: the system libraries Qt's platform plugin needs are checked first, so a
   missing one is named with its Debian package instead of a Qt plugin trace.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

from trainer import config, syslibs
from trainer.cli import parse_gui_only
from trainer.errors import TrainerError


def _tell(message: str, gui: bool) -> None:
    """stderr, and a message box when the desktop app was asked for (no terminal from a menu)."""
    print(message, file=sys.stderr)
    if not gui:
        return
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        app = QApplication.instance() or QApplication(sys.argv[:1])
        if app.platformName() not in ("offscreen", "minimal"):  # nobody could close it there
            QMessageBox.critical(None, "Trainer", message)
    except Exception:  # noqa: BLE001 - no display or no Qt: stderr has said it already
        pass


def _data_dir_option(argv: list[str]) -> str | None:
    """The value of ``--data-dir`` wherever it appears (before or after the command)."""
    for index, item in enumerate(argv):
        if item.startswith("--data-dir="):
            return item.partition("=")[2]
        if item == "--data-dir" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def prepare(argv: list[str], environ: MutableMapping[str, str]) -> int:
    """Everything that must happen before the app or a command starts; 0 to go on."""
    gui = parse_gui_only(argv) is not None
    portable = config.portable_data_dir()
    if portable is not None:
        environ.update(config.portable_environment(portable))
    if portable is not None and not {"--version", "--help", "-h"} & set(argv):
        chosen = config.resolve_paths(_data_dir_option(argv))
        try:
            config.check_writable(chosen.data_dir, portable=chosen.data_dir == portable)
        except TrainerError as exc:
            _tell(f"trainer: {exc}", gui)
            return exc.exit_code
    if gui and not environ.get("TRAINER_SKIP_PREFLIGHT"):
        missing = syslibs.missing_libraries(syslibs.needed_for(sys.platform, environ))
        if missing:
            print(syslibs.missing_message(missing), file=sys.stderr)
            return 1
    return 0


def main() -> int:
    status = prepare(sys.argv[1:], os.environ)
    if status:
        return status
    from trainer.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    raise SystemExit(main())
