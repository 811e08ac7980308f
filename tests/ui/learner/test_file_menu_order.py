"""The File menu ends with Quit: the learner screens' "Switch User…" sits before it."""

from __future__ import annotations

from typing import Any

from learner_helpers import settle
from PySide6.QtWidgets import QApplication

from trainer.ui.common.context import AppContext


def test_quit_is_the_last_file_menu_entry(qapp: QApplication, qtbot: Any,
                                          app_ctx: AppContext) -> None:
    from trainer.ui.app import install_pages, start_gui

    window = start_gui(qapp, app_ctx)
    qtbot.addWidget(window)
    install_pages(window, app_ctx)  # every area's pages, as at start-up
    settle(qapp)
    actions = [a for a in window.file_menu.actions() if not a.isSeparator()]
    names = [a.text().replace("&", "") for a in actions]
    assert actions[-1] is window.menus.quit_action, names
    assert names.index("Switch User…") < names.index(window.menus.quit_action.text().replace("&", ""))
    window.close()
    settle(qapp)
