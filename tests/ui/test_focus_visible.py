"""Focus is always visible (WCAG 2.4.7, GB/T 37668): each kind of control the app uses draws
differently when it has keyboard focus, in the light, dark and high-contrast themes. The
control is grabbed without focus and again after Tab put focus on it; enough pixels must change,
and change enough to be seen (not a faint tint)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.theme import apply_theme


def _primary() -> QPushButton:
    button = QPushButton("提交答案")
    button.setObjectName("primary")  # the learner style sheet's main action
    return button


def _tool() -> QToolButton:
    button = QToolButton()
    button.setText("A+")
    return button


def _list() -> QListWidget:
    view = QListWidget()
    view.addItems(["第一步", "第二步", "第三步"])
    view.setCurrentRow(0)
    return view


def _combo() -> QComboBox:
    combo = QComboBox()
    combo.addItems(["请选择…", "数据共享"])
    return combo


def _text_area() -> QPlainTextEdit:
    area = QPlainTextEdit()
    area.setTabChangesFocus(True)  # as a written answer does: Tab moves on
    return area


def _lesson_text() -> QWidget:
    from PySide6.QtWidgets import QTextBrowser

    text = QTextBrowser()
    text.setObjectName("lessonText")  # as the reader shows a lesson
    text.setHtml("<p>政务数据是政府部门在履行职责过程中产生和获取的数据。</p>")
    return text


def _navigation() -> QListWidget:
    view = _list()
    view.setObjectName("Navigation")
    return view


def _page() -> QWidget:
    from PySide6.QtWidgets import QLabel, QScrollArea

    area = QScrollArea()
    area.setWidget(QLabel("结业测验"))
    return area


KINDS: dict[str, Callable[[], QWidget]] = {
    "button": lambda: QPushButton("开始学习"),
    "primary button": _primary,
    "tool button": _tool,
    "check box (option without text)": QCheckBox,
    "radio button (option without text)": QRadioButton,
    "check box with text": lambda: QCheckBox("举出了具体的数据"),
    "line edit": QLineEdit,
    "drop-down": _combo,
    "list": _list,
    "text area": _text_area,
    "lesson text": _lesson_text,
    "navigation": _navigation,
    "scrolling page": _page,
}


@pytest.fixture(params=["light", "dark", "contrast"])
def theme(request: Any, qapp: QApplication, reset_appearance: None) -> Iterator[str]:
    qapp.setProperty("trainerDark", None)  # apply even if another test left this theme on
    apply_theme(qapp, request.param)
    yield request.param


def _pixels(image: QImage) -> Any:
    import numpy

    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = numpy.frombuffer(image.constBits(), numpy.uint8, image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    return rows.reshape(image.height(), image.width(), 4)[:, :, :3].astype(int)


def changed_pixels(before: QImage, after: QImage) -> int:
    """Pixels whose colour moved by more than a faint tint (sum of channel differences > 90)."""
    return int(((abs(_pixels(before) - _pixels(after))).sum(axis=2) > 90).sum())


def test_focused_controls_look_different(qtbot: Any, theme: str) -> None:
    from trainer.ui.learner.style import apply_learner_style

    page = QWidget()
    qtbot.addWidget(page)
    apply_learner_style(page)
    layout = QVBoxLayout(page)
    start = QPushButton("before")
    layout.addWidget(start)
    controls = {name: make() for name, make in KINDS.items()}
    for control in controls.values():
        layout.addWidget(control)
    page.resize(360, 900)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    unfocused = {name: control.grab().toImage() for name, control in controls.items()}
    faint = []
    for name, control in controls.items():
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # focus by keyboard
        QApplication.processEvents()
        assert control.hasFocus(), f"Tab did not reach the {name}"
        changed = changed_pixels(unfocused[name], control.grab().toImage())
        if changed < 12:
            faint.append(f"{name}: {changed} pixels change")
    assert not faint, f"{theme}: focus hardly visible on " + "; ".join(faint)
