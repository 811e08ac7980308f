"""The sign-in screen: choose yourself from this machine's learners, enter a PIN if one is set.

``install_learner_pages(window, ctx)`` is the entry the application shell calls: it registers
the sign-in screen as the public start page and the learner pages (library, course, search).
On an empty database the screen shows the first-run set-up instead of the list.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QSize, QTimer
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.analytics.namesearch import query_words
from trainer.config import assets_dir
from trainer.ui.common.context import LEARNERS, AppContext
from trainer.ui.common.painted import after_painted
from trainer.ui.learner.people_model import FirstPage, LazyLearnerModel, read_first_page
from trainer.ui.learner.richtext import RichTextDelegate
from trainer.ui.learner.roles import HTML_ROLE, LEARNER_ROLE
from trainer.ui.learner.style import apply_learner_style

if TYPE_CHECKING:
    from trainer.ui.learner.setup import FirstRunSetup

log = logging.getLogger(__name__)
# The cached list is drawn first; the store is read once it is on screen (or after this long
# if the screen is not drawn: a minimised window).
STORE_READ_FALLBACK_MS = 1000


class SignInScreen(QWidget):
    """Learner list with search, PIN field, register button; first-run set-up on an empty store."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._auto_done = False
        self.setObjectName("SignInScreen")
        apply_learner_style(self)
        self.model = LazyLearnerModel(self)
        self.filter = self.model  # the list's rows as shown (filtered in SQL: no proxy)
        self.stack = QStackedWidget()
        self.chooser = self._build_chooser()
        self._setup: FirstRunSetup | None = None
        self._store_pending = False  # the store's first read waits for the cached list's paint
        self.stack.addWidget(self.chooser)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.stack, 3)
        outer.addStretch(1)
        ctx.dataChanged.connect(self._on_data_changed)
        ctx.userChanged.connect(lambda user: self.reload() if user is None else None)
        self.retranslate()
        self.reload()

    @property
    def setup(self) -> FirstRunSetup:
        """The first-run set-up, built when first needed: a start with people to list never
        imports it (it is shown on an empty store only)."""
        if self._setup is None:
            from trainer.ui.learner.setup import FirstRunSetup

            self._setup = FirstRunSetup(self.ctx)
            self._setup.done.connect(self._after_setup)
            self.stack.addWidget(self._setup)
        return self._setup

    # --- layout -------------------------------------------------------------------------------

    def _build_chooser(self) -> QWidget:
        self._build_list()
        self._build_controls()
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin_label)
        pin_row.addWidget(self.pin, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        panel = QFrame()
        panel.setObjectName("signInPanel")
        panel.setMaximumWidth(620)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(24, 36, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(self.logo)
        for widget in (self.title, self.subtitle, self.search, self.list):
            layout.addWidget(widget)
        layout.addLayout(pin_row)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        return panel

    def _build_list(self) -> None:
        """Heading, search field and the learner list."""
        self.logo = QLabel()
        self.logo.setPixmap(QIcon(str(assets_dir() / "icons" / "trainer.svg")).pixmap(56, 56))
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("subtitle")
        self.subtitle.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.search.installEventFilter(self)
        self.list = QListView()
        self.list.setObjectName("learnerList")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setItemDelegate(RichTextDelegate(HTML_ROLE, self.list))
        self.list.setSpacing(2)
        self.list.setIconSize(QSize(0, 0))
        self.list.selectionModel().currentChanged.connect(self._on_current)
        self.list.activated.connect(lambda _i: self.sign_in())

    def _build_controls(self) -> None:
        """PIN field, message line and buttons."""
        self.pin_label = QLabel()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self.sign_in)
        self.pin_label.setBuddy(self.pin)
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()
        self.register_button = QPushButton()
        self.register_button.clicked.connect(self.register)
        from trainer.ui.common.readonly import block_when_read_only

        block_when_read_only(self.ctx, self.register_button, self)  # a new account is saved
        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("primary")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.sign_in)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome to digital-government skills training"))
        self.subtitle.setText(self.tr("Choose your name in the list, then sign in."))
        self.search.setPlaceholderText(self.tr("Find by name, employee number or department"))
        self.search.setAccessibleName(self.tr("Find a learner"))
        self.list.setAccessibleName(self.tr("Learners on this computer"))
        self.register_button.setText(self.tr("I am new: register…"))
        self.sign_in_button.setText(self.tr("Sign in"))
        self._on_current(self.list.currentIndex())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- data ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Show the first page cached from the last run if there is one, then the store's list
        (read on a worker); without a cache, read the store now. Either way only a page of
        people is read: the rest comes as the list scrolls. An empty store shows the
        first-run set-up."""
        from trainer.ui.learner.roster_cache import read_cached

        self.register_button.setVisible(bool(self.ctx.settings.get("allow_self_registration")))
        self.pin.clear()
        self.message.hide()
        cached = None if self.ctx.db_is_open else read_cached(self.ctx.paths.cache_dir,
                                                              self._database_key())
        if not cached:
            self._attach(read_first_page(self.ctx.db, query_words(self.search.text())))
            return
        selected = self.selected()
        self.model.show_cached(cached)
        self._show_list(selected)
        if not self._store_pending:
            self._store_pending = True
            after_painted(self, self._read_store, STORE_READ_FALLBACK_MS)

    def _read_store(self) -> None:
        """The cached list is on screen: now open the store and read its first page on a
        worker (importing SQLAlchemy and opening the database, checks included, would have
        competed with drawing the list)."""
        from trainer.ui.common.work import run_work

        if not self._store_pending:
            return
        self._store_pending = False
        words = query_words(self.search.text())
        run_work(self, self.ctx, lambda _p: read_first_page(self.ctx.db, words),
                 show_progress=False, on_success=self._attach)

    def _attach(self, first: FirstPage) -> None:
        """The store's first page is here: list from the store, cache it, fill missing keys."""
        from trainer.ui.learner.roster_cache import write_cached

        self._keeping_entry(lambda: self.model.attach(self.ctx.db, first))
        if not first.words:
            write_cached(self.ctx.paths.cache_dir, self._database_key(), first.rows)
        if first.everyone:
            QTimer.singleShot(0, self, self._fill_keys)
        self._sign_in_the_only_person(first)

    def _keeping_entry(self, change: Any) -> None:
        """Change the list behind the person's back (the store's page replacing the cached one,
        pinyin keys filled in) and keep what they were doing: the same person stays selected
        and keeps the PIN typed so far and the message shown (a wrong-PIN warning)."""
        selected = self.selected()
        typed = self.pin.text()
        message = self.message.text() if self.message.isVisibleTo(self) else None
        change()
        self._show_list(selected)
        again = self.selected()
        if selected is None or again is None or again.id != selected.id:
            return
        if typed and self.pin.isVisibleTo(self):
            self.pin.setText(typed)
        if message is not None:
            self._show_message(message)

    def _show_list(self, selected: Any) -> None:
        self.stack.setCurrentWidget(self.chooser if self.model.everyone else self.setup)
        if selected is not None and self.model.row_of(selected.id) >= 0:
            self.select_learner(selected.id)
        else:
            self._select_first()

    def _fill_keys(self) -> None:
        """After the list is drawn: the pinyin keys of people who have none yet (new accounts,
        a roster just imported), read on a worker (the pinyin table alone takes ~50 ms to
        read); the list is queried again if any were added, so pinyin finds them."""
        from trainer.analytics.people import fill_search_keys
        from trainer.ui.common.work import run_work

        def filled(count: int) -> None:
            if count:
                self._keeping_entry(self.model.refresh)

        run_work(self, self.ctx, lambda _p: fill_search_keys(self.ctx.db), show_progress=False,
                 on_success=filled,
                 on_failure=lambda exc: log.info("Search keys not filled: %s", exc))

    def _database_key(self) -> str:
        """Which database the cached list belongs to (a data folder may point at another)."""
        return str(self.ctx.database_url or self.ctx.paths.database_url)

    def _sign_in_the_only_person(self, first: FirstPage) -> None:
        """Personal mode (one learner, no PIN, no self-registration): no list to choose from at
        start; after signing out, the list is shown as usual."""
        if self._auto_done or self.ctx.user is not None:
            return
        self._auto_done = True
        learners = first.rows
        personal = (first.everyone == 1 and len(learners) == 1 and not learners[0].has_pin
                    and not self.ctx.settings.get("allow_self_registration"))
        if personal:
            self.sign_in()

    def _on_data_changed(self, what: str) -> None:
        if what == LEARNERS and self.ctx.user is None:
            self.reload()

    def on_shown(self) -> None:
        self.search.setFocus()

    def _select_first(self) -> None:
        if self.model.rowCount() > 0:
            self.list.setCurrentIndex(self.model.index(0, 0))
        else:
            self._on_current(QModelIndex())

    def _on_search(self, text: str) -> None:
        self.model.set_query(text)
        self._select_first()

    def selected(self) -> Any:
        index = self.list.currentIndex()
        return index.data(LEARNER_ROLE) if index.isValid() else None

    def select_learner(self, learner_id: int) -> None:
        """Make a learner current, reading down the list to them if need be."""
        row = self.model.locate(learner_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row, 0))

    def _on_current(self, index: QModelIndex) -> None:
        learner = index.data(LEARNER_ROLE) if index.isValid() else None
        needs_secret = bool(learner and learner.has_pin)
        admin = bool(learner and learner.role == "admin")
        self.pin_label.setText(self.tr("Password:") if admin else self.tr("PIN:"))
        self.pin.setAccessibleName(self.pin_label.text().rstrip(":："))
        self.pin_label.setVisible(needs_secret)
        self.pin.setVisible(needs_secret)
        self.pin.clear()
        self.message.hide()
        self.sign_in_button.setEnabled(learner is not None)

    def eventFilter(self, watched: Any, event: QEvent) -> bool:  # noqa: N802
        """Up/Down/Enter in the search field move through and pick from the list."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            from PySide6.QtCore import Qt  # not before the list is drawn: see painted.py

            key = QKeyEvent(event).key() if not isinstance(event, QKeyEvent) else event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.list.currentIndex().row() + (1 if key == Qt.Key.Key_Down else -1)
                if row >= self.model.rowCount() and self.model.canFetchMore():
                    self.model.fetchMore()  # past the rows read so far: read the next page
                if 0 <= row < self.model.rowCount():
                    self.list.setCurrentIndex(self.model.index(row, 0))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.pin.isVisible():
                    self.pin.setFocus()
                else:
                    self.sign_in()
                return True
        return super().eventFilter(watched, event)

    # --- actions ------------------------------------------------------------------------------

    def sign_in(self) -> None:
        """Check the PIN off the GUI thread (it is a slow hash) and sign the learner in."""
        learner = self.selected()
        if learner is None:
            return
        if learner.has_pin and not self.pin.text():
            self._show_message(self.tr("Please enter your PIN.") if learner.role != "admin"
                               else self.tr("Please enter your password."))
            self.pin.setFocus()
            return
        from trainer.store.learners import sign_in
        from trainer.ui.common.work import run_work

        secret = self.pin.text() or None
        self.sign_in_button.setEnabled(False)
        run_work(self, self.ctx, lambda _p: sign_in(self.ctx.db, learner.id, secret),
                 show_progress=False, on_success=self._signed_in, on_failure=self._sign_in_failed)

    def _signed_in(self, learner: Any) -> None:
        self.sign_in_button.setEnabled(True)
        self.pin.clear()
        self.search.clear()
        log.info("Learner %s signed in", learner.id)
        self.ctx.set_user(learner)

    def _sign_in_failed(self, exc: BaseException) -> None:
        from trainer.store.errors import TooManyTries, WrongPin

        self.sign_in_button.setEnabled(True)
        self.pin.clear()
        self.pin.setFocus()
        if isinstance(exc, TooManyTries):
            seconds = max(1, round(exc.wait_seconds))
            self._show_message(self.tr("Too many wrong tries. Please wait %n second(s).", "",
                                       seconds))
        elif isinstance(exc, WrongPin):
            self._show_message(self.tr("That is not the right PIN or password. Please try again."))
        else:
            from trainer.ui.common.errors import present_error

            present_error(self, exc)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def register(self) -> None:
        from trainer.ui.learner.setup import RegisterDialog

        dialog = RegisterDialog(self.ctx, self)
        if dialog.exec() and dialog.learner is not None:
            self.ctx.notify(LEARNERS)
            self.reload()
            self.select_learner(dialog.learner.id)
            QTimer.singleShot(0, lambda: self._signed_in(dialog.learner))

    def _after_setup(self, learner: Any) -> None:
        self._auto_done = True
        self.reload()
        if learner is not None:
            self._signed_in(learner)


def install_sign_in(window: Any, ctx: AppContext) -> None:
    """The sign-in screen as the start page (once): what the app shows first after its
    window, before the other pages are registered."""
    from trainer.ui.learner.pages import title

    if not window.has_page("signin"):
        window.add_page("signin", SignInScreen(ctx), title("signin"), public=True)
        window.set_start_page("signin")


def install_learner_pages(window: Any, ctx: AppContext) -> None:
    """Register the learner pages with the main window; the sign-in screen is the start page."""
    from trainer.ui.learner.pages import register_pages

    install_sign_in(window, ctx)
    register_pages(window, ctx)
