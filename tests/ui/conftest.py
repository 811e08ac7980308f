"""Fixtures for GUI tests: an AppContext on a private data folder, and the real main window.

``app_ctx`` opens nothing by itself (the database opens lazily on ``app_ctx.db``).
``main_window`` is the window ``run_app`` builds (fonts, language, theme, start page) without
the event loop and without the screens; call ``install_pages(window, app_ctx)`` to add them.
``message_boxes`` records message boxes instead of showing them (modal boxes would block).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QLocale, QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from trainer.config import Paths, Settings
from trainer.ui.common import language, work
from trainer.ui.common.context import AppContext


@pytest.fixture
def app_ctx(qapp: QApplication, paths: Paths) -> Iterator[AppContext]:
    ctx = AppContext(paths, Settings(paths.settings_file))
    yield ctx
    work.wait_for_all()
    qapp.processEvents()
    ctx.close()


@pytest.fixture
def main_window(qapp: QApplication, qtbot: Any, app_ctx: AppContext) -> Iterator[Any]:
    from trainer.ui.app import start_gui

    window = start_gui(qapp, app_ctx)
    qtbot.addWidget(window)
    yield window
    reset_app_appearance(qapp)


@pytest.fixture
def reset_appearance(qapp: QApplication) -> Iterator[None]:
    """For tests that start the real app: restore language and style afterwards."""
    yield
    reset_app_appearance(qapp)


_DEFAULT_LOCALE = QLocale()  # before any test installs a language


def reset_app_appearance(app: QApplication) -> None:
    """Back to untranslated English, the original default locale and no style sheet, so tests
    do not leak into each other."""
    for translator in list(language._installed):
        app.removeTranslator(translator)
    language._installed.clear()
    QLocale.setDefault(_DEFAULT_LOCALE)
    app.setProperty("trainerLanguage", None)
    app.setProperty("trainerDark", None)
    app.setProperty("trainerTheme", None)
    app.setStyleSheet("")


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal box nobody expected would block the whole run offscreen; fail at once instead,
    with its text. Tests that expect boxes patch them (``message_boxes``, or ``QMessageBox.
    question`` etc. in the test), which overrides this."""

    def refuse(kind: str) -> Any:
        def show(*args: Any, **_kwargs: Any) -> Any:
            texts = [a for a in args if isinstance(a, str)]
            raise AssertionError(f"unexpected QMessageBox.{kind}: {texts}")
        return show

    for kind in ("question", "information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(refuse(kind)))
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda box: refuse("exec")(box.text(), box.informativeText()))


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Every QMessageBox that would be shown (exec'd) is recorded here instead: a modal box
    would block the test. Covers the error presenter's boxes and any other ``box.exec()``."""
    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


class _StrayWindows(QObject):
    """Widgets shown as windows of their own and later put inside another widget: shown before
    they had a parent. Qt made a native window for each (a flash on screen) and took the main
    window's activation, so every shortcut stopped until a click (see
    tests/ui/learner/test_no_stray_windows.py, which walks every screen for it)."""

    def __init__(self) -> None:
        super().__init__()
        self.windows: dict[int, str] = {}  # C++ address → what was shown as a window
        self.stray: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            address = shiboken6.getCppPointer(watched)[0]
            if address not in self.windows:
                self.windows[address] = f"{type(watched).__name__}#{watched.objectName()}"
                watched.destroyed.connect(lambda _o=None, a=address: self.windows.pop(a, None))
        elif (kind == QEvent.Type.ParentChange and isinstance(watched, QWidget)
              and not watched.isWindow()):
            shown = self.windows.pop(shiboken6.getCppPointer(watched)[0], None)
            if shown is not None:
                parent = watched.parentWidget()
                self.stray.append(f"{shown}, now in {type(parent).__name__}#"
                                  f"{parent.objectName() if parent else ''}")
        return False


@pytest.fixture(autouse=True)
def no_widget_shown_before_its_parent(qapp: QApplication) -> Iterator[_StrayWindows]:
    """Every GUI test fails when a widget was shown as a window and then put into a layout."""
    watch = _StrayWindows()
    qapp.installEventFilter(watch)
    yield watch
    qapp.removeEventFilter(watch)
    assert not watch.stray, f"shown as windows before they had a parent: {watch.stray}"
