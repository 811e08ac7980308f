"""Every visible text follows the interface language, switched at run time with every screen
built: after English → Chinese no English word is left (bar names like PDF or Excel), and after
Chinese → English none of our Chinese translations is left."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from trainer.config import Paths, Settings
from trainer.ui.i18n import I18N_DIR

SCREENS = ["library", "reader", "dashboard", "hr", "workspace"]
WORD = re.compile(r"[A-Za-z]{3,}")
# Proper names, formats and codes that stay as they are in a Chinese screen.
NAMES = {"PDF", "CSV", "Excel", "PNG", "SVG", "HTML", "PIN", "UTC", "Markdown", "SQLite", "Ctrl",
         "PostgreSQL", "Trainer", "XLSX", "xlsx", "csv", "pdf", "png", "svg", "zip", "GIFT",
         "Aiken", "SHA", "UOS", "Kylin", "Windows", "Linux", "Shift", "Alt", "Tab", "Esc",
         "Enter", "Space", "Del", "Home", "End", "PgUp", "PgDown", "Backspace", "Meta", "Qt",
         "PySide", "UTF", "GB18030", "yaml", "gov", "example", "English", "Moodle", "Python", "pip",
         "Apache", "License"}
PATH_OR_CODE = re.compile(r"[\w.-]*[/\\][\w./\\-]*|[\w.-]+\.(?:zip|pdf|csv|xlsx|yaml|md|png)"
                          r"|\S+@\S+|https?://\S+|[a-z0-9]+(?:-[a-z0-9]+)+"
                          r"|\b[A-Z]{4}(?:-[A-Z]{4})+\b")  # a certificate code


def texts_of(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a user can see or hear on ``widget`` and its children."""
    found: list[tuple[str, str]] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisible():
            continue  # a page or panel not on screen refreshes when shown
        where = f"{type(child).__name__}({child.objectName()})"
        values = [child.toolTip(), child.windowTitle() if child.isWindow() else ""]
        if isinstance(child, QLabel | QAbstractButton):
            values.append(child.text())
        if isinstance(child, QGroupBox):
            values.append(child.title())
        if isinstance(child, QLineEdit):
            values.append(child.placeholderText())
        if isinstance(child, QTabWidget):
            values += [child.tabText(i) for i in range(child.count())]
        if isinstance(child, QComboBox):
            values += [child.itemText(i) for i in range(child.count())]
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            from PySide6.QtCore import QModelIndex

            model = child.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model that keeps columnCount private
                columns = 0
            headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(columns)]
            values += [h for h in headers if isinstance(h, str)]
        values += [action.text() for action in child.actions()]
        found += [(where, v) for v in values if v and v.strip()]
    return found


def english_words(text: str) -> list[str]:
    text = PATH_OR_CODE.sub(" ", re.sub(r"<[^>]+>", " ", text))  # markup, paths and ids
    return [w for w in WORD.findall(text) if w not in NAMES]


def chinese_catalogue() -> set[str]:
    """Every Chinese translation of ours that has no placeholder (those read exactly so)."""
    found = set()
    for ts in (I18N_DIR / "zh_CN").glob("*.ts"):
        for element in ET.parse(ts).iter("translation"):
            text = (element.text or "").strip()
            if text and "%" not in text and re.search(r"[\u4e00-\u9fff]", text):
                found.add(text)
    return found - {"简体中文"}  # a language is offered by its own name, in every language


def pack_texts(window: Any) -> set[str]:
    """What packs say (titles, summaries, roles, competencies) is shown in the pack's language."""
    found: set[str] = set()
    for pack in window.ctx.library.packs():
        found |= {pack.title, pack.summary or ""}
        framework = pack.framework
        found |= {r.title for r in framework.roles} | {c.title for c in framework.competencies}
    return {t.strip() for t in found if t}


def walk_screens(qapp: QApplication, window: Any, dialog: QWidget) -> list[tuple[str, str]]:
    """Show each screen as a user would and gather what it shows, then the settings dialog."""
    from trainer.ui.common import work

    found = []
    data = pack_texts(window)
    for key in SCREENS:
        window.show_page(key)
        for _ in range(3):
            work.wait_for_all()
            qapp.processEvents()
        found += [(f"{key}: {where}", text) for where, text in texts_of(window)
                  if text.strip() not in data and not any(d in text for d in data if len(d) > 12)]
    dialog.show()
    qapp.processEvents()
    return found + [(f"settings: {where}", text) for where, text in texts_of(dialog)]


def every_screen(qapp: QApplication, qtbot: Any, data: Path, language: str) -> Any:
    from trainer.store.learners import create_learner
    from trainer.ui.app import install_pages, start_gui
    from trainer.ui.common.context import AppContext

    settings = Settings(Paths(data).settings_file)
    settings.set("language", language)
    ctx = AppContext(Paths(data), settings)
    window = start_gui(qapp, ctx)
    qtbot.addWidget(window)
    install_pages(window, ctx)
    ctx.set_user(create_learner(ctx.db, "A00", "管理员", role="admin", pin="admin-pass-1"))
    window.show()
    for key in SCREENS:
        window.show_page(key)
        qapp.processEvents()
    window.show_page("dashboard")  # its charts drawn
    qapp.processEvents()
    return window


def open_settings(window: Any, qtbot: Any) -> QWidget:
    from trainer.ui.common.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    return dialog


def switch(qapp: QApplication, window: Any, language: str) -> None:
    """As the Settings dialog does: save the choice, then apply it."""
    from trainer.ui.app import apply_settings

    window.ctx.settings.set("language", language)
    apply_settings(qapp, window.ctx)
    for _ in range(3):  # LanguageChange is posted; some screens rebuild on it
        qapp.processEvents()


def close(window: Any) -> None:
    from trainer.ui.common import work

    window.close()
    work.wait_for_all()
    window.ctx.close()


def test_english_to_chinese_leaves_no_english(qapp: QApplication, qtbot: Any, tmp_path: Path,
                                              reset_appearance: None) -> None:
    window = every_screen(qapp, qtbot, tmp_path / "data", "en")
    try:
        dialog = open_settings(window, qtbot)
        switch(qapp, window, "zh_CN")
        left = [f"{where}: {text!r} {english_words(text)}"
                for where, text in walk_screens(qapp, window, dialog) if english_words(text)]
        assert not left, "English left on a Chinese screen:\n" + "\n".join(left)
    finally:
        close(window)


def test_chinese_to_english_leaves_no_chinese_label(qapp: QApplication, qtbot: Any,
                                                    tmp_path: Path,
                                                    reset_appearance: None) -> None:
    catalogue = chinese_catalogue()
    window = every_screen(qapp, qtbot, tmp_path / "data", "zh_CN")
    try:
        dialog = open_settings(window, qtbot)
        before = [t for _, t in walk_screens(qapp, window, dialog) if t.strip() in catalogue]
        assert len(before) > 50, "the screens are in Chinese to begin with"
        switch(qapp, window, "en")
        left = [f"{where}: {text!r}" for where, text in walk_screens(qapp, window, dialog)
                if text.strip() in catalogue]
        assert not left, "Chinese left after switching to English:\n" + "\n".join(left)
    finally:
        close(window)


@pytest.mark.parametrize("text", ["Save…", "2 days", "OK"])
def test_the_check_sees_english(text: str) -> None:
    assert english_words(text) or text == "OK"


def test_dialogs_in_chinese_show_no_english(qapp: QApplication, qtbot: Any, tmp_path: Path,
                                            reset_appearance: None) -> None:
    """Each dialog as it opens in Chinese (a roster read and planned, a pack to build)."""
    from trainer.config import bundled_courses_dir
    from trainer.content.messages_zh import problem_text
    from trainer.content.problems import Problem
    from trainer.ui.common.about import AboutDialog
    from trainer.ui.hr.bundle_dialog import BundleImportDialog
    from trainer.ui.hr.drilldown import LearnerDashboardDialog
    from trainer.ui.hr.roster_dialog import RosterImportDialog
    from trainer.ui.learner.certificate_dialog import VerifyDialog
    from trainer.ui.learner.problems_dialog import ProblemsDialog
    from trainer.ui.learner.setup import RegisterDialog
    from trainer.ui.trainer.dialogs import BankImportDialog, BuildDialog, NewPackDialog

    window = every_screen(qapp, qtbot, tmp_path / "data", "zh_CN")
    ctx = window.ctx
    roster = tmp_path / "名单.csv"
    roster.write_text("工号,姓名,部门\n1001,张伟,市数据局\n1002,李娜,\n", encoding="utf-8")
    problem = Problem("modules/01.md", 3, 0, "error", "the pack lists no modules; add at least "
                      "one under 'modules:'.")
    pack = bundled_courses_dir() / "digital-government"
    dialogs = [RosterImportDialog(ctx, window, roster), BundleImportDialog(ctx, window),
               NewPackDialog(window), BankImportDialog(ctx, None, window),
               BuildDialog(ctx, pack, window), VerifyDialog(ctx, window),
               AboutDialog(window, ctx.paths.data_dir), RegisterDialog(ctx, window),
               ProblemsDialog(tmp_path / "course.zip", [problem_text(problem, "zh_CN")], window),
               LearnerDashboardDialog(ctx, ctx.user.id, window)]
    data = pack_texts(window)
    try:
        left = []
        for dialog in dialogs:
            qtbot.addWidget(dialog)
            dialog.show()
            for _ in range(3):
                from trainer.ui.common import work

                work.wait_for_all()
                qapp.processEvents()
            left += [f"{type(dialog).__name__}: {where}: {text!r} {english_words(text)}"
                     for where, text in texts_of(dialog)
                     if english_words(text) and text.strip() not in data]
            dialog.hide()
        assert not left, "English in a Chinese dialog:\n" + "\n".join(left)
    finally:
        close(window)
