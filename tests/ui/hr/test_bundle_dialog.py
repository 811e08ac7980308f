"""Progress bundles in the GUI: export, preview of what merging adds, import, refusals."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from trainer.config import Paths
from trainer.exchange.bundles import export_bundle, read_bundle
from trainer.store.db import open_database
from trainer.store.learners import create_learner, find_by_employee_no
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import attempts, record_attempt, record_lesson_progress
from trainer.ui.common.context import AppContext
from trainer.ui.hr.bundle_dialog import BundleImportDialog, export_bundle_with_dialog
from trainer.ui.hr.bundle_model import MergePlanModel


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A bundle from another machine: two learners, one with answers and a finished lesson."""
    with open_database(Paths(tmp_path / "other").ensure()) as other:
        wang = create_learner(other, "1001", "王䶮", "临江市数据资源局", actor=COMMAND_LINE)
        create_learner(other, "1002", "李喆", "临江市财政局", actor=COMMAND_LINE)
        record_lesson_progress(other, wang.id, "digital-government", "m1", status="completed",
                               add_seconds=300)
        for n in range(4):
            record_attempt(other, wang.id, "digital-government", "1.0.0", f"ex{n}",
                           {"choice": 0}, 1.0, {"data-literacy": 1.0},
                           datetime(2026, 3, 2, 9, n, tzinfo=UTC))
        export_bundle(other, tmp_path / "other.zip", actor=COMMAND_LINE)
    return tmp_path / "other.zip"


@pytest.fixture
def hr_ctx(app_ctx: AppContext) -> AppContext:
    app_ctx.set_user(create_learner(app_ctx.db, "H1", "人事甲", role="hr", pin="1234",
                                    actor=COMMAND_LINE))
    return app_ctx


def _dialog(qtbot: Any, ctx: AppContext, path: Path) -> BundleImportDialog:
    dialog = BundleImportDialog(ctx, None, path=path)
    qtbot.addWidget(dialog)
    return dialog


def _answer_trust(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton
                  ) -> list[str]:
    asked: list[str] = []

    def question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_preview_then_import_then_nothing_left_to_import(
        qtbot: Any, hr_ctx: AppContext, bundle: Path, message_boxes: list[QMessageBox],
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _answer_trust(monkeypatch, QMessageBox.StandardButton.Yes)
    key = read_bundle(bundle).manifest.fingerprint
    dialog = _dialog(qtbot, hr_ctx, bundle)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    text = dialog.summary.text()
    assert "adds 2 learner(s) and updates 0; adds 4 answer(s) (0 already here)" in text
    assert f"never imported from {read_bundle(bundle).manifest.device_name}" in text
    assert key in text and dialog.import_button.text() == "Trust and import…"
    assert dialog.model.rowCount() == 2
    assert dialog.model.index(0, 1).data() == "王䶮"
    assert dialog.model.index(0, 4).data() == 4
    assert find_by_employee_no(hr_ctx.db, "1001") is None  # the preview wrote nothing
    with qtbot.waitSignal(hr_ctx.dataChanged, timeout=10_000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.merged is not None)
    assert len(asked) == 1 and key in asked[0]  # HR saw the device's key and said yes
    wang = find_by_employee_no(hr_ctx.db, "1001")
    assert wang is not None and len(attempts(hr_ctx.db, wang.id)) == 4
    assert "Added 2 learner(s) and 4 answer(s)" in message_boxes[-1].text()
    again = _dialog(qtbot, hr_ctx, bundle)
    qtbot.waitUntil(lambda: again.plan is not None)
    assert "already here: importing it changes nothing" in again.summary.text()
    assert key not in again.summary.text()  # trusted now: nothing to compare any more
    assert not again.import_button.isEnabled()
    assert again.model.rowCount() == 0
    again.only_changes.setChecked(False)
    assert again.model.rowCount() == 2


def test_declining_to_trust_a_new_device_imports_nothing(
        qtbot: Any, hr_ctx: AppContext, bundle: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _answer_trust(monkeypatch, QMessageBox.StandardButton.No)
    dialog = _dialog(qtbot, hr_ctx, bundle)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    dialog.import_button.click()
    assert len(asked) == 1 and dialog.merged is None
    assert find_by_employee_no(hr_ctx.db, "1001") is None
    assert dialog.import_button.isEnabled()  # HR may still compare the key and try again


def test_a_tampered_bundle_is_refused_with_a_reason(
        qtbot: Any, hr_ctx: AppContext, bundle: Path, tmp_path: Path,
        message_boxes: list[QMessageBox]) -> None:
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(bad, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "learners.jsonl":
                data = data.replace("王䶮".encode(), "王二".encode())
            target.writestr(info.filename, data)
    dialog = _dialog(qtbot, hr_ctx, bad)
    qtbot.waitUntil(lambda: len(message_boxes) == 1)
    assert "learners.jsonl does not match its digest" in message_boxes[0].text()  # signed manifest
    assert "nothing was changed" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_a_learner_may_not_import(qtbot: Any, app_ctx: AppContext, bundle: Path,
                                  message_boxes: list[QMessageBox]) -> None:
    app_ctx.set_user(create_learner(app_ctx.db, "L1", "学员甲", actor=COMMAND_LINE))
    dialog = _dialog(qtbot, app_ctx, bundle)
    qtbot.waitUntil(lambda: len(message_boxes) == 1)
    assert "HR sign-in" in message_boxes[0].text()
    assert dialog.plan is None


def test_export_writes_a_bundle_and_says_where(qtbot: Any, hr_ctx: AppContext, tmp_path: Path,
                                               message_boxes: list[QMessageBox]) -> None:
    target = tmp_path / "out.zip"
    assert export_bundle_with_dialog(hr_ctx, None, path=target) == target
    qtbot.waitUntil(lambda: len(message_boxes) == 1, timeout=10_000)
    assert str(target) in message_boxes[0].text()
    assert read_bundle(target).manifest.fingerprint in message_boxes[0].text()
    assert read_bundle(target).manifest.counts["learners"] == 1


def test_the_model_passes_qt_checks(qtmodeltester: Any, hr_ctx: AppContext,
                                    bundle: Path) -> None:
    from trainer.exchange.bundles import preview_bundle

    model = MergePlanModel()
    model.set_plan(preview_bundle(hr_ctx.db, read_bundle(bundle), actor=hr_ctx.user))
    qtmodeltester.check(model)
    model.set_only_changes(False)
    qtmodeltester.check(model)


def test_enter_imports_and_never_reopens_the_file_dialog(qtbot: Any, hr_ctx: AppContext,
                                                        bundle: Path) -> None:
    from PySide6.QtWidgets import QPushButton

    dialog = _dialog(qtbot, hr_ctx, bundle)
    outside = [b for b in dialog.findChildren(QPushButton) if b.parent() is dialog]
    assert outside and not any(b.autoDefault() for b in outside)
