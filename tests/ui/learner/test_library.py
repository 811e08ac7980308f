"""The library: course cards with progress, importing packs from a file or by dropping them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from learner_helpers import FIXTURE, settle, start_app
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

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


@pytest.fixture
def library(qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any) -> Any:
    window = start_app(qapp, qtbot, app_ctx)
    app_ctx.set_user(learner)
    settle(qapp)
    page = window.page("library")
    qtbot.waitUntil(lambda: "learner-mini" in page.cards)
    return page


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


def test_import_by_drop_adds_a_card(qapp: QApplication, qtbot: Any, tmp_path: Path,
                                    library: Any) -> None:
    folder = copy_pack(tmp_path, "second", "learner-second", "第二门课")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    library.dropEvent(event)
    qtbot.waitUntil(lambda: "learner-second" in library.cards, timeout=10_000)
    assert "第二门课" in library.notice.text()


def test_a_broken_pack_lists_its_problems_with_file_and_line(
        qapp: QApplication, qtbot: Any, tmp_path: Path, library: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_pack(tmp_path, "broken", "learner-broken", "坏课程")
    module = folder / "modules" / "01-basics.md"
    module.write_text(module.read_text(encoding="utf-8").replace("- [x] 数据共享", "- [ ] 数据共享"),
                      encoding="utf-8")
    shown: list[ProblemsDialog] = []
    monkeypatch.setattr(ProblemsDialog, "exec", lambda self: shown.append(self) or 0)
    job = library.import_pack(folder)
    qtbot.waitUntil(lambda: job.done, timeout=10_000)
    assert len(shown) == 1
    text = shown[0].text.toPlainText()
    assert "modules/01-basics.md:" in text and "error" in text
    assert "learner-broken" not in library.cards, "nothing was installed"
