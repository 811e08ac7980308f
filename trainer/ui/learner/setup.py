"""First run on an empty database (personal or shared computer) and self-registration."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.config import assets_dir
from trainer.ui.common.context import LEARNERS, AppContext
from trainer.ui.common.counts import counts
from trainer.ui.common.wheel import guard_wheel
from trainer.ui.common.work import run_work

log = logging.getLogger(__name__)
PERSONAL_NUMBER = "001"  # employee number of the one person in personal mode, if they give none
MIN_SECRET = 4


def _line(echo_password: bool = False) -> QLineEdit:
    edit = QLineEdit()
    if echo_password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("errorText")
    label.setWordWrap(True)
    label.hide()
    return label


def store_message(exc: BaseException) -> str | None:
    """A translated line for the store's known refusals; None for anything unexpected."""
    from trainer.store.errors import Duplicate, InvalidValue

    if isinstance(exc, Duplicate):
        return QCoreApplication.translate("FirstRunSetup", "This employee number is already registered. Choose it in the list to sign in.")
    if isinstance(exc, InvalidValue):
        from trainer.ui.common.errors import known_text

        return known_text(exc.message)
    return None


def check_secret(secret: str, again: str, required: bool) -> str | None:
    """What is wrong with a new PIN or password, or None when it is fine."""
    if not secret and not required:
        return None
    if len(secret) < MIN_SECRET:
        return QCoreApplication.translate("FirstRunSetup", "Use at least %1.").replace(
            "%1", counts().characters(MIN_SECRET))
    if secret != again:
        return QCoreApplication.translate("FirstRunSetup", "The two entries are not the same. Please type them again.")
    return None


def create_first(ctx: AppContext, number: str, name: str, department: str | None,
                 secret: str | None) -> Any:
    """The first account: an administrator. Without a password (personal mode) the store may
    insist on one for administrators; the person then studies as a plain learner."""
    from trainer.store.errors import InvalidValue
    from trainer.store.learners import create_learner

    try:
        return create_learner(ctx.db, number, name, department, role="admin", pin=secret)
    except InvalidValue:
        if secret is not None:
            raise
        log.warning("The store needs a PIN for administrators; personal user is a learner")
        return create_learner(ctx.db, number, name, department, pin=None)


class FirstRunSetup(QFrame):
    """Two questions on a fresh install: who uses this computer, and who administers it."""

    done = Signal(object)  # the LearnerInfo created and signed in

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mode = ""
        self.setObjectName("setupPanel")
        self.setMaximumWidth(640)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_choice())
        self.pages.addWidget(self._build_form())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 36, 24, 24)
        layout.addWidget(self.pages)
        self.retranslate()

    def _build_choice(self) -> QWidget:
        page = QWidget()
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.intro = QLabel()
        self.intro.setObjectName("subtitle")
        self.intro.setWordWrap(True)
        self.personal_button = QCommandLinkButton()
        self.shared_button = QCommandLinkButton()
        self.personal_button.clicked.connect(lambda: self.choose("personal"))
        self.shared_button.clicked.connect(lambda: self.choose("shared"))
        logo = QLabel()
        logo.setPixmap(QIcon(str(assets_dir() / "icons" / "trainer.svg")).pixmap(56, 56))
        layout = QVBoxLayout(page)
        layout.setSpacing(12)
        for widget in (logo, self.title, self.intro, self.personal_button, self.shared_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        return page

    def _build_form(self) -> QWidget:
        page = QWidget()
        self.form_title = QLabel()
        self.form_title.setObjectName("pageTitle")
        self.form_intro = QLabel()
        self.form_intro.setWordWrap(True)
        self.name = _line()
        self.number = _line()
        self.department = _line()
        self.secret = _line(True)
        self.secret_again = _line(True)
        self.form = QFormLayout()
        for field in (self.name, self.number, self.department, self.secret, self.secret_again):
            self.form.addRow(QLabel(), field)  # texts in retranslate()
        self.error = _error_label()
        back = self.back_button = QPushButton()
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.finish_button = QPushButton()
        self.finish_button.setObjectName("primary")
        self.finish_button.clicked.connect(self.finish)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.form_title)
        layout.addWidget(self.form_intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return page

    def retranslate(self) -> None:
        """Every text of the panel, again when the language changes (it can be on screen then)."""
        self.title.setText(QCoreApplication.translate("FirstRunSetup", "Welcome! Let us set up Trainer"))
        self.intro.setText(QCoreApplication.translate("FirstRunSetup", "This takes a minute. Who will use this computer?"))
        self.personal_button.setText(QCoreApplication.translate("FirstRunSetup", "Only me"))
        self.personal_button.setDescription(QCoreApplication.translate("FirstRunSetup", "Personal mode: no PIN needed, and you can also manage courses and settings."))
        self.shared_button.setText(QCoreApplication.translate("FirstRunSetup", "Several people"))
        self.shared_button.setDescription(QCoreApplication.translate("FirstRunSetup", "Shared computer: an administrator with a password, and each learner with a PIN."))
        labels = ((self.name, QCoreApplication.translate("FirstRunSetup", "Name:")),
                  (self.number, QCoreApplication.translate("FirstRunSetup", "Employee number:")),
                  (self.department, QCoreApplication.translate("FirstRunSetup", "Department:")),
                  (self.secret, QCoreApplication.translate("FirstRunSetup", "Administrator password:")),
                  (self.secret_again, QCoreApplication.translate("FirstRunSetup", "Password again:")))
        for field, text in labels:
            label = self.form.labelForField(field)
            if isinstance(label, QLabel):
                label.setText(text)
        self.back_button.setText(QCoreApplication.translate("FirstRunSetup", "Back"))
        self.finish_button.setText(QCoreApplication.translate("FirstRunSetup", "Start"))
        if self.mode:
            self._form_texts(self.mode == "shared")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _form_texts(self, shared: bool) -> None:
        self.form_title.setText(QCoreApplication.translate("FirstRunSetup", "The administrator") if shared else QCoreApplication.translate("FirstRunSetup", "About you"))
        self.form_intro.setText(
            QCoreApplication.translate("FirstRunSetup", "The administrator adds learners and manages courses. Learners set their own PIN.")
            if shared else QCoreApplication.translate("FirstRunSetup", "Your name is shown on your progress and certificates."))
        self.number.setPlaceholderText("" if shared else QCoreApplication.translate("FirstRunSetup", "Optional"))
        self.department.setPlaceholderText(QCoreApplication.translate("FirstRunSetup", "Optional"))

    def choose(self, mode: str) -> None:
        """Show the form for ``"personal"`` or ``"shared"``."""
        self.mode = mode
        shared = mode == "shared"
        self._form_texts(shared)
        for field in (self.secret, self.secret_again):
            self.form.setRowVisible(field, shared)
        self.error.hide()
        self.pages.setCurrentIndex(1)
        self.name.setFocus()

    def _problem(self) -> str | None:
        if not self.name.text().strip():
            return QCoreApplication.translate("FirstRunSetup", "Please enter a name.")
        if self.mode == "shared" and not self.number.text().strip():
            return QCoreApplication.translate("FirstRunSetup", "Please enter an employee number.")
        if self.mode == "shared":
            return check_secret(self.secret.text(), self.secret_again.text(), required=True)
        return None

    def finish(self) -> None:
        """Create the administrator (in personal mode: the one learner) and sign them in."""
        problem = self._problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        shared = self.mode == "shared"
        number = self.number.text().strip() or PERSONAL_NUMBER
        name = self.name.text().strip()
        department = self.department.text().strip() or None
        secret = self.secret.text() if shared else None
        self.ctx.set_setting("allow_self_registration", shared)
        self.finish_button.setEnabled(False)
        run_work(self, self.ctx, lambda _p: create_first(self.ctx, number, name, department, secret),
                 show_progress=False, changes=LEARNERS, on_success=self._created,
                 on_failure=self._failed)

    def _created(self, learner: Any) -> None:
        self.finish_button.setEnabled(True)
        self.done.emit(learner)

    def _failed(self, exc: BaseException) -> None:
        self.finish_button.setEnabled(True)
        message = store_message(exc)
        if message is None:
            from trainer.ui.common.errors import present_error

            present_error(self, exc)
            return
        self.error.setText(message)
        self.error.show()


class RegisterDialog(QDialog):
    """A learner adds themself: name, employee number, department and an optional PIN."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.learner: Any = None
        self.setWindowTitle(self.tr("Register as a new learner"))
        self.setMinimumWidth(460)
        self.name = _line()
        self.number = _line()
        self.department = guard_wheel(QComboBox())
        self.department.setEditable(True)
        self.department.addItem("")
        from trainer.store.learners import list_departments

        for department in list_departments(ctx.db):
            self.department.addItem(getattr(department, "name", str(department)))
        self.pin = _line(True)
        self.pin_again = _line(True)
        self.pin.setPlaceholderText(self.tr("Optional, at least 4 characters"))
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Employee number:"), self.number)
        form.addRow(self.tr("Department:"), self.department)
        form.addRow(self.tr("PIN:"), self.pin)
        form.addRow(self.tr("PIN again:"), self.pin_again)
        hint = QLabel(self.tr("A PIN keeps others on this computer out of your records."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.error = _error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Register"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.register)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _problem(self) -> str | None:
        if not self.name.text().strip():
            return self.tr("Please enter your name.")
        if not self.number.text().strip():
            return self.tr("Please enter your employee number.")
        return check_secret(self.pin.text(), self.pin_again.text(), required=False)

    def register(self) -> None:
        """Create the learner off the GUI thread (hashing a PIN is slow on purpose) and close."""
        problem = self._problem()
        if problem:
            self._show(problem)
            return
        from trainer.store.learners import create_learner

        number, name = self.number.text().strip(), self.name.text().strip()
        department = self.department.currentText().strip() or None
        pin = self.pin.text() or None
        self.buttons.setEnabled(False)
        run_work(self, self.ctx,
                 lambda _p: create_learner(self.ctx.db, number, name, department, pin=pin),
                 show_progress=False, on_success=self._registered, on_failure=self._failed)

    def _registered(self, learner: Any) -> None:
        self.buttons.setEnabled(True)
        self.learner = learner
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        message = store_message(exc)
        if message is None:
            from trainer.ui.common.errors import present_error

            present_error(self, exc)
            return
        self._show(message)

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
