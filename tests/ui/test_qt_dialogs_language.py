"""Qt's own dialogs speak the interface language: the file chooser, the colour dialog, standard
buttons of message boxes and button boxes, input dialogs and the context menus of text fields;
switching language at run time switches them too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from tests.ui.conftest import reset_app_appearance
from trainer.ui.common.language import install_language, qt_translation_folders

ENGLISH = re.compile(r"[A-Za-z]{3,}")
# Not words of a language: file-type patterns, colour codes, the path shown.
ALLOWED = re.compile(r"^(HTML.*|#[0-9a-f]{6}|/.*|.*\(\*\.\w+\).*)$")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    install_language("zh_CN")
    QApplication.processEvents()
    yield
    reset_app_appearance(qapp)


def visible_texts(widget: QWidget) -> list[str]:
    texts = []
    for child in [widget, *widget.findChildren(QWidget)]:
        for getter in ("text", "title", "placeholderText", "toolTip"):
            value = getattr(child, getter, None)
            if callable(value):
                try:
                    text = value()
                except TypeError:
                    continue
                if isinstance(text, str) and text.strip():
                    texts.append(text)
    return texts


def english(texts: list[str]) -> list[str]:
    return [t for t in texts if ENGLISH.search(t) and not ALLOWED.match(t.strip())]


def test_qt_ships_its_chinese_catalogue() -> None:
    """The wheel (and a frozen build, which copies it) carries qtbase_zh_CN.qm."""
    assert any((Path(f) / "qtbase_zh_CN.qm").is_file() for f in qt_translation_folders())


def test_standard_buttons_and_context_menus_are_chinese(chinese: None) -> None:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Save
                           | QDialogButtonBox.StandardButton.Close)
    assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消", "保存", "关闭"])
    message = QMessageBox(QMessageBox.Icon.Question, "t", "?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    message.setDetailedText("…")
    assert not english(visible_texts(message))
    assert "是(&Y)" in [b.text() for b in message.buttons()]
    for field in (QLineEdit(), QPlainTextEdit()):
        menu = field.createStandardContextMenu()
        entries = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
        assert "复制(&C)" in entries and not english(entries), entries
    dialog = QInputDialog()
    dialog.setLabelText("工号")
    assert not english(visible_texts(dialog))


def test_file_chooser_and_colour_dialog_are_chinese(chinese: None, tmp_path: Path) -> None:
    chooser = QFileDialog(None, "保存", str(tmp_path), "PDF (*.pdf)")
    chooser.setOption(QFileDialog.Option.DontUseNativeDialog)
    chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    # "&Look in:" and "Files of &type:" are missing from Qt's catalogue: qt_extra.ts fills them
    assert not english(visible_texts(chooser)), english(visible_texts(chooser))
    assert not english(visible_texts(QColorDialog()))


def test_switching_language_switches_qt_dialogs_already_open(chinese: None,
                                                             tmp_path: Path) -> None:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    chooser = QFileDialog(None, "", str(tmp_path))
    chooser.setOption(QFileDialog.Option.DontUseNativeDialog)
    install_language("en")
    QApplication.processEvents()  # Qt delivers LanguageChange as posted events
    assert sorted(b.text() for b in box.buttons()) == ["Cancel", "OK"]
    assert "&Look in:" in visible_texts(chooser)
    install_language("zh_CN")
    QApplication.processEvents()
    assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])
    assert "查找范围(&L)：" in visible_texts(chooser)


def test_native_dialogs_only_when_they_speak_the_apps_language(qapp: QApplication,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    """A desktop's own file chooser follows the system's language: with the app in Chinese on
    an English system (or the reverse), Qt's translated dialogs are used instead."""
    from PySide6.QtCore import QLocale, Qt

    attribute = Qt.ApplicationAttribute.AA_DontUseNativeDialogs
    qapp.setProperty("trainerPainted", True)  # as after the first paint (decided only then)
    try:
        for system, language, native in (("en_US", "zh_CN", False), ("zh_CN", "zh_CN", True),
                                         ("zh_CN", "en", False), ("en_GB", "en", True)):
            monkeypatch.setattr(QLocale, "system", staticmethod(lambda s=system: QLocale(s)))
            install_language(language)
            assert QApplication.testAttribute(attribute) is not native, (system, language)
    finally:
        reset_app_appearance(qapp)
        QApplication.setAttribute(attribute, False)
        qapp.setProperty("trainerPainted", None)
