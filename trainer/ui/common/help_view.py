"""The user guide (F1, Help ▸ User Guide): a short illustrated guide for each role.

The guides are Markdown in ``trainer/help/<language>/<role>.md`` with their screenshots in
``trainer/help/images`` (made by ``tools/help_screenshots.py``); they ship inside the package,
so the guide opens without a network. They are shown the way lessons are: rendered and
sanitised by ``trainer.content.render`` (images only from the help folder) in the lesson's
text view, with the lesson style sheet of the current theme. Imported when first opened.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.wheel import guard_wheel

ROLES = ("learner", "trainer", "hr")
ROLE_TITLES = {"learner": QT_TRANSLATE_NOOP("HelpDialog", "Learners"),
               "trainer": QT_TRANSLATE_NOOP("HelpDialog", "Trainers (course authors)"),
               "hr": QT_TRANSLATE_NOOP("HelpDialog", "HR and administrators")}
PAGE_ROLES = {"hr": "hr", "workspace": "trainer"}  # every other page is a learner's


def help_dir() -> Path:
    """The folder of the guides, inside the installed package."""
    import trainer.help

    return Path(trainer.help.__file__).resolve().parent


def guide_file(role: str, language: str) -> Path:
    """The guide for ``role`` in ``language`` ("zh_CN", "en"…), English when there is none."""
    folder = "zh_CN" if language.lower().startswith("zh") else "en"
    path = help_dir() / folder / f"{role}.md"
    return path if path.is_file() else help_dir() / "en" / f"{role}.md"


def role_for_page(page: str | None) -> str:
    """Which guide F1 opens on a page: HR's on the HR screen, the trainer's in the workspace."""
    return PAGE_ROLES.get(page or "", "learner")


def guide_html(role: str, language: str) -> str:
    """The guide as sanitised HTML, through the lessons' renderer."""
    from trainer.content.render import render_markdown

    path = guide_file(role, language)
    text = path.read_text(encoding="utf-8")
    return render_markdown(text, path.parent, help_dir(), "zh-CN" if "zh" in language else "en")


class HelpDialog(QDialog):
    """One window for the guides: the current role's first, the others a choice away. Not
    modal, so the guide stays open beside the screen it explains."""

    def __init__(self, language: str, theme: str, font_size: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from trainer.ui.learner.lesson import LessonText

        self.setObjectName("HelpDialog")
        self.language, self.theme, self.font_size = language, theme, font_size
        self.role = ""
        self.choice = guard_wheel(QComboBox())
        for role in ROLES:
            self.choice.addItem("", role)
        self.choice.currentIndexChanged.connect(lambda _i: self.show_role(self.choice.currentData()))
        self.choice_label = QLabel()
        self.choice_label.setBuddy(self.choice)
        self.text = LessonText(None, help_dir(), "", auto_height=False, font_size=font_size)
        self.text.setObjectName("helpText")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.choice_label)
        top.addWidget(self.choice)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(860, 680)
        self.retranslate()

    def retranslate(self) -> None:
        translate = QCoreApplication.translate
        self.setWindowTitle(translate("HelpDialog", "User Guide"))
        self.choice_label.setText(translate("HelpDialog", "&Guide for:"))
        for index, role in enumerate(ROLES):
            self.choice.setItemText(index, translate("HelpDialog", ROLE_TITLES[role]))
        self.text.setAccessibleName(translate("HelpDialog", "User Guide"))

    def follow_language(self, language: str) -> None:
        """The interface language changed: the window's words and the guide's text follow."""
        self.retranslate()
        if self.role:
            self.show_role(self.role, language)

    def show_role(self, role: str, language: str | None = None) -> None:
        """Show the guide for ``role`` (in ``language``, by default the one it was opened in)."""
        from trainer.ui.learner.rendering import stylesheet

        if language is not None:
            self.language = language
        if self.choice.currentData() != role:
            self.choice.setCurrentIndex(ROLES.index(role))  # comes back here through the signal
            return
        self.role = role
        style = stylesheet(self, self.theme, self.font_size)
        self.text.set_content(guide_html(role, self.language), style, self.font_size)
        self.text.verticalScrollBar().setValue(0)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)  # arrows and Page Down scroll
