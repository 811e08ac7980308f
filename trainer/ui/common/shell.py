"""The main window: navigation, pages, menus and status bar that every screen plugs into.

Screens are pages: ``window.add_page(key, widget_or_factory, title, roles)``. A factory (any
callable returning a widget) is built the first time its page is shown, so the window paints
before heavy screens are imported. ``roles=None`` means anyone signed in; ``public=True`` pages
(sign-in, start) are shown when nobody is signed in and are never listed in the navigation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from trainer.ui.common.context import AppContext
from trainer.ui.common.errors import present_error

log = logging.getLogger(__name__)

PageSource = QWidget | Callable[[], QWidget]


@dataclass
class Page:
    key: str
    source: PageSource
    title: str
    roles: tuple[str, ...] | None
    public: bool
    navigation: bool
    widget: QWidget | None = None
    item: QListWidgetItem | None = None


class MainWindow(QMainWindow):
    """Navigation on the left (when signed in), the current page on the right."""

    pageShown = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._pages: dict[str, Page] = {}
        self._current: str | None = None
        self._start_key: str | None = None
        self.setObjectName("MainWindow")
        self.resize(QSize(1180, 760))
        self._build_body()
        self._build_menus()
        self._build_status_bar()
        self.retranslate()
        ctx.userChanged.connect(self._on_user_changed)
        ctx.pageRequested.connect(self._on_page_requested)
        self._on_user_changed(ctx.user)

    # --- layout ----------------------------------------------------------------------------

    def _build_body(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("Navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMinimumWidth(170)
        self.nav.setMaximumWidth(260)
        self.nav.currentItemChanged.connect(self._on_nav_changed)
        self.stack = QStackedWidget()
        self.stack.setObjectName("Pages")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.settings_action = QAction(self, menuRole=QAction.MenuRole.PreferencesRole)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.open_settings)
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.open_data_action = QAction(self)
        self.open_data_action.triggered.connect(self._open_data_folder)
        self.quit_action = QAction(self, menuRole=QAction.MenuRole.QuitRole)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        for action in (self.settings_action, self.open_data_action, None,
                       self.sign_out_action, self.quit_action):
            self.file_menu.addAction(action) if action else self.file_menu.addSeparator()
        self.view_menu = bar.addMenu("")
        self.nav_action = QAction(self, checkable=True, checked=True)
        self.nav_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.nav_action.toggled.connect(self._set_nav_wanted)
        self.full_screen_action = QAction(self, checkable=True)
        self.full_screen_action.setShortcut(QKeySequence.StandardKey.FullScreen)
        self.full_screen_action.toggled.connect(self._set_full_screen)
        self.view_menu.addAction(self.nav_action)
        self.view_menu.addAction(self.full_screen_action)
        self.view_menu.addSeparator()
        self.pages_menu_anchor = self.view_menu.addSeparator()
        self.help_menu = bar.addMenu("")
        self.log_action = QAction(self)
        self.log_action.triggered.connect(self._open_log_folder)
        self.about_action = QAction(self, menuRole=QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.open_about)
        self.help_menu.addAction(self.log_action)
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        self.user_label = QLabel()
        self.user_label.setObjectName("UserLabel")
        self.sign_out_button = QToolButton()
        self.sign_out_button.setAutoRaise(True)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.sign_out_button)

    def retranslate(self) -> None:
        """Set every visible text again; called when the interface language changes."""
        self.setWindowTitle(self.tr("Trainer — Digital Government Skills"))
        self.file_menu.setTitle(self.tr("&File"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.open_data_action.setText(self.tr("Open &Data Folder"))
        self.sign_out_action.setText(self.tr("Sign &Out"))
        self.quit_action.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.nav_action.setText(self.tr("Show &Navigation"))
        self.full_screen_action.setText(self.tr("&Full Screen"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.log_action.setText(self.tr("Open &Log Folder"))
        self.about_action.setText(self.tr("&About Trainer"))
        self.sign_out_button.setText(self.tr("Sign out"))
        self._update_user_label()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- pages -------------------------------------------------------------------------------

    def add_page(self, key: str, widget: PageSource, title: str,
                 roles: tuple[str, ...] | None = None, *, public: bool = False,
                 navigation: bool = True, icon: Any = None) -> None:
        """Register a page; see the module docstring for ``roles`` and ``public``."""
        if key in self._pages:
            raise ValueError(f"page {key!r} is already registered")
        page = Page(key, widget, title, roles, public, navigation and not public)
        if isinstance(widget, QWidget):
            self._attach(page, widget)
        if page.navigation:
            page.item = QListWidgetItem(title)
            page.item.setData(Qt.ItemDataRole.UserRole, key)
            if icon is not None:
                page.item.setIcon(icon)
            self.nav.addItem(page.item)
        self._pages[key] = page
        if public and self._start_key is None:
            self._start_key = key
        self._refresh_navigation()

    def set_page_title(self, key: str, title: str) -> None:
        """Rename a page (screens call it from their own ``retranslate``)."""
        page = self._pages[key]
        page.title = title
        if page.item is not None:
            page.item.setText(title)

    def set_start_page(self, key: str) -> None:
        """The public page shown when nobody is signed in (the sign-in screen)."""
        if not self._pages[key].public:
            raise ValueError(f"page {key!r} must be public to be the start page")
        self._start_key = key
        if self.ctx.user is None:
            self.show_page(key)

    def page(self, key: str) -> QWidget:
        """The page's widget, built now if it was registered as a factory."""
        page = self._pages[key]
        if page.widget is None:
            widget = page.source() if callable(page.source) else page.source
            self._attach(page, widget)
        assert page.widget is not None
        return page.widget

    def has_page(self, key: str) -> bool:
        return key in self._pages

    @property
    def current_page(self) -> str | None:
        return self._current

    def can_show(self, key: str) -> bool:
        page = self._pages.get(key)
        if page is None:
            return False
        if page.public:
            return True
        return self.ctx.user is not None and (page.roles is None or self.ctx.has_role(*page.roles))

    def show_page(self, key: str, payload: Any = None) -> bool:
        """Show a page the signed-in user may see; False (and nothing changes) otherwise."""
        if not self.can_show(key):
            log.warning("Page %r refused for the current user", key)
            return False
        try:
            widget = self.page(key)
        except Exception as exc:  # a broken screen must not take the window down
            present_error(self, exc)
            return False
        if payload is not None and hasattr(widget, "open_payload"):
            widget.open_payload(payload)
        self.stack.setCurrentWidget(widget)
        self._current = key
        item = self._pages[key].item
        self.nav.blockSignals(True)
        self.nav.setCurrentItem(item) if item is not None else self.nav.clearSelection()
        self.nav.blockSignals(False)
        if hasattr(widget, "on_shown"):
            widget.on_shown()
        self.pageShown.emit(key)
        return True

    def _attach(self, page: Page, widget: QWidget) -> None:
        page.widget = widget
        self.stack.addWidget(widget)

    def _on_nav_changed(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is not None:
            self.show_page(item.data(Qt.ItemDataRole.UserRole))

    def _on_page_requested(self, key: str, payload: Any) -> None:
        self.show_page(key, payload)

    # --- signing in and out ------------------------------------------------------------------

    def first_page_for_user(self) -> str | None:
        """The first navigation page the signed-in user may open."""
        for page in self._pages.values():
            if page.navigation and self.can_show(page.key):
                return page.key
        return None

    def _on_user_changed(self, user: Any) -> None:
        self._refresh_navigation()
        self._update_user_label()
        signed_in = user is not None
        self.sign_out_action.setEnabled(signed_in)
        self.sign_out_button.setVisible(signed_in)
        target = self.first_page_for_user() if signed_in else self._start_key
        if self._current is not None and self.can_show(self._current) and signed_in:
            target = self._current if not self._pages[self._current].public else target
        if target is not None:
            self.show_page(target)

    def sign_out(self) -> None:
        self.ctx.set_user(None)

    def _refresh_navigation(self) -> None:
        for page in self._pages.values():
            if page.item is not None:
                page.item.setHidden(not self.can_show(page.key))
        self.nav.setVisible(self.ctx.user is not None and self.nav_action.isChecked())

    def _update_user_label(self) -> None:
        user = self.ctx.user
        if user is None:
            self.user_label.setText(self.tr("Not signed in"))
            return
        name = getattr(user, "name", "") or ""
        number = getattr(user, "employee_no", "") or ""
        self.user_label.setText(self.tr("Signed in: %1 (%2)").replace("%1", name)
                                .replace("%2", number))

    # --- menu actions ------------------------------------------------------------------------

    def _set_nav_wanted(self, wanted: bool) -> None:
        self.nav.setVisible(wanted and self.ctx.user is not None)

    def _set_full_screen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    def open_settings(self) -> None:
        from trainer.ui.common.settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self).exec()

    def open_about(self) -> None:
        from trainer.ui.common.about import AboutDialog

        AboutDialog(self).exec()

    def _open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.paths.data_dir)))

    def _open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.paths.logs_dir)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        from trainer.ui.common import work

        if work.running():
            self.statusBar().showMessage(self.tr("Finishing work in progress…"))
            QCoreApplication.processEvents()
            work.wait_for_all()
        super().closeEvent(event)
