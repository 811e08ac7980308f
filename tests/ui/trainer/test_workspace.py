"""The trainer's workspace: live preview of a pack folder, problems panel, build and share."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from trainer.content.starter import create_starter
from trainer.ui.common.context import AppContext
from trainer.ui.trainer.workspace import WorkspacePage

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    return create_starter(tmp_path / "course")


@pytest.fixture
def page(qtbot: Any, app_ctx: AppContext, pack_dir: Path) -> WorkspacePage:
    widget = WorkspacePage(app_ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    with qtbot.waitSignal(widget.reloaded, timeout=5000):
        widget.open_folder(pack_dir)
    return widget


def account(ctx: AppContext, number: str, role: str) -> Any:
    """A signed-up account of ``role``; the first administrator creates the others."""
    from trainer.store.learners import create_learner, find_learners

    admins = [p for p in find_learners(ctx.db) if p.role == "admin"]
    admin = admins[0] if admins else create_learner(ctx.db, "A00", "管理员", role="admin",
                                                    pin="admin-pass-1")
    if role == "admin":
        return admin
    pin = None if role == "learner" else "2468"
    return create_learner(ctx.db, number, f"用户{number}", role=role, pin=pin, actor=admin)


def first_lesson(pack_dir: Path) -> Path:
    return pack_dir / "modules" / "01-lesson.md"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_opening_a_folder_shows_its_modules_and_no_problem(page: WorkspacePage) -> None:
    pack = page.validation.pack
    assert pack is not None
    assert page.outline.count() == len(pack.modules)
    assert page.preview.module_id == pack.modules[0].id
    assert page.preview.view is not None
    assert page.tabs.tabText(1).endswith("(0)") or "(" in page.tabs.tabText(1)
    assert not [p for p in page.validation.problems if p.severity == "error"]


def test_a_saved_file_reloads_the_preview_and_keeps_the_module(qtbot: Any, page: WorkspacePage,
                                                               pack_dir: Path) -> None:
    page.outline.setCurrentRow(1)
    second = page.validation.pack.modules[1]
    assert page.preview.module_id == second.id
    edit(pack_dir / second.file, f"title: {second.title}", "title: 改过的标题")
    with qtbot.waitSignal(page.reloaded, timeout=3000):
        pass  # the watcher notices the save by itself
    assert page.validation.pack.module(second.id).title == "改过的标题"
    assert page.preview.module_id == second.id
    assert "改过的标题" in page.outline.item(1).text()


def test_a_mistake_appears_in_the_problems_panel_with_its_line(qtbot: Any, page: WorkspacePage,
                                                               pack_dir: Path) -> None:
    lesson = first_lesson(pack_dir)
    edit(lesson, "- [x] 有条件共享", "- [ ] 有条件共享")
    with qtbot.waitSignal(page.reloaded, timeout=3000):
        pass
    errors = [p for p in page.validation.problems if p.severity == "error"]
    assert errors and errors[0].file == "modules/01-lesson.md"
    assert page.preview.pack is not None  # the last good version stays on screen
    assert page.preview.banner.isVisible() or not page.isVisible()
    assert "1" in page.tabs.tabText(1)
    model = page.problems.model
    file_row = model.index(0, 0)
    assert model.data(file_row).startswith("modules/01-lesson.md")
    problem_index = model.index(0, 0, file_row)
    page.problems.tree.clicked.emit(problem_index)
    shown = page.problems.source
    assert shown.path == lesson.resolve()
    assert shown.current_line == errors[0].line
    assert shown.extraSelections()
    assert page.problems.editor_button.isEnabled()


def test_answers_in_the_preview_are_graded_and_never_recorded(qtbot: Any, page: WorkspacePage,
                                                              app_ctx: AppContext) -> None:
    from trainer.store.progress import attempts

    trainer = account(app_ctx, "T01", "trainer")
    app_ctx.set_user(trainer)
    view = page.preview.view
    card = next(c for c in view.cards.values() if c.exercise.type == "single")
    graded: list[Any] = []
    page.preview.grader.graded.connect(lambda exercise_id, result: graded.append(result))
    right = next(i for i, o in enumerate(card.exercise.options) if o.correct)
    card.submitted.emit({"choice": right})
    assert graded and graded[0].score == 1.0
    assert attempts(app_ctx.db, trainer.id) == []


def test_build_and_share_writes_the_zip_and_shows_its_digest(qtbot: Any, page: WorkspacePage,
                                                             app_ctx: AppContext,
                                                             tmp_path: Path) -> None:
    from trainer.ui.trainer.dialogs import BuildDialog

    dialog = BuildDialog(app_ctx, page.folder, page)
    qtbot.addWidget(dialog)
    out = tmp_path / "share" / "course.zip"
    out.parent.mkdir()
    dialog.output.setText(str(out))
    dialog.build()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=5000)
    assert dialog.digest.text() == hashlib.sha256(out.read_bytes()).hexdigest()
    assert "module" in dialog.summary.text()
    titles = [c.title for c in page.validation.pack.framework.competencies]
    assert titles[0] in dialog.summary.text(), "competencies by the name trainers know"
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == dialog.digest.text()


def test_workspace_page_is_for_trainers_and_admins_only(main_window: Any,
                                                        app_ctx: AppContext) -> None:
    from trainer.ui.trainer.pages import install

    install(main_window, app_ctx)
    app_ctx.set_user(account(app_ctx, "L01", "learner"))
    assert not main_window.show_page("workspace")
    trainer = account(app_ctx, "T02", "trainer")
    app_ctx.set_user(trainer)
    assert main_window.show_page("workspace")
    assert isinstance(main_window.page("workspace"), WorkspacePage)


def test_question_bank_dialog_adds_a_module_to_the_open_pack(qtbot: Any, page: WorkspacePage,
                                                             app_ctx: AppContext) -> None:
    from trainer.ui.trainer.dialogs import BankImportDialog

    bank = Path(__file__).resolve().parents[2] / "fixtures" / "banks" / "questions.aiken"
    before = len(page.validation.pack.modules)
    dialog = BankImportDialog(app_ctx, page.folder, page)
    qtbot.addWidget(dialog)
    dialog.file.setText(str(bank))
    assert dialog.format.currentData() == "aiken"
    assert dialog.into_open.isChecked()
    first = page.validation.pack.framework.competencies[0]
    assert dialog.competency.itemData(0) == first.id and first.title in dialog.competency.itemText(0)
    dialog.convert()
    qtbot.waitUntil(lambda: dialog.result_folder is not None, timeout=5000)
    assert "Converted 3 question(s)" in dialog.report.toPlainText()
    assert "questions.aiken:14" in dialog.report.toPlainText()
    with qtbot.waitSignal(page.reloaded, timeout=3000):
        page.reload()
    assert len(page.validation.pack.modules) == before + 1
    assert page.outline.count() == before + 1
    assert page.outline.item(before).data(Qt.ItemDataRole.UserRole) == \
        page.validation.pack.modules[-1].id


def test_the_reading_position_survives_a_reload(qtbot: Any, page: WorkspacePage,
                                                pack_dir: Path) -> None:
    page.show()
    view = page.preview.view
    qtbot.waitUntil(lambda: view.scroll.verticalScrollBar().maximum() > 0, timeout=3000)
    view.set_fraction(0.6)
    qtbot.waitUntil(lambda: abs(view.fraction() - 0.6) < 0.05, timeout=3000)
    edit(first_lesson(pack_dir), "政务数据按共享属性分为三类", "政务数据按共享属性分成三类")
    with qtbot.waitSignal(page.reloaded, timeout=3000):
        pass
    assert page.preview.view is not view  # rebuilt from the saved file
    qtbot.waitUntil(lambda: abs(page.preview.view.fraction() - 0.6) < 0.05, timeout=3000)


def test_open_in_my_editor_asks_the_system_for_that_file(page: WorkspacePage, pack_dir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    page.problems.show_location("modules/01-lesson.md", 3)
    assert page.problems.open_in_editor()
    assert opened == [str(first_lesson(pack_dir).resolve())]


def test_new_pack_dialog_creates_the_starter_and_refuses_a_full_folder(
        qtbot: Any, tmp_path: Path, message_boxes: list[Any]) -> None:
    from trainer.ui.common.language import current_language
    from trainer.ui.trainer.dialogs import NewPackDialog

    dialog = NewPackDialog()
    qtbot.addWidget(dialog)
    wanted = "zh-CN" if current_language().startswith("zh") else "en"
    assert dialog.language.currentData() == wanted, "examples in the interface language"
    assert dialog.language.currentText() != wanted  # a language name, not a tag
    dialog.folder.setText(str(tmp_path / "new-course"))
    dialog.accept()
    assert dialog.created == tmp_path / "new-course"
    assert (tmp_path / "new-course" / "course.yaml").is_file()
    again = NewPackDialog()
    qtbot.addWidget(again)
    again.folder.setText(str(tmp_path / "new-course"))
    again.accept()
    assert again.created is None and message_boxes  # told why, nothing overwritten


def test_outline_wraps_titles_and_counts_exercises_in_words(page: WorkspacePage) -> None:
    """Long Chinese titles wrap (no sideways scrolling) and '6' reads as '6 exercises'."""
    pack = page.validation.pack
    for row, module in enumerate(pack.modules):
        title, summary = page.outline.item(row).text().split("\n")
        assert title == module.title
        if module.exercises:
            count = str(len(module.exercises))
            assert count in summary and not summary.endswith(f"· {count}")
    assert page.outline.wordWrap()
    assert page.outline.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert "QFrame#exerciseCard" in page.preview.styleSheet(), "previewed as the reader shows it"


def test_outline_follows_a_language_change(page: WorkspacePage) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    page.outline.item(0).setText("stale")
    QCoreApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
    assert page.outline.item(0).text().split("\n")[0] == page.validation.pack.modules[0].title


def test_problems_read_in_chinese_when_the_interface_is_chinese(
        qtbot: Any, qapp: QApplication, page: WorkspacePage, pack_dir: Path) -> None:
    """A Chinese trainer reads the validator's problems in Chinese (the CLI's catalogue)."""
    from PySide6.QtCore import QEvent, QLocale

    from trainer.ui.common import language

    edit(first_lesson(pack_dir), "competencies: data-sharing 0.7", "competencies: data-sharin 0.7")
    with qtbot.waitSignal(page.reloaded, timeout=5000):
        page.reload()
    panel = page.problems

    def first_message() -> str:
        return panel.model.item(0).child(0).text()

    assert "data-sharin" in first_message() and "did you mean" in first_message()
    locale = QLocale()
    language.install_language("zh_CN")
    try:
        QApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
        message = first_message()
        assert "data-sharin" in message and "did you mean" not in message
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    finally:
        for translator in list(language._installed):
            qapp.removeTranslator(translator)
        language._installed.clear()
        qapp.setProperty("trainerLanguage", None)  # back to English for the tests after this
        QLocale.setDefault(locale)


def test_excel_bank_in_the_dialog_gives_what_the_command_line_gives(
        qtbot: Any, app_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    from trainer.cli import main
    from trainer.ui.trainer import dialogs

    book = Workbook()
    book.active.title = "题库"
    for row in (["题型", "题干", "选项A", "选项B", "答案"], ["单选", "好题", "甲", "乙", "B"],
                ["单选", "坏题", "甲", "乙", "C"], ["判断", "也坏", None, None, "也许"]):
        book.active.append(row)
    bank = tmp_path / "单位题库.xlsx"
    book.save(bank)
    assert main(["pack", "from-xlsx", str(bank), "-o", str(tmp_path / "cli")]) == 0
    cli_lines = [line.replace(str(bank), bank.name) for line in
                 capsys.readouterr().err.splitlines()]
    dialog = dialogs.BankImportDialog(app_ctx, None, None)
    qtbot.addWidget(dialog)
    dialog.file.setText(str(bank))
    assert dialog.format.currentData() == "xlsx"
    dialog.target.setText(str(tmp_path / "gui"))
    dialog.convert()
    qtbot.waitUntil(lambda: dialog.result_folder is not None, timeout=10000)
    report = dialog.report.toPlainText()
    assert "Left out (not converted): 2" in report
    assert cli_lines == [line for line in report.splitlines() if "单位题库.xlsx:题库:" in line]
    assert len(cli_lines) == 2 and "单位题库.xlsx:题库:3: error:" in cli_lines[0]
    dialog.resize(700, 420)
    dialog.grab().save(str(tmp_path / "bank-dialog.png"))

    shown: list[BaseException] = []
    monkeypatch.setattr(dialogs, "present_error", lambda _parent, exc: shown.append(exc))
    fake = tmp_path / "导出.xlsx"
    fake.write_text("题型,题干\n", encoding="utf-8")
    again = dialogs.BankImportDialog(app_ctx, None, None)
    qtbot.addWidget(again)
    again.file.setText(str(fake))
    again.target.setText(str(tmp_path / "gui2"))
    again.convert()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "is not an Excel workbook" in str(shown[0])
    assert not (tmp_path / "gui2").exists()


def test_a_bank_with_nothing_to_convert_lists_the_reasons_in_the_dialog(
        qtbot: Any, app_ctx: AppContext, tmp_path: Path) -> None:
    from trainer.ui.trainer import dialogs

    bad = tmp_path / "bad.gift"
    bad.write_text("没有正确答案 {~a ~b}\n\n括号没关 {=a ~b\n", encoding="utf-8")
    dialog = dialogs.BankImportDialog(app_ctx, None, None)
    qtbot.addWidget(dialog)
    dialog.file.setText(str(bad))
    dialog.target.setText(str(tmp_path / "out"))
    dialog.convert()
    qtbot.waitUntil(lambda: "could be converted" in dialog.report.toPlainText(), timeout=10000)
    report = dialog.report.toPlainText()
    assert "bad.gift:1: error: no answer is marked right" in report
    assert "bad.gift:3: error: the answers opened with" in report
    assert not (tmp_path / "out").exists()
    assert dialog.result_folder is None


def test_a_conversion_that_would_not_validate_writes_nothing_and_says_why(
        qtbot: Any, page: WorkspacePage, app_ctx: AppContext, pack_dir: Path,
        tmp_path: Path) -> None:
    from trainer.ui.trainer import dialogs

    before = {p: p.read_bytes() for p in pack_dir.rglob("*") if p.is_file()}
    huge = tmp_path / "huge.aiken"
    huge.write_text("很长的题目" * 1200 + "\nA. 是\nB. 否\nANSWER: A\n", encoding="utf-8")
    dialog = dialogs.BankImportDialog(app_ctx, page.folder, page)
    qtbot.addWidget(dialog)
    dialog.file.setText(str(huge))
    assert dialog.into_open.isChecked()
    dialog.convert()
    qtbot.waitUntil(lambda: "nothing was written" in dialog.report.toPlainText(), timeout=10000)
    assert ": error: " in dialog.report.toPlainText()
    assert {p: p.read_bytes() for p in pack_dir.rglob("*") if p.is_file()} == before
