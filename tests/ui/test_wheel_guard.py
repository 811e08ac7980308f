"""The mouse wheel over a drop-down, spin box, date edit or slider scrolls the page and never
changes the value (issue 17). Real QWheelEvents go through QApplication.sendEvent, so Qt's own
propagation to the scroll area is what is tested."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.context import AppContext
from trainer.ui.common.wheel import guard_wheel, unguarded_controls

sys.path.insert(0, str(Path(__file__).parent / "learner"))
from learner_helpers import FIXTURE  # noqa: E402


def value_of(control: QWidget) -> Any:
    if isinstance(control, QComboBox):
        return control.currentIndex()
    if isinstance(control, QAbstractSpinBox):
        return control.text()
    assert isinstance(control, QAbstractSlider)
    return control.value()


def wheel(control: QWidget, notches: int = -1) -> None:
    """One real wheel turn (down when ``notches`` < 0) with the pointer over ``control``."""
    centre = QPointF(control.rect().center())
    event = QWheelEvent(centre, QPointF(control.mapToGlobal(centre.toPoint())), QPoint(),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(control, event)


def in_scroll_area(qtbot: Any, content: QWidget) -> QScrollArea:
    """``content`` at the top of a page much taller than the window, as in a long exercise."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(content)
    layout.addSpacing(3000)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(page)
    area.resize(500, 300)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    return area


def assert_wheel_scrolls_page(qtbot: Any, control: QWidget, area: QScrollArea) -> None:
    area.ensureWidgetVisible(control)
    bar = area.verticalScrollBar()
    bar.setValue(0)
    control.clearFocus()
    before = value_of(control)
    for _ in range(3):
        wheel(control)
    assert value_of(control) == before, f"the wheel changed a {type(control).__name__}"
    assert bar.value() > 0, f"the wheel over a {type(control).__name__} did not scroll the page"
    assert not control.hasFocus(), "the wheel must not give the control focus"


def middle(control: QWidget) -> None:
    """Start from a value the wheel could move either way."""
    if isinstance(control, QComboBox):
        control.setCurrentIndex(control.count() // 2)
    elif isinstance(control, QAbstractSpinBox):
        control.stepBy(1)
    elif isinstance(control, QAbstractSlider):
        control.setValue((control.minimum() + control.maximum()) // 2)


def test_matching_drop_downs_in_the_final_ignore_the_wheel(qtbot: Any) -> None:
    from trainer.content.loader import load_pack
    from trainer.ui.learner.exercises import ExerciseCard, FeedbackMode

    pack = load_pack(FIXTURE)
    card = ExerciseCard(pack.exercise("q-match"), lambda md: f"<p>{md}</p>", 1, FeedbackMode.EXAM,
                        seed=7)
    area = in_scroll_area(qtbot, card)
    combos = card.input.combos
    assert combos
    for combo in combos:
        combo.setCurrentIndex(2)
        assert_wheel_scrolls_page(qtbot, combo, area)
    assert card.input.response() is not None and len(set(map(value_of, combos))) == 1


def test_settings_drop_downs_and_spin_boxes_ignore_the_wheel(qtbot: Any, app_ctx: AppContext,
                                                            ) -> None:
    from trainer.ui.common.settings_dialog import SettingsDialog

    dialog = SettingsDialog(app_ctx)
    qtbot.addWidget(dialog)
    keyed = {k: e for k, e in dialog.editors.items() if isinstance(e, (QComboBox, QAbstractSpinBox))}
    editors = list(keyed.values())
    kinds = {type(e) for e in editors}
    assert {QComboBox} <= kinds and any(issubclass(k, QAbstractSpinBox) for k in kinds)
    holder = QWidget()
    layout = QVBoxLayout(holder)
    for editor in editors:
        layout.addWidget(editor)  # the same editors, in a page that scrolls
    area = in_scroll_area(qtbot, holder)
    for editor in editors:
        middle(editor)
    saved = {key: app_ctx.settings.get(key) for key in keyed}
    for editor in editors:
        assert_wheel_scrolls_page(qtbot, editor, area)
    assert {key: app_ctx.settings.get(key) for key in keyed} == saved, "no setting changed"


def test_hr_date_edits_and_filters_ignore_the_wheel(qtbot: Any) -> None:
    from trainer.ui.hr.filter_bar import FilterBar

    bar = FilterBar()
    for box in (bar.department, bar.role, bar.course):
        box.addItems(["a", "b", "c"])
    bar.use_since.setChecked(True)
    bar.use_until.setChecked(True)
    area = in_scroll_area(qtbot, bar)
    changed: list[int] = []
    bar.changed.connect(lambda: changed.append(1))
    for control in (bar.department, bar.role, bar.course, bar.since, bar.until):
        middle(control)
        changed.clear()
        assert_wheel_scrolls_page(qtbot, control, area)
        assert not changed, "the filter did not change"


@pytest.mark.parametrize("kind", [QSlider, QDoubleSpinBox])
def test_any_guarded_control_ignores_the_wheel(qtbot: Any, kind: type[QWidget]) -> None:
    control = guard_wheel(kind())
    if isinstance(control, QSlider):
        control.setOrientation(Qt.Orientation.Horizontal)
        control.setRange(0, 100)
    area = in_scroll_area(qtbot, control)
    middle(control)
    assert_wheel_scrolls_page(qtbot, control, area)


def test_a_deliberately_focused_spin_box_still_takes_the_wheel(qtbot: Any) -> None:
    spin = guard_wheel(QDoubleSpinBox())
    area = in_scroll_area(qtbot, spin)
    area.activateWindow()
    spin.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin, notches=1)
    assert spin.value() == 1.0, "a focused spin box is meant to be turned"


def test_an_unguarded_control_is_found_and_would_change(qtbot: Any) -> None:
    """The check below is not vacuous: a plain drop-down is reported and the wheel changes it."""
    plain = QComboBox()
    plain.addItems(["a", "b", "c"])
    area = in_scroll_area(qtbot, plain)
    assert unguarded_controls(area) == [plain]
    wheel(plain)
    assert plain.currentIndex() == 1


def test_every_value_control_on_every_screen_is_guarded(qtbot: Any, qapp: QApplication,
                                                        app_ctx: AppContext,
                                                        reset_appearance: None) -> None:
    """Walks every page and dialog of the app (learner, trainer, HR, settings) for drop-downs,
    spin boxes, date edits and sliders the wheel could still change."""
    from trainer.store.learners import create_learner
    from trainer.ui.app import install_pages, start_gui
    from trainer.ui.common.settings_dialog import SettingsDialog
    from trainer.ui.hr.roster_dialog import RosterImportDialog
    from trainer.ui.learner.setup import RegisterDialog
    from trainer.ui.trainer.dialogs import BankImportDialog, NewPackDialog

    window = start_gui(qapp, app_ctx)
    qtbot.addWidget(window)
    install_pages(window, app_ctx)
    admin = create_learner(app_ctx.db, "A00", "管理员", role="admin", pin="admin-pass-1")
    app_ctx.set_user(admin)
    window.show()
    built = [window.page(key) for key in list(window._pages)]
    assert len(built) >= 5, "sign-in, library, reader, dashboard, HR, workspace…"
    dialogs: list[QWidget] = [SettingsDialog(app_ctx, window), RegisterDialog(app_ctx, window),
                              RosterImportDialog(app_ctx, window), NewPackDialog(window),
                              BankImportDialog(app_ctx, None, window)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    found = [w for root in (window, *dialogs) for w in unguarded_controls(root)]
    names = sorted({f"{type(w).__name__} in {type(w.parent()).__name__}" for w in found})
    assert not names, f"controls the wheel can change by accident (use guard_wheel): {names}"
    controls = [w for root in (window, *dialogs)
                for w in root.findChildren(QWidget) if isinstance(w, (QComboBox, QAbstractSpinBox))]
    assert len(controls) >= 10, "the walk reached the screens that have drop-downs"
    app_ctx.set_user(None)
