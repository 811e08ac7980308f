"""The user guide: F1 (and Help ▸ User Guide) on a role's screen opens that role's guide in the
interface language, rendered like a lesson, with its screenshots loaded from the package."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from trainer.ui.common.context import AppContext
from trainer.ui.common.help_view import ROLES, guide_file, guide_html, help_dir

HEADINGS = {"zh_CN": {"learner": "学员使用指南", "trainer": "培训师使用指南",
                      "hr": "人事与管理员使用指南"},
            "en": {"learner": "Guide for learners", "trainer": "Guide for trainers",
                   "hr": "Guide for HR and administrators"}}
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("role", ROLES)
def test_every_guide_exists_with_its_pictures(language: str, role: str) -> None:
    path = guide_file(role, language)
    assert path.parent.name == language, f"the {role} guide is missing in {language}"
    text = path.read_text(encoding="utf-8")
    pictures = IMAGE.findall(text)
    assert pictures, "the guide is illustrated"
    for picture in pictures:
        assert (path.parent / picture).resolve().is_file(), picture
        assert (path.parent / picture).resolve().is_relative_to(help_dir())
    html = guide_html(role, language)
    assert html.count("<img") == len(pictures), "the sanitiser kept every picture"
    assert "F1" in text


def settle() -> None:
    from trainer.ui.common import work

    for _ in range(3):
        work.wait_for_all()
        QApplication.processEvents()


def shown_images(document: QTextDocument) -> list[bool]:
    """For each picture in the document: whether Qt loaded it (an image, not a blank)."""
    from PySide6.QtGui import QImage, QPixmap

    sources = re.findall(r'<img[^>]* src="([^"]+)"', document.toHtml())
    found = [document.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(src))
             for src in sources]
    return [isinstance(image, QImage | QPixmap) and not image.isNull() for image in found]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_f1_opens_the_guide_of_the_role_on_screen(qapp: QApplication, qtbot: Any,
                                                  app_ctx: AppContext, reset_appearance: None,
                                                  language: str) -> None:
    from trainer.store.learners import create_learner
    from trainer.ui.app import install_pages, start_gui

    app_ctx.settings.set("language", language)
    window = start_gui(qapp, app_ctx)
    qtbot.addWidget(window)
    install_pages(window, app_ctx)
    app_ctx.set_user(create_learner(app_ctx.db, "A00", "管理员", role="admin",
                                    pin="admin-pass-1"))
    with qtbot.waitSignal(window.firstPainted, timeout=5000):  # shortcuts come after it
        window.show()
    window.activateWindow()
    for page, role in (("library", "learner"),
                       ("workspace", "trainer"), ("hr", "hr")):
        assert window.show_page(page)
        settle()  # a progress window of background work would take the keyboard meanwhile
        window.activateWindow()
        QApplication.processEvents()
        focused = QApplication.focusWidget()
        assert focused is not None and focused.isVisible(), f"keyboard focus lost on {page}"
        qtbot.keyClick(focused, Qt.Key.Key_F1)
        guide = window._help
        assert guide is not None and guide.isVisible(), f"F1 on {page} opened nothing"
        assert guide.role == role, page
        text = guide.text.toPlainText()
        assert text.startswith(HEADINGS[language][role]), text[:60]
        assert guide.choice.currentData() == role
        loaded = shown_images(guide.text.document())
        assert loaded and all(loaded), f"every screenshot loads: {loaded}"
        guide.close()
    expected = "使用指南(&U)" if language == "zh_CN" else "&User Guide"
    assert window.menus.guide_action.text() == expected
    assert window.menus.guide_action in window.help_menu.actions()
    window.show_page("hr")
    window.menus.guide_action.trigger()  # Help ▸ User Guide
    assert window._help.isVisible() and window._help.role == "hr"
    window._help.choice.setCurrentIndex(ROLES.index("trainer"))  # another role's guide
    assert window._help.text.toPlainText().startswith(HEADINGS[language]["trainer"])
    window._help.close()
    app_ctx.set_user(None)
