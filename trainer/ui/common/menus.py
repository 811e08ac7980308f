"""The main window's menus (File, View, Help): actions, their texts and keyboard shortcuts.

The menu bar's titles are in the first frame; the menus' entries are not (a menu opens on a
click), so they are built on the event-loop turn after the first paint, with their shortcuts
(``complete``; building key sequences and PySide6's ``QAction`` enums costs start-up time and
nobody can press a key or open a menu before the window is on screen). Whatever asks for an
entry, or for a menu through the window (``MainWindow.file_menu``), gets them built first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from trainer.ui.common.shell import MainWindow

translate = QCoreApplication.translate


class ShellMenus:
    """Owns the menu actions; the window's methods do the work."""

    # The entries, built by ``complete`` (asking for one before builds them all).
    settings_action: QAction
    open_data_action: QAction
    sign_out_action: QAction
    quit_action: QAction
    nav_action: QAction
    full_screen_action: QAction
    guide_action: QAction
    log_action: QAction
    about_action: QAction

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.completed = False
        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")

    def __getattr__(self, name: str) -> Any:
        """Only reached for an attribute not set yet: an entry before ``complete``."""
        if name.endswith("_action") and not self.__dict__.get("completed", True):
            self.complete()
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def complete(self) -> None:
        """Build the menus' entries (once)."""
        if self.completed:
            return
        self.completed = True
        from PySide6.QtGui import QAction

        window = self.window
        role = QAction.MenuRole
        self.settings_action = self._action(window.open_settings, role.PreferencesRole)
        self.open_data_action = self._action(window.open_data_folder)
        self.sign_out_action = self._action(window.sign_out)
        self.sign_out_action.setEnabled(window.ctx.user is not None)
        self.quit_action = self._action(window.close, role.QuitRole)
        self.file_menu.addActions([self.settings_action, self.open_data_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.sign_out_action, self.quit_action])
        self.nav_action = self._action(None, checkable=True)
        self.nav_action.setChecked(True)
        self.nav_action.toggled.connect(window.set_navigation_wanted)
        self.full_screen_action = self._action(None, checkable=True)
        self.full_screen_action.toggled.connect(window.set_full_screen)
        self.view_menu.addActions([self.nav_action, self.full_screen_action])
        self.guide_action = self._action(window.open_help)
        self.log_action = self._action(window.open_log_folder)
        self.about_action = self._action(window.open_about, role.AboutRole)
        self.help_menu.addActions([self.guide_action, self.log_action, self.about_action])
        self._retranslate_entries()

    def _action(self, slot: object, menu_role: QAction.MenuRole | None = None, *,
                checkable: bool = False) -> QAction:
        from PySide6.QtGui import QAction

        action = QAction(self.window)
        action.setCheckable(checkable)
        if menu_role is not None:
            action.setMenuRole(menu_role)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def set_signed_in(self, signed_in: bool) -> None:
        """"Sign Out" is enabled while someone is signed in."""
        if self.completed:
            self.sign_out_action.setEnabled(signed_in)

    def install_shortcuts(self) -> None:
        """The entries, then one key sequence per action. ``setShortcuts([...])``, not
        ``setShortcut``: choosing among the latter's overloads builds PySide6's whole ``Qt``
        namespace of enums (~20–45 ms), which the sign-in list is drawn without."""
        from PySide6.QtGui import QKeySequence

        self.complete()
        key = QKeySequence.StandardKey
        self.settings_action.setShortcuts([QKeySequence(key.Preferences)])
        quit_key = QKeySequence(key.Quit)  # none on Windows and some platforms: Ctrl+Q there too
        self.quit_action.setShortcuts([quit_key if not quit_key.isEmpty()
                                       else QKeySequence("Ctrl+Q")])
        self.full_screen_action.setShortcuts([QKeySequence(key.FullScreen)])
        self.nav_action.setShortcuts([QKeySequence("Ctrl+Shift+N")])
        self.guide_action.setShortcuts([QKeySequence(key.HelpContents)])  # F1

    def retranslate(self) -> None:
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.view_menu.setTitle(translate("MainWindow", "&View"))
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        if self.completed:
            self._retranslate_entries()

    def _retranslate_entries(self) -> None:
        self.settings_action.setText(translate("MainWindow", "&Settings…"))
        self.open_data_action.setText(translate("MainWindow", "Open &Data Folder"))
        self.sign_out_action.setText(translate("MainWindow", "Sign &Out"))
        self.quit_action.setText(translate("MainWindow", "&Quit"))
        self.nav_action.setText(translate("MainWindow", "Show &Navigation"))
        self.full_screen_action.setText(translate("MainWindow", "&Full Screen"))
        self.guide_action.setText(translate("MainWindow", "&User Guide"))
        self.log_action.setText(translate("MainWindow", "Open &Log Folder"))
        self.about_action.setText(translate("MainWindow", "&About Trainer"))
