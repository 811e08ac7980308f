"""No screen shows a window of its own while it is being built.

The class guarded here: a widget made visible (``setVisible(True)``, ``show()``) before it has a
parent is a top-level window. Qt creates and shows a native window for it at once; later put
into a layout it is hidden again and its window destroyed. On screen that is a flash, and the
main window has lost its activation: Qt matches a window's shortcuts only in the active window,
so every shortcut (the review session's Ctrl+Return, the menus' keys) stops until the learner
clicks the window again. It went unnoticed while "My progress" was built on a click, and showed
once the page was built in advance while the learner was in the review session (the streak
label of the review panel, ``setVisible(calendar)`` in its constructor).

Every page of every area (built as when it is shown), the reader at each kind of module and every
dialog's constructor run here in a main window that is shown and active; a window shown meanwhile
or the main window's activation lost fails, naming the widget. Every other GUI test runs under a
lighter watch for the same defect (``no_widget_shown_before_its_parent`` in tests/ui/conftest.py:
a widget shown as a window, then put inside another).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from learner_helpers import settle
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

from trainer.ui.common.context import AppContext


class WindowWatch(QObject):
    """Records every widget shown as a window of its own while installed."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[QWidget] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget)
                and watched.isWindow()):
            self.shown.append(watched)
        return False

    def __enter__(self) -> WindowWatch:
        QApplication.instance().installEventFilter(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        QApplication.instance().removeEventFilter(self)

    def report(self) -> list[str]:
        """Each stray window: its class and name, and where it ended up."""
        found = []
        for widget in self.shown:
            parent = widget.parentWidget()
            found.append(f"{type(widget).__name__}#{widget.objectName()} (now in "
                         f"{type(parent).__name__ if parent else 'no parent'}"
                         f"#{parent.objectName() if parent else ''})")
        return found


def active_main_window(qapp: QApplication, qtbot: Any, window: QWidget) -> None:
    window.resize(1180, 760)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


class Careless(QFrame):
    """The defect: a label made visible before it is put into the layout."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel("streak")
        self.label.setVisible(True)
        QVBoxLayout(self).addWidget(self.label)


def test_a_widget_shown_before_it_has_a_parent_is_caught(
        qapp: QApplication, qtbot: Any, no_widget_shown_before_its_parent: Any) -> None:
    """The watches are not vacuous (this one and the one every GUI test runs under,
    tests/ui/conftest.py), and this is what the defect does to the window on screen."""
    window = QWidget()
    qtbot.addWidget(window)
    active_main_window(qapp, qtbot, window)
    with WindowWatch() as watch:
        careless = Careless()
        qtbot.addWidget(careless)
        for _ in range(3):
            qapp.processEvents()
    assert watch.report() == ["QLabel# (now in Careless#)"]
    assert QApplication.activeWindow() is not window  # its shortcuts no longer answer
    every_test = no_widget_shown_before_its_parent
    assert every_test.stray == ["QLabel#, now in Careless#"]
    every_test.stray.clear()  # caught on purpose here


def test_no_screen_or_dialog_shows_a_window_while_it_is_built(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, reset_appearance: None) -> None:
    from trainer.store.learners import create_learner
    from trainer.ui.app import install_pages, start_gui
    from trainer.ui.common.about import AboutDialog
    from trainer.ui.common.help_view import HelpDialog
    from trainer.ui.common.settings_dialog import SettingsDialog
    from trainer.ui.hr.bundle_dialog import BundleImportDialog
    from trainer.ui.hr.roster_dialog import RosterImportDialog
    from trainer.ui.learner.certificate_dialog import VerifyDialog
    from trainer.ui.learner.dashboard import DashboardPage
    from trainer.ui.learner.problems_dialog import ProblemsDialog
    from trainer.ui.learner.setup import RegisterDialog
    from trainer.ui.trainer.dialogs import BankImportDialog, BuildDialog, NewPackDialog

    window = start_gui(qapp, app_ctx)
    qtbot.addWidget(window)
    install_pages(window, app_ctx)  # every area: learner, HR, trainer
    active_main_window(qapp, qtbot, window)
    admin = create_learner(app_ctx.db, "A00", "管理员", role="admin", pin="admin-pass-1")
    with WindowWatch() as watch:
        app_ctx.set_user(admin)
        settle(qapp)
        pages = [window.page(key) for key in list(window._pages)]  # built, as when shown
        for module in ("basics", "case", "final"):  # each kind of module in the reader
            window.show_page("reader", ("learner-mini", module))
            settle(qapp)
        pages.append(DashboardPage(app_ctx))  # as built in advance: a page of its own
        dialogs = [SettingsDialog(app_ctx, window), RegisterDialog(app_ctx, window),
                   RosterImportDialog(app_ctx, window), BundleImportDialog(app_ctx, window),
                   NewPackDialog(window), BankImportDialog(app_ctx, None, window),
                   AboutDialog(window), VerifyDialog(app_ctx, window),
                   BuildDialog(app_ctx, app_ctx.paths.data_dir / "course", window),
                   ProblemsDialog(Path("course.zip"), ["course.yaml:3: error: x"], window),
                   HelpDialog("en", "light", 15, window)]
        settle(qapp)
    for widget in [pages[-1], *dialogs]:
        qtbot.addWidget(widget)
    assert len(pages) > 8
    assert watch.report() == [], "shown as windows of their own while being built"
    assert QApplication.activeWindow() is window  # its shortcuts still answer
    app_ctx.set_user(None)
    settle(qapp)
