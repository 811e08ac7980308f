"""The library: course cards with progress, importing packs from a file or by dropping them
(trainers and administrators only, audited; a learner is refused by the service too)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from learner_helpers import FIXTURE, settle, start_app
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from trainer.store import audit
from trainer.store.learners import create_learner
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_lesson_progress
from trainer.ui.common.context import AppContext
from trainer.ui.learner.problems_dialog import ProblemsDialog


def copy_pack(tmp_path: Path, name: str, pack_id: str, title: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(FIXTURE, folder)
    manifest = folder / "course.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("id: learner-mini", f"id: {pack_id}")
    text = text.replace("title: 数据治理入门（测试小课）", f"title: {title}")
    manifest.write_text(text, encoding="utf-8")
    return folder


def drop(page: Any, folder: Path) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    page.dropEvent(event)
    return event


@pytest.fixture
def window(qapp: QApplication, qtbot: Any, app_ctx: AppContext) -> Any:
    return start_app(qapp, qtbot, app_ctx)


def sign_in(qapp: QApplication, qtbot: Any, window: Any, ctx: AppContext, user: Any) -> Any:
    ctx.set_user(user)
    settle(qapp)
    page = window.page("library")
    qtbot.waitUntil(lambda: "learner-mini" in page.cards)
    return page


@pytest.fixture
def library(qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
            window: Any) -> Any:
    return sign_in(qapp, qtbot, window, app_ctx, learner)


@pytest.fixture
def trainer(app_ctx: AppContext) -> Any:
    return create_learner(app_ctx.db, "T001", "李老师", "培训中心", role="trainer",
                          pin="trainer-pass", actor=COMMAND_LINE)


@pytest.fixture
def trainer_library(qapp: QApplication, qtbot: Any, app_ctx: AppContext, trainer: Any,
                    window: Any) -> Any:
    return sign_in(qapp, qtbot, window, app_ctx, trainer)


def test_cards_show_progress(qapp: QApplication, app_ctx: AppContext, learner: Any,
                             library: Any) -> None:
    card = library.cards["learner-mini"]
    assert card.button.text() == "Start" and card.bar.value() == 0
    record_lesson_progress(app_ctx.db, learner.id, "learner-mini", "basics", status="completed")
    app_ctx.notify("progress")
    settle(qapp)
    card = library.cards["learner-mini"]
    assert card.button.text() == "Continue"
    assert card.bar.value() == 33, "one of three modules (the glossary does not count)"
    assert library.resume_box.isVisible()


def test_a_trainer_imports_by_drop_and_the_install_is_audited(
        qapp: QApplication, qtbot: Any, tmp_path: Path, app_ctx: AppContext, trainer: Any,
        window: Any) -> None:
    page = sign_in(qapp, qtbot, window, app_ctx, trainer)
    assert page.import_button.isVisibleTo(page)
    drop(page, copy_pack(tmp_path, "second", "learner-second", "第二门课"))
    qtbot.waitUntil(lambda: "learner-second" in page.cards, timeout=10_000)
    assert "第二门课" in page.notice.text()
    [entry] = audit.entries(app_ctx.db, COMMAND_LINE, action=audit.PACK_INSTALL)
    assert entry.actor_id == trainer.id
    assert entry.detail["pack_id"] == "learner-second" and entry.detail["replaced"] is None


def test_a_learner_is_not_offered_the_import_and_is_refused_anyway(
        qapp: QApplication, qtbot: Any, tmp_path: Path, app_ctx: AppContext, library: Any,
        window: Any, message_boxes: list[QMessageBox]) -> None:
    assert not library.import_button.isVisibleTo(library)
    assert not library.drop_hint.isVisibleTo(library)
    import_action = next(a for a in window.file_menu.actions() if a.shortcut().toString()
                         == "Ctrl+I")
    assert not import_action.isEnabled()
    folder = copy_pack(tmp_path, "second", "learner-second", "第二门课")
    assert not drop(library, folder).isAccepted()
    job = library.import_pack(folder)  # a screen that forgot to hide the action
    qtbot.waitUntil(lambda: job.done, timeout=10_000)
    assert len(message_boxes) == 1 and "trainer" in message_boxes[0].text()
    assert not (app_ctx.paths.packs_dir / "learner-second").exists()
    assert audit.entries(app_ctx.db, COMMAND_LINE, action=audit.PACK_INSTALL) == []


def test_a_broken_pack_lists_its_problems_with_file_and_line(
        qapp: QApplication, qtbot: Any, tmp_path: Path, trainer_library: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_pack(tmp_path, "broken", "learner-broken", "坏课程")
    module = folder / "modules" / "01-basics.md"
    module.write_text(module.read_text(encoding="utf-8").replace("- [x] 数据共享", "- [ ] 数据共享"),
                      encoding="utf-8")
    shown: list[ProblemsDialog] = []
    monkeypatch.setattr(ProblemsDialog, "exec", lambda self: shown.append(self) or 0)
    job = trainer_library.import_pack(folder)
    qtbot.waitUntil(lambda: job.done, timeout=10_000)
    assert len(shown) == 1
    text = shown[0].text.toPlainText()
    assert "modules/01-basics.md:" in text and "error" in text
    assert "learner-broken" not in trainer_library.cards, "nothing was installed"
