"""Signing in as a learner would: first run (shared computer), PINs, registering, switching user."""

from __future__ import annotations

from typing import Any

from learner_helpers import settle, start_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from trainer.store.learners import create_learner, find_learners
from trainer.ui.common.context import AppContext
from trainer.ui.learner.setup import RegisterDialog


def test_shared_computer_set_up_creates_the_administrator(qapp: QApplication, qtbot: Any,
                                                           app_ctx: AppContext) -> None:
    window = start_app(qapp, qtbot, app_ctx)
    setup = window.page("signin").setup
    qtbot.mouseClick(setup.shared_button, Qt.MouseButton.LeftButton)
    assert setup.secret.isVisible(), "a shared computer needs an administrator password"
    setup.name.insert("管理员")
    setup.number.insert("A001")
    setup.secret.insert("s3cret!")
    setup.secret_again.insert("s3cret?")
    qtbot.mouseClick(setup.finish_button, Qt.MouseButton.LeftButton)
    assert setup.error.isVisible() and "not the same" in setup.error.text()
    assert find_learners(app_ctx.db) == [], "nothing saved while the form is wrong"
    setup.secret_again.clear()
    setup.secret_again.insert("s3cret!")
    qtbot.mouseClick(setup.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app_ctx.user is not None)
    assert app_ctx.user.role == "admin" and app_ctx.user.has_pin
    assert app_ctx.settings.get("allow_self_registration") is True
    settle(qapp)
    assert window.current_page == "library"


def test_pin_wrong_then_right_and_sign_out(qapp: QApplication, qtbot: Any,
                                           app_ctx: AppContext) -> None:
    create_learner(app_ctx.db, "1001", "张伟", "办公室")
    create_learner(app_ctx.db, "1002", "李娜", "数据管理局", pin="2468")
    window = start_app(qapp, qtbot, app_ctx)
    screen = window.page("signin")
    assert screen.stack.currentWidget() is screen.chooser
    screen.search.insert("数据")
    assert screen.filter.rowCount() == 1 and screen.selected().name == "李娜"
    assert screen.pin.isVisible(), "a learner with a PIN is asked for it"
    qtbot.mouseClick(screen.sign_in_button, Qt.MouseButton.LeftButton)
    assert "enter your PIN" in screen.message.text()
    screen.pin.insert("1111")
    qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.message.isVisible() and "not the right" in screen.message.text())
    assert app_ctx.user is None and screen.pin.text() == ""
    screen.pin.insert("2468")
    qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app_ctx.user is not None)
    assert app_ctx.user.name == "李娜"
    settle(qapp)
    window.sign_out()
    assert window.current_page == "signin", "signing out shows the list again (switch user)"
    assert screen.filter.rowCount() == 2 and screen.search.text() == ""


def test_list_refreshed_behind_the_back_keeps_the_pin_and_the_warning(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext) -> None:
    """The list is changed while someone is at it (pinyin keys filled on a worker, the store's
    page replacing the cached one): the same person stays chosen, with the PIN typed so far
    and the wrong-PIN warning still shown (CI once lost the warning this way)."""
    from sqlalchemy import update

    from trainer.store.models import Learner

    create_learner(app_ctx.db, "1001", "张伟", "办公室")
    create_learner(app_ctx.db, "1002", "李娜", "数据管理局", pin="2468")
    window = start_app(qapp, qtbot, app_ctx)
    screen = window.page("signin")
    settle(qapp)
    screen.search.insert("李")
    assert screen.selected().name == "李娜"
    screen.pin.insert("1111")
    qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.message.isVisible() and "not the right" in screen.message.text())
    screen.pin.insert("24")
    with app_ctx.db.session() as session:  # a roster import leaves new people without keys
        session.execute(update(Learner).values(search_key=None, sort_key=None))
    screen._fill_keys()
    settle(qapp)
    assert screen.selected().name == "李娜"
    assert screen.pin.text() == "24", "the PIN being typed survives the list's refresh"
    assert screen.message.isVisible() and "not the right" in screen.message.text()
    screen.pin.insert("68")
    qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app_ctx.user is not None)
    assert app_ctx.user.name == "李娜"


def test_search_field_enter_signs_in_the_only_match(qapp: QApplication, qtbot: Any,
                                                    app_ctx: AppContext) -> None:
    create_learner(app_ctx.db, "1001", "张伟", "办公室")
    create_learner(app_ctx.db, "2002", "王芳", "财政局")
    window = start_app(qapp, qtbot, app_ctx)
    screen = window.page("signin")
    screen.search.insert("2002")
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app_ctx.user is not None)
    assert app_ctx.user.name == "王芳"


def test_register_new_learner(qtbot: Any, app_ctx: AppContext) -> None:
    create_learner(app_ctx.db, "1001", "张伟", "办公室")
    dialog = RegisterDialog(app_ctx)
    qtbot.addWidget(dialog)
    assert dialog.department.findText("办公室") >= 0, "existing departments are offered"
    dialog.name.insert("赵敏")
    dialog.number.insert("1001")
    dialog.register()
    qtbot.waitUntil(lambda: not dialog.error.isHidden())
    assert "already registered" in dialog.error.text()
    dialog.number.clear()
    dialog.number.insert("3003")
    dialog.pin.insert("12")
    dialog.pin_again.insert("12")
    dialog.register()
    assert "at least 4" in dialog.error.text()
    dialog.pin.clear()
    dialog.pin_again.clear()
    dialog.department.setCurrentText("统计局")
    dialog.register()
    qtbot.waitUntil(lambda: dialog.result() == RegisterDialog.DialogCode.Accepted)
    assert dialog.learner.name == "赵敏" and dialog.learner.department == "统计局"
    assert not dialog.learner.has_pin


def test_registration_button_follows_the_setting(qapp: QApplication, qtbot: Any,
                                                 app_ctx: AppContext) -> None:
    create_learner(app_ctx.db, "1001", "张伟", "办公室")
    app_ctx.settings.set("allow_self_registration", False)
    window = start_app(qapp, qtbot, app_ctx)
    assert not window.page("signin").register_button.isVisible()


def test_file_menu_switch_user_and_find(qapp: QApplication, qtbot: Any,
                                        app_ctx: AppContext) -> None:
    learner = create_learner(app_ctx.db, "1001", "张伟", "办公室")
    window = start_app(qapp, qtbot, app_ctx)
    app_ctx.set_user(learner)
    settle(qapp)
    actions = {a.text().replace("&", ""): a for a in window.file_menu.actions()}
    actions["Find in Courses…"].trigger()
    assert window.current_page == "search"
    actions["Switch User…"].trigger()
    assert app_ctx.user is None and window.current_page == "signin"
    assert not actions["Import Course Pack…"].isEnabled(), "nothing to import into when signed out"


def test_search_field_finds_people_by_pinyin_once_it_is_read(qapp: QApplication, qtbot: Any,
                                                             app_ctx: AppContext) -> None:
    create_learner(app_ctx.db, "1001", "张伟", "办公室")
    create_learner(app_ctx.db, "2002", "曾凡", "财政局")
    window = start_app(qapp, qtbot, app_ctx)
    screen = window.page("signin")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
    screen.search.insert("zf")  # the pinyin keys are read on a worker; then the list finds her
    qtbot.waitUntil(lambda: screen.filter.rowCount() == 1, timeout=10_000)
    assert screen.selected().name == "曾凡"
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app_ctx.user is not None)
    assert app_ctx.user.name == "曾凡"
