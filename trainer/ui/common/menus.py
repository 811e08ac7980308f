"""The main window's menus (File, View, Help): actions, their texts and keyboard shortcuts.

Shortcuts are attached after the first paint (``install_shortcuts``): building key sequences
costs start-up time and nobody can press a key before the window is on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from trainer.ui.common.shell import MainWindow

translate = QCoreApplication.translate


class ShellMenus:
    """Owns the menu actions; the window's methods do the work."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        bar = window.menuBar()
        role = QAction.MenuRole
        self.file_menu = bar.addMenu("")
        self.settings_action = self._action(window.open_settings, role.PreferencesRole)
        self.open_data_action = self._action(window.open_data_folder)
        self.sign_out_action = self._action(window.sign_out)
        self.quit_action = self._action(window.close, role.QuitRole)
        self.file_menu.addActions([self.settings_action, self.open_data_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.sign_out_action, self.quit_action])
        self.view_menu = bar.addMenu("")
        self.nav_action = self._action(None, checkable=True)
        self.nav_action.setChecked(True)
        self.nav_action.toggled.connect(window.set_navigation_wanted)
        self.full_screen_action = self._action(None, checkable=True)
        self.full_screen_action.toggled.connect(window.set_full_screen)
        self.view_menu.addActions([self.nav_action, self.full_screen_action])
        self.help_menu = bar.addMenu("")
        self.guide_action = self._action(window.open_help)
        self.log_action = self._action(window.open_log_folder)
        self.about_action = self._action(window.open_about, role.AboutRole)
        self.help_menu.addActions([self.guide_action, self.log_action, self.about_action])

    def _action(self, slot: object, menu_role: QAction.MenuRole | None = None, *,
                checkable: bool = False) -> QAction:
        action = QAction(self.window)
        action.setCheckable(checkable)
        if menu_role is not None:
            action.setMenuRole(menu_role)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def install_shortcuts(self) -> None:
        """One key sequence per action. ``setShortcuts([...])``, not ``setShortcut``: choosing
        among the latter's overloads builds PySide6's whole ``Qt`` namespace of enums (~20–45
        ms), which the sign-in list is drawn without."""
        from PySide6.QtGui import QKeySequence

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
        self.settings_action.setText(translate("MainWindow", "&Settings…"))
        self.open_data_action.setText(translate("MainWindow", "Open &Data Folder"))
        self.sign_out_action.setText(translate("MainWindow", "Sign &Out"))
        self.quit_action.setText(translate("MainWindow", "&Quit"))
        self.view_menu.setTitle(translate("MainWindow", "&View"))
        self.nav_action.setText(translate("MainWindow", "Show &Navigation"))
        self.full_screen_action.setText(translate("MainWindow", "&Full Screen"))
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.guide_action.setText(translate("MainWindow", "&User Guide"))
        self.log_action.setText(translate("MainWindow", "Open &Log Folder"))
        self.about_action.setText(translate("MainWindow", "&About Trainer"))
