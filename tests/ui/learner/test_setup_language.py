"""The first-run set-up follows a language change while it is on screen, on both of its pages."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from trainer.ui.common import language
from trainer.ui.common.context import AppContext
from trainer.ui.learner.setup import FirstRunSetup


def texts(setup: FirstRunSetup) -> list[str]:
    shown = [setup.title.text(), setup.intro.text(), setup.personal_button.text(),
             setup.shared_button.description(), setup.form_title.text(),
             setup.form_intro.text(), setup.back_button.text(), setup.finish_button.text()]
    for field in (setup.name, setup.secret):
        label = setup.form.labelForField(field)
        assert isinstance(label, QLabel)
        shown.append(label.text())
    return shown


def test_the_set_up_panel_retranslates_on_screen(qapp: QApplication, qtbot: Any,
                                                 app_ctx: AppContext,
                                                 reset_appearance: None) -> None:
    language.install_language("en")
    setup = FirstRunSetup(app_ctx)
    qtbot.addWidget(setup)
    setup.show()
    qtbot.mouseClick(setup.shared_button, Qt.MouseButton.LeftButton)  # the form, shared mode
    english = texts(setup)
    assert "Welcome! Let us set up Trainer" in english and "Administrator password:" in english

    language.install_language("zh_CN")
    qapp.processEvents()  # LanguageChange is posted
    chinese = texts(setup)
    unchanged = [old for old, new in zip(english, chinese, strict=True) if old == new]
    assert not unchanged, f"left in English after switching to Chinese: {unchanged}"
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in chinese)
