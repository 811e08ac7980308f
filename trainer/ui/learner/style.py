"""The learner screens' style sheet: calm spacing, readable type, state colours that suit both themes.

Colours are translucent tints over the palette, so light and dark themes both stay legible.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

LEARNER_QSS = """
QLabel#pageTitle { font-size: 22px; font-weight: 600; padding-bottom: 4px; }
QLabel#sectionTitle { font-size: 17px; font-weight: 600; }
QLabel#subtitle, QLabel#hint { color: palette(placeholder-text); }
QLabel#errorText { color: palette(bright-text); }
QListView#learnerList, QListView#outline, QListView#searchResults { font-size: 15px; }
QListView#learnerList::item { border-radius: 6px; }
QListView#outline::item { padding: 10px 8px; border-radius: 6px; }
QListView#learnerList::item:selected, QListView#outline::item:selected,
QListWidget#orderList::item:selected {
    background: palette(highlight); color: palette(highlighted-text); }
QListWidget#orderList::item { padding: 6px 8px; }
QPushButton { padding: 6px 16px; min-height: 22px; }
QPushButton#primary { font-weight: 600; }
QFrame#exerciseCard, QFrame#courseCard {
    border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 10px;
    background: palette(base);
}
QFrame#courseCard:hover { border-color: palette(highlight); }
QLabel#exerciseKind, QLabel#cardMeta { color: palette(placeholder-text); font-size: 13px; }
QLabel#cardTitle { font-size: 18px; font-weight: 600; }
QWidget#optionRow { border-radius: 6px; }
QWidget#optionRow[state="right"], QWidget#optionRow[state="missed"] {
    background: rgba(30, 142, 62, 0.14); }
QWidget#optionRow[state="wrong"] { background: rgba(197, 34, 31, 0.12); }
QWidget#optionRow[state="partial"] { background: rgba(128, 128, 128, 0.16); }
QLabel#optionMark { font-size: 13px; font-weight: 600; }
QLabel#optionFeedback, QLabel#solution { color: palette(placeholder-text); }
QFrame#feedbackBox { border-radius: 8px; padding: 6px; background: rgba(128, 128, 128, 0.10); }
QFrame#feedbackBox[state="right"] { background: rgba(30, 142, 62, 0.14); }
QFrame#feedbackBox[state="partial"] { background: rgba(242, 153, 0, 0.16); }
QFrame#feedbackBox[state="wrong"] { background: rgba(197, 34, 31, 0.12); }
QLabel#verdict { font-size: 15px; font-weight: 600; }
QComboBox[state="right"] { border: 2px solid rgba(30, 142, 62, 0.8); border-radius: 4px; }
QComboBox[state="wrong"] { border: 2px solid rgba(197, 34, 31, 0.8); border-radius: 4px; }
QLabel#intro { font-size: 15px; }
QCommandLinkButton { font-size: 15px; padding: 10px; }
QLabel#objectives { font-size: 14px; }
QLabel#resultScore { font-size: 30px; font-weight: 600; }
QLabel#timer { font-size: 15px; font-weight: 600; }
QTextBrowser#lessonText { border: 2px solid transparent; background: transparent; }
QTextBrowser#lessonText:focus { border-color: palette(highlight); }
QTextBrowser#scenario { border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 8px;
    background: palette(base); padding: 8px; }
"""


def zoom_rules(size: int) -> str:
    """Exercise cards at the lesson's zoom; set on the page once, so opening a module is cheap."""
    return (f"QFrame#exerciseCard QWidget {{ font-size: {size}px; }}"
            f"QFrame#exerciseCard QLabel#question {{ font-size: {size + 1}px; }}"
            f"QFrame#exerciseCard QLabel#exerciseKind {{ font-size: {max(11, size - 2)}px; }}")


def apply_learner_style(widget: QWidget, font_size: int | None = None) -> None:
    """Give a learner page (and everything inside it) the learner style sheet."""
    widget.setStyleSheet(LEARNER_QSS + (zoom_rules(font_size) if font_size else ""))
