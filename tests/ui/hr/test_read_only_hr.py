"""HR on a damaged (read-only) database: the figures and exports still work, the two imports
that would write learner records say up front that nothing can be saved."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from damaged_db import break_a_page_of
from PySide6.QtWidgets import QApplication, QMessageBox

from trainer.config import Paths, Settings
from trainer.store.db import open_database
from trainer.store.learners import create_learner, find_learners
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_attempt
from trainer.ui.common import work
from trainer.ui.common.context import AppContext
from trainer.ui.hr.screen import HRScreen

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _damaged_with_hr(paths: Paths) -> None:
    with open_database(paths, backup=False) as db:
        create_learner(db, "H1", "人事甲", role="hr", pin="1234", actor=COMMAND_LINE)
        create_learner(db, "T1", "培训乙", role="trainer", pin="1234", actor=COMMAND_LINE)
        person = create_learner(db, "1001", "张伟", "办公室", actor=COMMAND_LINE)
        for n in range(400):
            record_attempt(db, person.id, "other", "1", f"e{n}", {"text": "答" * 80}, 1.0, {}, T0)
    break_a_page_of(paths.database_file, "attempts")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_hr_imports_are_switched_off_with_the_reason(
        qapp: QApplication, qtbot: Any, paths: Paths, language: str,
        message_boxes: list[QMessageBox], reset_appearance: None) -> None:
    from trainer.ui.app import install_pages, start_gui

    _damaged_with_hr(paths)
    settings = Settings(paths.settings_file)
    settings.set("language", language)
    ctx = AppContext(paths, settings)
    try:
        window = start_gui(qapp, ctx)
        qtbot.addWidget(window)
        install_pages(window, ctx)
        ctx.set_user(next(p for p in find_learners(ctx.db) if p.role == "hr"))
        window.resize(1280, 800)
        window.show()
        assert window.show_page("hr")
        screen = window.page("hr")
        assert isinstance(screen, HRScreen)
        qtbot.waitUntil(lambda: screen.data is not None, timeout=30_000)
        assert window.read_only_bar is not None and window.read_only_bar.isVisible()
        for button in (screen.roster_button, screen.bundle_button):
            assert not button.isEnabled()
            assert ("只读" if language == "zh_CN" else "read-only") in button.toolTip()
        assert screen.export_button.isEnabled(), "reports still work"
        folder = os.environ.get("TRAINER_SHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            assert window.grab().save(str(Path(folder) / f"read-only-hr-{language}.png"))
        # a trainer may import packs: the File menu entry is there, switched off, and stays
        # off when the screens enable their actions for the new user
        ctx.set_user(next(p for p in find_learners(ctx.db) if p.role == "trainer"))
        library = window.page("library")
        importing = window._learner_retranslator.actions["import"]
        assert library.import_button.isVisibleTo(library) and not library.import_button.isEnabled()
        assert not importing.isEnabled() and importing.toolTip() == library.import_button.toolTip()
        assert library.import_pack(paths.data_dir / "any.trainerpack") is None  # a dropped file
        assert library.notice.text() == library.import_button.toolTip()
        window.close()
        work.wait_for_all()
        qapp.processEvents()
        assert message_boxes == [], [b.text() for b in message_boxes]
    finally:
        work.wait_for_all()
        qapp.processEvents()
        ctx.close()
