"""The main window: navigation, pages, menus and status bar that every screen plugs into.

Screens are pages: ``window.add_page(key, widget_or_factory, title, roles)``. A factory (any
callable returning a widget) is built the first time its page is shown, so the window paints
before heavy screens are imported. ``roles=None`` means anyone signed in; ``public=True`` pages
(sign-in, start) are shown when nobody is signed in and are never listed in the navigation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSize, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from trainer.ui.common.context import AppContext
from trainer.ui.common.menus import ShellMenus

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent
    from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMenu, QToolButton

log = logging.getLogger(__name__)

PageSource = QWidget | Callable[[], QWidget]


class Page:
    """One registered page (a plain class: a dataclass costs start-up time to build)."""

    __slots__ = ("key", "source", "title", "roles", "public", "navigation", "widget", "item")

    def __init__(self, key: str, source: PageSource, title: str,
                 roles: tuple[str, ...] | None, public: bool, navigation: bool) -> None:
        self.key = key
        self.source = source
        self.title = title
        self.roles = roles
        self.public = public
        self.navigation = navigation
        self.widget: QWidget | None = None
        self.item: QListWidgetItem | None = None


class MainWindow(QMainWindow):
    """Navigation on the left (once signed in), the current page on the right."""

    pageShown = Signal(str)
    firstPainted = Signal()  # once, on the event-loop turn after the window first drew itself

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._pages: dict[str, Page] = {}
        self._current: str | None = None
        self._start_key: str | None = None
        self._painted = False
        self._help: Any = None  # the user guide's window, built when first opened (F1)
        self.nav: QListWidget | None = None  # built with the first navigation page
        self.setObjectName("MainWindow")
        self.resize(QSize(1180, 760))
        self.stack = QStackedWidget()
        self.stack.setObjectName("Pages")
        self.read_only_bar: QWidget | None = None  # built when the database is read-only
        self._body = QWidget()  # the read-only bar (if any) above the pages
        self._body_layout = QVBoxLayout(self._body)
        self._body_layout.setContentsMargins(0, 0, 0, 0)
        self._body_layout.setSpacing(0)
        self._body_layout.addWidget(self.stack, 1)
        self.setCentralWidget(self._body)
        self.menus = ShellMenus(self)
        self._build_status_bar()
        self.retranslate()
        ctx.languageChanged.connect(self.retranslate)  # no changeEvent override: cheaper start
        ctx.userChanged.connect(self._on_user_changed)
        ctx.pageRequested.connect(self._on_page_requested)
        ctx.readOnly.connect(self._show_read_only_bar)
        if ctx.read_only:
            self._show_read_only_bar()
        self._on_user_changed(ctx.user)

    @property
    def file_menu(self) -> QMenu:
        """Screens may add their own entries (e.g. "Import Course Pack…"), among the shell's
        own: those are built first if they are not yet (see ``ShellMenus``)."""
        self.menus.complete()
        return self.menus.file_menu

    @property
    def view_menu(self) -> QMenu:
        self.menus.complete()
        return self.menus.view_menu

    @property
    def help_menu(self) -> QMenu:
        self.menus.complete()
        return self.menus.help_menu

    def _build_status_bar(self) -> None:
        self.user_label = QLabel()
        self.user_label.setObjectName("UserLabel")
        self.statusBar().addPermanentWidget(self.user_label)
        self._sign_out_button: QToolButton | None = None  # see sign_out_button

    @property
    def sign_out_button(self) -> QToolButton:
        """"Sign out" beside the user label, built when first needed: nobody is signed in at
        the first paint, and PySide6 builds the tool-button classes' enums on first use."""
        if self._sign_out_button is None:
            from PySide6.QtWidgets import QToolButton

            button = QToolButton()
            button.setAutoRaise(True)
            button.setText(self.tr("Sign out"))
            button.clicked.connect(self.sign_out)
            self.statusBar().addPermanentWidget(button)
            self._sign_out_button = button
        return self._sign_out_button

    def _ensure_nav(self) -> QListWidget:
        """The navigation list beside the pages, in a splitter the user can drag."""
        if self.nav is not None:
            return self.nav
        from PySide6.QtCore import Qt  # the Qt namespace costs ~20 ms: not before first paint
        from PySide6.QtWidgets import QListWidget, QSplitter

        nav = QListWidget()
        nav.setObjectName("Navigation")
        nav.setAccessibleName(self.tr("Navigation"))
        nav.setIconSize(QSize(20, 20))
        nav.setMinimumWidth(170)
        nav.setMaximumWidth(260)
        nav.currentItemChanged.connect(self._on_nav_changed)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("ShellSplitter")
        self._body_layout.removeWidget(self.stack)  # the stack moves into the splitter
        splitter.addWidget(nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self._body_layout.addWidget(splitter, 1)
        self.nav = nav
        return nav

    def _show_read_only_bar(self) -> None:
        """The database is read-only: a warning above every page for the rest of the run
        (built on first need, so a sound start imports nothing more)."""
        if self.read_only_bar is not None:
            return
        from trainer.ui.common.readonly import ReadOnlyBar

        self.read_only_bar = ReadOnlyBar(self.ctx, self._body)
        self._body_layout.insertWidget(0, self.read_only_bar)
        self.read_only_bar.update_state()

    def retranslate(self) -> None:
        """Set every visible text again; called when the interface language changes."""
        self.setWindowTitle(self.tr("Trainer — Digital Government Skills"))
        self.menus.retranslate()
        if self._sign_out_button is not None:
            self._sign_out_button.setText(self.tr("Sign out"))
        if self.nav is not None:
            self.nav.setAccessibleName(self.tr("Navigation"))
        self._update_user_label()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        self.menus.install_shortcuts()
        self.firstPainted.emit()

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
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QListWidgetItem

            page.item = QListWidgetItem(title)
            page.item.setData(Qt.ItemDataRole.UserRole, key)
            if icon is not None:
                page.item.setIcon(icon)
            self._ensure_nav().addItem(page.item)
        self._pages[key] = page
        if public and self._start_key is None:
            self._start_key = key
        self._refresh_navigation()
        if page.navigation and self._waiting_for_pages() and self.first_page_for_user() == key:
            self.show_page(key)  # signed in before the areas installed their pages (start-up)

    def _waiting_for_pages(self) -> bool:
        """Someone is signed in but a public page (sign-in, start) is still showing."""
        current = self._pages.get(self._current or "")
        return self.ctx.user is not None and (current is None or current.public)

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
        """Public pages always; others when signed in with one of the page's roles."""
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
            if payload is not None and hasattr(widget, "open_payload"):
                widget.open_payload(payload)
        except Exception as exc:  # a broken screen must not take the window down
            from trainer.ui.common.errors import present_error  # not needed to paint

            present_error(self, exc)
            return False
        self.stack.setCurrentWidget(widget)
        self._current = key
        self._select_nav_item(self._pages[key].item)
        if hasattr(widget, "on_shown"):
            widget.on_shown()
        self.pageShown.emit(key)
        return True

    def _select_nav_item(self, item: QListWidgetItem | None) -> None:
        if self.nav is None:
            return
        self.nav.blockSignals(True)
        if item is not None:
            self.nav.setCurrentItem(item)
        else:
            self.nav.clearSelection()
        self.nav.blockSignals(False)

    def _attach(self, page: Page, widget: QWidget) -> None:
        page.widget = widget
        self.stack.addWidget(widget)

    def _on_nav_changed(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is not None:
            from PySide6.QtCore import Qt

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
        self.menus.set_signed_in(signed_in)
        if signed_in or self._sign_out_button is not None:
            self.sign_out_button.setVisible(signed_in)
        target = self.first_page_for_user() if signed_in else self._start_key
        current = self._pages.get(self._current or "")
        if signed_in and current is not None and not current.public and self.can_show(current.key):
            target = current.key  # a role change keeps the page when still allowed
        if target is not None:
            self.show_page(target)

    def sign_out(self) -> None:
        if self.may_leave("sign_out"):
            self.ctx.set_user(None)

    def may_leave(self, action: str) -> bool:
        """Ask each built page with work that leaving would interrupt (an assessment sitting
        open) before ``action`` ("quit", "sign_out"); False when the user chose to stay."""
        for page in self._pages.values():
            ask = getattr(page.widget, "may_leave", None)
            if callable(ask) and not ask(action):
                return False
        return True

    def _refresh_navigation(self) -> None:
        if self.nav is None:
            return
        for page in self._pages.values():
            if page.item is not None:
                page.item.setHidden(not self.can_show(page.key))
        self.nav.setVisible(self.ctx.user is not None and self.menus.nav_action.isChecked())

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

    def set_navigation_wanted(self, wanted: bool) -> None:
        if self.nav is not None:
            self.nav.setVisible(wanted and self.ctx.user is not None)

    def set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def open_settings(self) -> None:
        from trainer.ui.common.settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self).exec()

    def open_help(self) -> None:
        """The user guide for the role of the page on screen, in the interface language."""
        from trainer.ui.common.help_view import HelpDialog, role_for_page
        from trainer.ui.common.language import current_language

        settings = self.ctx.settings
        if self._help is None:
            self._help = HelpDialog(current_language(), settings.get("theme"),
                                    settings.get("lesson_font_size"), self)
            self.ctx.languageChanged.connect(self._help.follow_language)
        self._help.theme = settings.get("theme")
        self._help.show_role(role_for_page(self._current), current_language())
        if self._help.isVisible():
            self._help.raise_()  # open behind the main window: bring it to the front
        self._help.show()
        self._help.activateWindow()

    def open_about(self) -> None:
        from trainer.ui.common.about import AboutDialog

        AboutDialog(self, self.ctx.paths.data_dir).exec()

    def open_data_folder(self) -> None:
        _open_folder(self.ctx.paths.data_dir)

    def open_log_folder(self) -> None:
        _open_folder(self.ctx.paths.logs_dir)

    def restore_state(self) -> None:
        """Size, position and maximised state of the last run (ignored when unreadable); the
        first run fits the screen."""
        from trainer.ui.common.placement import place_on_screen

        try:
            data = self.ctx.paths.window_state_file.read_bytes()
        except OSError:
            data = None
        restored = data is not None and self.restoreGeometry(data)
        if data is not None and not restored:
            log.info("Ignoring an unreadable %s", self.ctx.paths.window_state_file.name)
        place_on_screen(self, restored)  # fits a small screen; never off every screen

    def save_state(self) -> None:
        file = self.ctx.paths.window_state_file
        try:
            file.write_bytes(bytes(self.saveGeometry().data()))
        except OSError as exc:  # a full disk must not stop the window from closing
            log.warning("Cannot save the window size to %s: %s", file, exc)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        from trainer.ui.common import work

        if self.ctx.user is not None and not self.may_leave("quit"):
            event.ignore()
            return
        self.save_state()
        if work.running():
            self.statusBar().showMessage(self.tr("Finishing work in progress…"))
            QCoreApplication.processEvents()
            work.wait_for_all()
        super().closeEvent(event)


def _open_folder(folder: object) -> None:
    """Show a folder in the system file manager."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
