"""The application shell as a user meets it: pages, roles, sign-out, settings, about, fonts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontDatabase, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from trainer.ui.app import START_PAGE, install_pages
from trainer.ui.common.about import AboutDialog
from trainer.ui.common.context import AppContext
from trainer.ui.common.fonts import cjk_family
from trainer.ui.common.language import resolve_language
from trainer.ui.common.placement import first_geometry
from trainer.ui.common.settings_dialog import SettingsDialog
from trainer.ui.common.shell import MainWindow
from trainer.ui.common.theme import apply_theme, current_is_dark


@dataclass(frozen=True)
class FakeLearner:
    """Stands in for store's LearnerInfo (only the fields the shell reads)."""

    id: int
    employee_no: str
    name: str
    role: str


LEARNER = FakeLearner(1, "A001", "张堃", "learner")
HR = FakeLearner(2, "H001", "王喆", "hr")


def nav_titles(window: MainWindow) -> list[str]:
    nav = window.nav
    if nav is None:
        return []
    return [nav.item(i).text() for i in range(nav.count()) if not nav.item(i).isHidden()]


def add_sample_pages(window: MainWindow) -> dict[str, int]:
    built = {"reports": 0}

    def build_reports() -> QWidget:
        built["reports"] += 1
        return QLabel("reports")

    window.add_page("signin", QLabel("sign in"), "Sign in", public=True)
    window.set_start_page("signin")
    window.add_page("library", QLabel("library"), "Library")
    window.add_page("reports", build_reports, "Reports", roles=("hr", "admin"))
    return built


def test_starts_in_chinese_on_the_start_page(main_window: MainWindow) -> None:
    main_window.show()
    assert main_window.current_page == START_PAGE
    assert main_window.file_menu.title() == "文件(&F)"
    assert main_window.user_label.text() == "未登录"
    assert main_window.nav is None  # built with the first navigation page


def test_navigation_follows_sign_in_and_roles(main_window: MainWindow, app_ctx: AppContext) -> None:
    built = add_sample_pages(main_window)
    assert main_window.current_page == "signin"
    app_ctx.set_user(LEARNER)
    assert main_window.current_page == "library"
    assert nav_titles(main_window) == ["Library"]
    assert main_window.nav.isVisibleTo(main_window)
    assert not main_window.show_page("reports")  # a learner cannot open HR pages
    assert built["reports"] == 0
    assert "张堃" in main_window.user_label.text() and "A001" in main_window.user_label.text()
    app_ctx.set_user(HR)
    assert nav_titles(main_window) == ["Library", "Reports"]
    assert main_window.show_page("reports") and built["reports"] == 1
    assert main_window.show_page("library") and main_window.show_page("reports")
    assert built["reports"] == 1  # a factory page is built once


def test_signed_in_before_the_pages_arrive_goes_on_to_them(main_window: MainWindow,
                                                            app_ctx: AppContext) -> None:
    """Start-up installs the sign-in screen first and the other pages once it is drawn: a
    person signed in meanwhile (personal mode signs its one learner in at once) is taken to
    their first page when it is registered, not left on the sign-in screen."""
    main_window.add_page("signin", QLabel("sign in"), "Sign in", public=True)
    main_window.set_start_page("signin")
    app_ctx.set_user(HR)
    assert main_window.current_page == "signin"  # nothing to go to yet
    main_window.add_page("reports", QLabel("reports"), "Reports", roles=("hr", "admin"))
    assert main_window.current_page == "reports"
    main_window.add_page("library", QLabel("library"), "Library")
    assert main_window.current_page == "reports"  # a later page does not take over


def test_sign_out_returns_to_the_start_page(main_window: MainWindow, app_ctx: AppContext,
                                            qtbot: Any) -> None:
    add_sample_pages(main_window)
    app_ctx.set_user(HR)
    main_window.show_page("reports")
    with qtbot.waitSignal(app_ctx.userChanged):
        main_window.sign_out_button.click()
    assert app_ctx.user is None
    assert main_window.current_page == "signin"
    assert nav_titles(main_window) == []
    assert not main_window.show_page("library")


def test_sign_out_button_shows_only_while_someone_is_signed_in(main_window: MainWindow,
                                                              app_ctx: AppContext) -> None:
    """Built when first needed since issue 14 (nobody is signed in at the first paint)."""
    def shown() -> list[str]:
        return [button.text() for button in main_window.statusBar().findChildren(QToolButton)
                if not button.isHidden()]

    assert shown() == []
    app_ctx.set_user(HR)
    assert shown() == [main_window.tr("Sign out")]
    app_ctx.set_user(None)
    assert shown() == []
    app_ctx.set_user(LEARNER)
    assert shown() == [main_window.tr("Sign out")]


def test_menu_entries_and_shortcuts_arrive_right_after_the_first_paint(
        main_window: MainWindow, app_ctx: AppContext, qtbot: Any) -> None:
    """The first frame shows the menu titles; the entries and their keys are built on the next
    turn of the event loop since issue 14 (nobody can open a menu before the window is up)."""
    titles = [action.text() for action in main_window.menuBar().actions()]
    assert len(titles) == 3 and all(titles)
    assert not main_window.menus.completed
    with qtbot.waitSignal(main_window.firstPainted):
        main_window.show()
    menus = main_window.menus
    assert menus.completed
    entries = [a for a in menus.file_menu.actions() if not a.isSeparator()]
    assert entries == [menus.settings_action, menus.open_data_action, menus.sign_out_action,
                       menus.quit_action]
    assert all(action.text() for action in entries)
    assert not menus.sign_out_action.isEnabled()
    assert not menus.guide_action.shortcuts()[0].isEmpty()  # F1
    app_ctx.set_user(HR)
    assert menus.sign_out_action.isEnabled()


def test_pages_requested_through_the_context(main_window: MainWindow, app_ctx: AppContext) -> None:
    class Reader(QLabel):
        opened: list[Any] = []

        def open_payload(self, payload: Any) -> None:
            self.opened.append(payload)

    main_window.add_page("library", QLabel("library"), "Library")
    main_window.add_page("reader", Reader(), "Reader", navigation=False)
    app_ctx.set_user(LEARNER)
    app_ctx.request_page("reader", ("pack", "module-1"))
    assert main_window.current_page == "reader"
    assert Reader.opened == [("pack", "module-1")]
    assert "Reader" not in nav_titles(main_window)


def test_broken_page_factory_shows_the_crash_dialog(main_window: MainWindow, app_ctx: AppContext,
                                                    message_boxes: list[Any]) -> None:
    def broken() -> QWidget:
        raise RuntimeError("screen bug")

    main_window.add_page("broken", broken, "Broken")
    app_ctx.set_user(LEARNER)
    assert not main_window.show_page("broken")
    assert message_boxes and "RuntimeError: screen bug" in message_boxes[-1].detailedText()


def test_duplicate_page_key_is_a_programming_error(main_window: MainWindow) -> None:
    main_window.add_page("x", QLabel(), "X")
    with pytest.raises(ValueError, match="already registered"):
        main_window.add_page("x", QLabel(), "X again")


def test_install_pages_skips_missing_areas_and_reports_broken_ones(
        main_window: MainWindow, app_ctx: AppContext, message_boxes: list[Any]) -> None:
    installed = install_pages(main_window, app_ctx, (
        "trainer.ui.no_such_area.pages:install", "json:no_such_function"))
    assert installed == []
    assert len(message_boxes) == 1  # the missing module is silent, the missing function is a bug
    assert main_window.page(START_PAGE).status.text().startswith("数据文件夹")


def test_language_switches_without_restart(main_window: MainWindow, app_ctx: AppContext,
                                          qtbot: Any) -> None:
    dialog = SettingsDialog(app_ctx, main_window)
    qtbot.addWidget(dialog)
    combo = dialog.editors["language"]
    assert isinstance(combo, QComboBox)
    assert dialog.labels["language"].text() == "界面语言"
    combo.setCurrentIndex(combo.findData("en"))
    assert app_ctx.settings.get("language") == "en"
    qtbot.waitUntil(lambda: main_window.file_menu.title() == "&File")
    assert main_window.user_label.text() == "Not signed in"
    assert dialog.labels["language"].text() == "Interface language"
    assert QLocale().language() == QLocale.Language.English
    combo.setCurrentIndex(combo.findData("zh_CN"))
    qtbot.waitUntil(lambda: main_window.file_menu.title() == "文件(&F)")


def test_theme_switches_without_restart(main_window: MainWindow, app_ctx: AppContext,
                                       qtbot: Any) -> None:
    dialog = SettingsDialog(app_ctx, main_window)
    qtbot.addWidget(dialog)
    combo = dialog.editors["theme"]
    combo.setCurrentIndex(combo.findData("dark"))
    window_colour = QApplication.palette().color(QPalette.ColorRole.Window)
    assert current_is_dark() and window_colour.lightness() < 80
    combo.setCurrentIndex(combo.findData("light"))
    assert not current_is_dark()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 200


@pytest.mark.parametrize("kind", [QRadioButton, QCheckBox, QLineEdit])
def test_dark_theme_draws_visible_choice_and_field_borders(qapp: Any, qtbot: Any,
                                                           kind: type[QWidget]) -> None:
    apply_theme(qapp, "dark")
    try:
        widget = kind()  # no text: the grab shows only the indicator or the field frame
        qtbot.addWidget(widget)
        widget.resize(60, 30)
        image = widget.grab().toImage()
        window = QApplication.palette().color(QPalette.ColorRole.Window).lightness()
        brightest = max(image.pixelColor(x, y).lightness()
                        for x in range(image.width()) for y in range(image.height()))
        assert brightest > window + 60  # QA: unchecked radio buttons were invisible in dark
    finally:
        apply_theme(qapp, "light")


def test_font_size_setting_is_saved_and_announced(app_ctx: AppContext, qtbot: Any) -> None:
    dialog = SettingsDialog(app_ctx)
    qtbot.addWidget(dialog)
    spin = dialog.editors["lesson_font_size"]
    assert isinstance(spin, QSpinBox) and spin.minimum() == 10
    with qtbot.waitSignal(app_ctx.settingsChanged):
        spin.setValue(20)
    assert app_ctx.settings.get("lesson_font_size") == 20
    assert "allow_self_registration" not in dialog.editors  # administrators only


def test_about_shows_version_and_licences(qtbot: Any) -> None:
    from trainer import __version__

    dialog = AboutDialog(None, Path("/data/trainer"))
    qtbot.addWidget(dialog)
    text = dialog.licences.toPlainText()
    for name in ("PySide6-Essentials", "SQLAlchemy", "Droid Sans Fallback", "Apache"):
        assert name in text
    assert __version__ in dialog.tabs.widget(0).text()
    assert "/data/trainer" in dialog.tabs.widget(0).text()
    margins = dialog.tabs.widget(0).contentsMargins()  # QA: text touched the frame
    assert min(margins.left(), margins.top()) >= 12
    assert dialog.licences.document().documentMargin() >= 12


def test_qt_has_a_simplified_chinese_font_and_draws_names_without_boxes(
        main_window: MainWindow) -> None:
    family = cjk_family()
    assert family is not None
    chinese = QFontDatabase.WritingSystem.SimplifiedChinese
    assert family in QFontDatabase.families(chinese)
    assert family in QApplication.font().families()
    metrics = QFontMetrics(QApplication.font())
    for char in "数据治理张堃王喆李珺陈赟":
        assert metrics.inFontUcs4(ord(char)), f"{char} would be drawn as a box"


@pytest.mark.parametrize(("setting", "system", "expected"), [
    ("en", "zh_CN", "en"), ("zh_CN", "en_US", "zh_CN"), ("system", "zh_TW", "zh_CN"),
    ("system", "en_US", "en"), ("system", "fr_FR", "zh_CN"), ("system", "C", "zh_CN"),
])
def test_language_follows_setting_then_system_then_chinese(
        setting: str, system: str, expected: str) -> None:
    assert resolve_language(setting, QLocale(system)) == expected


def test_a_system_chinese_font_is_preferred_to_the_bundled_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer.ui.common import fonts

    monkeypatch.setattr(fonts.QFontDatabase, "families",
                        staticmethod(lambda *_args: ["DejaVu Sans", "WenQuanYi Micro Hei"]))
    assert fonts._system_cjk_family() == "WenQuanYi Micro Hei"
    monkeypatch.setattr(fonts.QFontDatabase, "families", staticmethod(lambda *_args: ["DejaVu Sans"]))
    assert fonts._system_cjk_family() is None


def test_second_start_says_so_and_fails(capsys: pytest.CaptureFixture[str], qapp: Any) -> None:
    from trainer.ui.app import already_running

    assert already_running("/data/x") == 1
    err = capsys.readouterr().err
    assert "already running" in err or "已在" in err
    assert "/data/x" in err


def test_menus_open_settings_and_about_and_hide_navigation(
        main_window: MainWindow, app_ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: opened.append("settings") or 0)
    monkeypatch.setattr(AboutDialog, "exec", lambda self: opened.append("about") or 0)
    main_window.menus.settings_action.trigger()
    main_window.menus.about_action.trigger()
    assert opened == ["settings", "about"]
    main_window.add_page("library", QLabel("library"), "Library")
    app_ctx.set_user(LEARNER)
    nav = main_window.nav
    assert nav is not None and nav.isVisibleTo(main_window)
    main_window.menus.nav_action.setChecked(False)
    assert not nav.isVisibleTo(main_window)
    main_window.menus.nav_action.setChecked(True)
    assert nav.isVisibleTo(main_window)
    assert main_window.menus.sign_out_action.isEnabled()
    main_window.menus.sign_out_action.trigger()
    assert app_ctx.user is None and not main_window.menus.sign_out_action.isEnabled()


def test_window_size_is_kept_for_the_next_start(qtbot: Any, app_ctx: AppContext) -> None:
    first = MainWindow(app_ctx)
    qtbot.addWidget(first)
    first.resize(700, 500)
    first.show()
    first.close()
    assert app_ctx.paths.window_state_file.exists()
    second = MainWindow(app_ctx)
    qtbot.addWidget(second)
    second.restore_state()
    assert (second.width(), second.height()) == (700, 500)
    app_ctx.paths.window_state_file.write_bytes(b"garbage")
    third = MainWindow(app_ctx)
    qtbot.addWidget(third)
    third.restore_state()  # a damaged file is ignored: the first-start size
    assert third.size() == first_geometry(QApplication.primaryScreen().availableGeometry()).size()
