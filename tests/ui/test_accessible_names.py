"""Every control a user can reach or operate has a name a screen reader reads out (WCAG 4.1.2
"Name, Role, Value"; GB/T 37668 5.2). The names are read through QAccessible, as the platform's
screen-reader bridge reads them (so a buddy label or a button's text counts), on every screen and
dialog of the app: sign-in and first-run set-up, library, lesson, every exercise type, the final
(sitting and result), dashboard, HR screen and its dialogs, trainer workspace and its dialogs,
settings, about and the help guide."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from trainer.ui.common.context import AppContext

sys.path.insert(0, str(Path(__file__).parent / "learner"))
from learner_helpers import FIXTURE  # noqa: E402

INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QComboBox,
               QLineEdit, QPlainTextEdit, QTextEdit)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid(), f"no accessible for {widget!r}"
    return interface.text(QAccessible.Text.Name).strip()


def controls(root: QWidget) -> list[QWidget]:
    """Controls under ``root`` a user can reach (Tab) or operate, shown when ``root`` is."""
    from PySide6.QtCore import Qt

    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QScrollBar) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox | QAbstractItemView):
            continue  # a drop-down's or spin box's own line edit, a table's header: the
            # control around it carries the name (its header sections have their own)
        if widget.focusProxy() is not None:
            continue  # a tab widget hands focus to its tab bar, whose tabs are named
        tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if isinstance(widget, INTERACTIVE) or tab:
            found.append(widget)
    return found


def nameless(roots: list[QWidget]) -> list[str]:
    seen: set[int] = set()
    missing = []
    for root in roots:
        for widget in controls(root):
            if id(widget) in seen:
                continue
            seen.add(id(widget))
            if not accessible_name(widget):
                parent = widget.parentWidget()
                missing.append(f"{type(widget).__name__}#{widget.objectName()} in "
                               f"{type(parent).__name__ if parent else '-'}#"
                               f"{parent.objectName() if parent else ''} "
                               f"(window {type(widget.window()).__name__})")
    return sorted(set(missing))


def test_a_nameless_control_is_reported(qtbot: Any) -> None:
    """The walk is not vacuous: an unlabelled field fails, a labelled one passes."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    bare, labelled = QLineEdit(), QLineEdit()
    label = QLabel("&Name:")
    label.setBuddy(labelled)
    for widget in (bare, label, labelled):
        layout.addWidget(widget)
    holder.show()
    assert [w for w in controls(holder) if not accessible_name(w)] == [bare]
    assert accessible_name(labelled) == "Name:"


def open_everything(qtbot: Any, qapp: QApplication, ctx: AppContext) -> list[QWidget]:
    """Every page and dialog, the course at each kind of module and the final at each stage."""
    from trainer.store.learners import create_learner
    from trainer.ui.app import install_pages, start_gui
    from trainer.ui.common.about import AboutDialog
    from trainer.ui.common.help_view import HelpDialog
    from trainer.ui.common.settings_dialog import SettingsDialog
    from trainer.ui.hr.bundle_dialog import BundleImportDialog
    from trainer.ui.hr.roster_dialog import RosterImportDialog
    from trainer.ui.learner.certificate_dialog import VerifyDialog
    from trainer.ui.learner.problems_dialog import ProblemsDialog
    from trainer.ui.learner.setup import RegisterDialog
    from trainer.ui.trainer.dialogs import BankImportDialog, BuildDialog, NewPackDialog

    window = start_gui(qapp, ctx)
    qtbot.addWidget(window)
    install_pages(window, ctx)
    roots: list[QWidget] = []
    signin = window.page("signin")
    window.show()
    roots.append(signin.setup)  # the empty database's first-run set-up
    admin = create_learner(ctx.db, "A00", "管理员", role="admin", pin="admin-pass-1")
    signin.reload()
    roots.append(signin.chooser)
    ctx.set_user(admin)
    roots += [window.page(key) for key in list(window._pages)  # built, as when shown
              if key != "dashboard"]  # (its charts cost seconds: walked in the next test)
    roots.append(window)
    dialogs = [SettingsDialog(ctx, window), RegisterDialog(ctx, window),
               RosterImportDialog(ctx, window), BundleImportDialog(ctx, window),
               NewPackDialog(window), BankImportDialog(ctx, None, window), AboutDialog(window),
               VerifyDialog(ctx, window), BuildDialog(ctx, ctx.paths.data_dir / "course", window),
               ProblemsDialog(Path("course.zip"), ["course.yaml:3: error: bad version"], window),
               HelpDialog("zh_CN", "light", 15, window)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
    return roots + dialogs


def test_every_control_on_every_screen_has_a_name(qtbot: Any, qapp: QApplication,
                                                  app_ctx: AppContext,
                                                  reset_appearance: None) -> None:
    roots = open_everything(qtbot, qapp, app_ctx)
    missing = nameless(roots)
    assert not missing, "controls a screen reader cannot name:\n" + "\n".join(missing)
    assert sum(len(controls(r)) for r in roots) > 80, "the walk reached the screens' controls"
    app_ctx.set_user(None)


def test_every_exercise_type_and_the_final_have_names(reset_appearance: None, qtbot: Any,
                                                      qapp: QApplication, tmp_path: Path,
                                                      paths: Any) -> None:
    """The course reader at a lesson (every exercise type, answered and graded), a case, and the
    final before, during and after a sitting."""
    import shutil

    from learner_helpers import make_context, settle, start_app

    from trainer.store.learners import create_learner

    bundled = tmp_path / "bundled"
    shutil.copytree(FIXTURE, bundled / "learner-mini")
    ctx = make_context(paths, bundled, "zh_CN")
    me = create_learner(ctx.db, "1001", "张伟", "办公室")
    window = start_app(qapp, qtbot, ctx)
    ctx.set_user(me)
    settle(qapp)
    course = window.page("reader")
    roots: list[QWidget] = []
    for module in ("basics", "case", "final"):
        window.show_page("reader", ("learner-mini", module))
        roots.append(course)
        assert not nameless([course]), f"{module}: " + "\n".join(nameless([course]))
    view = course.view
    view.start()
    assert not nameless([course]), "\n".join(nameless([course]))
    view.finish(confirm=False)
    settle(qapp)
    assert not nameless([course]), "\n".join(nameless([course]))
    window.show_page("dashboard")
    settle(qapp)
    assert not nameless([window.page("dashboard")])
    window.close()
    settle(qapp)
    ctx.close()
