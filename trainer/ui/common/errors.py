"""The one error presenter (STYLE §8): known problems as a clear message, bugs as a crash dialog.

A ``TrainerError`` says what is wrong and how to fix it, so the user sees just that. Anything else
is a bug: its traceback goes to the log file and the crash dialog shows where that file is.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from trainer.errors import TrainerError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
STATUS_MESSAGE_MS = 15_000


def log_file_path() -> Path | None:
    """The file the rotating log handler writes to, if logging to a file is set up."""
    handlers = sorted(logging.getLogger().handlers,
                      key=lambda h: not getattr(h, "_trainer", False))  # ours first
    for handler in handlers:
        name = getattr(handler, "baseFilename", None)
        if name and name != "/dev/null":
            return Path(name)
    return None


def build_error_box(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """The message box for ``exc``, not yet shown (tests inspect it)."""
    # not on the start-up path (Qt's enum namespace costs ~20 ms the first time it is touched)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from trainer.ui.common.plain import plain_tip

    box = QMessageBox(parent)
    box.setWindowTitle(translate("ErrorPresenter", "Trainer"))
    exc = _database_error(exc) or exc
    if isinstance(exc, TrainerError):
        box.setIcon(QMessageBox.Icon.Warning)
        # Known problems quote files, packs and rosters: shown as written, never as HTML.
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(known_text(exc.message))
        if exc.hint:
            box.setInformativeText(plain_tip(known_text(exc.hint)))
        return box
    box.setIcon(QMessageBox.Icon.Critical)
    box.setText(translate("ErrorPresenter", "Something went wrong inside Trainer. This is a bug, not your mistake."))
    where = log_file_path()
    info = translate("ErrorPresenter", "Your saved work is safe. Please send the log file to your administrator.")
    if where is not None:
        info += "\n\n" + translate("ErrorPresenter", "Log file: %1").replace("%1", str(where))
    box.setInformativeText(info)
    box.setDetailedText("".join(traceback.format_exception(exc)))
    return box


def known_text(text: str) -> str:
    """A known problem's message or hint in the interface language: the lower layers write
    English (the command line's language), ``trainer.errors_zh`` holds the Chinese."""
    from trainer.ui.common.language import current_language

    if current_language() != "zh_CN":
        return text
    from trainer.errors_zh import to_chinese

    return to_chinese(text, _problem_in_chinese) or text


def _problem_in_chinese(text: str) -> str:
    """A pack problem quoted in a message ("FILE:LINE: error: …"), worded as the workspace
    shows it in Chinese."""
    import re

    from trainer.content.messages_zh import SEVERITY
    from trainer.content.messages_zh import to_chinese as problem_to_chinese

    match = re.match(r"^(.*?): (error|warning): (.*)$", text, re.S)
    if match is None:
        return text
    where, severity, message = match.groups()
    return f"{where}：{SEVERITY[severity]}：{problem_to_chinese(message)}"


def _database_error(exc: BaseException) -> TrainerError | None:
    """A database driver error that escaped the store's guards (a full disk, a locked or
    damaged file) is still a known problem: the store words it (DESIGN §7)."""
    if isinstance(exc, TrainerError) or not type(exc).__module__.startswith(
            ("sqlite3", "sqlalchemy")):
        return None
    from trainer.store.engine import known_error

    return known_error(exc)


def present_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show ``exc`` to the user; bugs are logged with their traceback first."""
    if isinstance(exc, TrainerError) or _database_error(exc) is not None:
        log.info("Shown to the user: %s", exc)
    else:
        log.error("Unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    if _said_by_the_read_only_bar(parent, _database_error(exc) or exc):
        return
    show_box(build_error_box(parent, exc))


def _said_by_the_read_only_bar(parent: QWidget | None, exc: BaseException) -> bool:
    """Damage the main window's read-only bar already shows is not a box each time a view
    reads a damaged page or a save is refused: one line in the status bar says what was not
    done, and the bar (with its details) says why and what to do."""
    if not isinstance(exc, TrainerError) or type(exc).__name__ != "DatabaseCorrupt":
        return False
    from PySide6.QtWidgets import QApplication, QMainWindow

    windows = [parent.window()] if parent is not None else []
    for window in [*windows, *QApplication.topLevelWidgets()]:
        bar = getattr(window, "read_only_bar", None)
        if isinstance(window, QMainWindow) and bar is not None and not bar.isHidden():
            window.statusBar().showMessage(translate(
                "ErrorPresenter", "Not done: the learner-records database is damaged and "
                "read-only (see the warning at the top of the window)."), STATUS_MESSAGE_MS)
            return True
    return False


def show_box(box: QMessageBox) -> None:
    """Show a built box modally; the one place tests replace to record boxes instead."""
    box.exec()
