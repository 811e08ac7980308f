"""The roster import dialog, driven as HR would: preview with every problem, mapping, import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from trainer.store.learners import create_learner, find_learners
from trainer.store.permissions import COMMAND_LINE
from trainer.ui.common.context import AppContext
from trainer.ui.hr.roster_dialog import RosterImportDialog, column_letter
from trainer.ui.hr.roster_model import RosterPlanModel

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rosters"


@pytest.fixture
def hr_ctx(app_ctx: AppContext) -> AppContext:
    hr = create_learner(app_ctx.db, "H1", "人事甲", role="hr", pin="1234", actor=COMMAND_LINE)
    app_ctx.set_user(hr)
    return app_ctx


def _open(qtbot: Any, ctx: AppContext, name: str) -> RosterImportDialog:
    dialog = RosterImportDialog(ctx, None, path=FIXTURES / name)
    qtbot.addWidget(dialog)
    return dialog


def _column(model: RosterPlanModel, name: str) -> list[Any]:
    column = model.COLUMNS.index(name)
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_preview_lists_every_problem_then_imports_the_good_rows(
        qtbot: Any, hr_ctx: AppContext, message_boxes: list[QMessageBox]) -> None:
    dialog = _open(qtbot, hr_ctx, "roster-bad-rows.csv")
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert "9 row(s): 1 new, 0 to update, 0 unchanged, 8 with problems" in dialog.summary.text()
    assert dialog.only_problems.isChecked()  # problems first
    assert _column(dialog.model, "line") == [2, 3, 4, 5, 6, 7, 8, 10]
    problems = _column(dialog.model, "problems")
    assert problems[0] == "missing employee number"
    assert "unknown role 局长" in problems[2]
    assert "duplicate employee number B006 (also on line 8)" in problems[5]
    assert _column(dialog.model, "problems")[-1] == ("the name cell holds a line break (remove "
                                                     "it: a roster cell is one line)")
    assert dialog.import_button.text() == "Import 1 good row(s)"
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0] == "roster-bad-rows.csv:2: missing employee number"
    assert len(copied) == 8
    assert find_learners(hr_ctx.db) == [find_learners(hr_ctx.db)[0]]  # only HR so far
    with qtbot.waitSignal(hr_ctx.dataChanged, timeout=10_000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result_summary is not None)
    assert {p.employee_no for p in find_learners(hr_ctx.db)} == {"H1", "B010"}
    assert "1 new, 0 updated, 0 unchanged, 8 not imported." in message_boxes[-1].text()


def test_unrecognised_headers_are_mapped_by_hand(qtbot: Any, hr_ctx: AppContext) -> None:
    dialog = _open(qtbot, hr_ctx, "roster-unknown-headers.csv")
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert "employee number, name" in dialog.mapping_note.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.combos["employee_no"].itemText(1) == "A: 工作证号"
    dialog.set_column("employee_no", 0)
    dialog.set_column("name", 1)
    dialog.set_column("department", 2)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert _column(dialog.model, "result") == ["New", "New"]
    assert _column(dialog.model, "department") == ["办公室", "办公室"]
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import 2 row(s)"


def test_an_unchanged_roster_has_nothing_to_import(qtbot: Any, hr_ctx: AppContext) -> None:
    create_learner(hr_ctx.db, "X1", "赵一", "办公室", actor=COMMAND_LINE)
    dialog = _open(qtbot, hr_ctx, "roster-unknown-headers.csv")
    qtbot.waitUntil(lambda: dialog.preview is not None)
    for field, column in (("employee_no", 0), ("name", 1), ("department", 2)):
        dialog.set_column(field, column)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert _column(dialog.model, "result") == ["No change", "New"]


def test_a_learner_cannot_preview_or_import(qtbot: Any, app_ctx: AppContext,
                                            message_boxes: list[QMessageBox]) -> None:
    learner = create_learner(app_ctx.db, "L1", "学员甲", actor=COMMAND_LINE)
    app_ctx.set_user(learner)
    dialog = _open(qtbot, app_ctx, "roster-utf8.csv")
    qtbot.waitUntil(lambda: len(message_boxes) == 1)
    assert "needs a HR sign-in" in message_boxes[0].text()
    assert dialog.plan is None and not dialog.import_button.isEnabled()


BAD_FILES = {"roster.xls": b"\xd0\xcf\x11\xe0",
             "erp.xlsx": b"<html><table><tr><td>x</td></tr></table></html>",
             "empty.xlsx": b"", "blank.csv": b"\r\n\r\n"}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_an_unreadable_file_is_explained_as_the_command_line_does(
        qtbot: Any, hr_ctx: AppContext, tmp_path: Path, message_boxes: list[QMessageBox],
        capsys: pytest.CaptureFixture[str], name: str) -> None:
    from trainer.cli import main

    file = tmp_path / name
    file.write_bytes(BAD_FILES[name])
    dialog = RosterImportDialog(hr_ctx, None, path=file)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(message_boxes) == 1)
    assert main(["--data-dir", str(tmp_path / "cli"), "learners", "import", str(file)]) == 1
    said = capsys.readouterr().err.removeprefix("trainer: ").splitlines()[0]
    assert said == message_boxes[0].text()
    assert dialog.table is None and not dialog.import_button.isEnabled()


def test_the_model_passes_qt_checks(qtmodeltester: Any, hr_ctx: AppContext) -> None:
    from trainer.store.roster import read_roster
    from trainer.store.roster_import import plan_roster

    model = RosterPlanModel()
    model.set_plan(plan_roster(hr_ctx.db, read_roster(FIXTURES / "roster-bad-rows.csv"),
                               actor=hr_ctx.user))
    qtmodeltester.check(model)
    model.set_only_problems(True)
    qtmodeltester.check(model)


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]


def test_in_chinese_every_problem_reads_in_chinese(qtbot: Any, qapp: Any,
                                                   hr_ctx: AppContext) -> None:
    from PySide6.QtCore import QLocale

    from trainer.ui.common import language

    locale = QLocale()
    language.install_language("zh_CN")
    try:
        dialog = _open(qtbot, hr_ctx, "roster-bad-rows.csv")
        qtbot.waitUntil(lambda: dialog.plan is not None)
        problems = _column(dialog.model, "problems")
        assert problems[0] == "缺少工号"
        assert problems[2].startswith("无法识别的角色“局长”")
        assert problems[5] == "工号 B006 重复（第 8 行也有）"
        assert problems[-1] == "姓名单元格中有换行（请删除：名单的每个单元格只能占一行）"
        assert dialog.import_button.text() == "导入 1 条无问题的行"
        assert dialog.windowTitle() == "导入人员名单"
    finally:
        for translator in list(language._installed):
            qapp.removeTranslator(translator)
        language._installed.clear()
        QLocale.setDefault(locale)


def test_a_file_dropped_on_the_dialog_is_opened(qtbot: Any, hr_ctx: AppContext) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    dialog = RosterImportDialog(hr_ctx, None)
    qtbot.addWidget(dialog)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(FIXTURES / "roster-utf8.csv"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(event)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert len(dialog.plan.rows) == 5


def test_a_blank_roster_can_be_saved_from_the_dialog(qtbot: Any, hr_ctx: AppContext,
                                                     tmp_path: Path) -> None:
    dialog = RosterImportDialog(hr_ctx, None)
    qtbot.addWidget(dialog)
    written = dialog.save_template(tmp_path / "blank.xlsx")
    assert written is not None and written.exists()
    assert str(written) in dialog.file_label.text()


def test_long_problems_wrap_and_enter_never_opens_a_file_dialog(qtbot: Any,
                                                                hr_ctx: AppContext) -> None:
    """A row with two problems shows both in full; only Import/Cancel react to Enter."""
    from PySide6.QtWidgets import QPushButton

    dialog = _open(qtbot, hr_ctx, "roster-bad-rows.csv")
    dialog.resize(700, 500)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    heights = [dialog.view.rowHeight(row) for row in range(dialog.model.rowCount())]
    longest = max(range(len(heights)), key=lambda row: len(_column(dialog.model, "problems")[row]))
    assert heights[longest] > min(heights), "the longest problem wraps onto more lines"
    outside = [b for b in dialog.findChildren(QPushButton) if b.parent() is dialog]
    assert outside and not any(b.autoDefault() for b in outside)


def _big_roster(tmp_path: Path, count: int) -> Path:
    file = tmp_path / "big.csv"
    file.write_text("工号,姓名,部门,密码\n" + "".join(
        f"G{n:05d},学员{n},临江市第{n % 7}局,{200000 + n}\n" for n in range(count)),
        encoding="utf-8")
    return file


def test_a_large_import_shows_its_progress_and_the_window_stays_responsive(
        qtbot: Any, hr_ctx: AppContext, message_boxes: list[QMessageBox],
        tmp_path: Path) -> None:
    import time

    from PySide6.QtCore import QTimer

    dialog = RosterImportDialog(hr_ctx, None, path=_big_roster(tmp_path, 600))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    ticks: list[float] = []
    labels: set[str] = set()

    def tick() -> None:  # runs on the GUI thread: a gap means the window froze
        ticks.append(time.perf_counter())
        work = dialog.work
        if work is not None and work.dialog is not None:
            labels.add(work.dialog.labelText())

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(20)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result_summary is not None, timeout=120_000)
    timer.stop()
    assert "Protecting PINs…" in labels  # the progress dialog showed the stage
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 20 and max(gaps) < 0.5, f"the window froze for {max(gaps):.2f} s"
    assert dialog.result_summary.created == 600
    assert "600 new" in message_boxes[-1].text()


def test_cancelling_a_large_import_writes_nothing(qtbot: Any, hr_ctx: AppContext,
                                                 tmp_path: Path) -> None:
    dialog = RosterImportDialog(hr_ctx, None, path=_big_roster(tmp_path, 800))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    dialog.import_button.click()
    work = dialog.work
    assert work is not None
    qtbot.waitUntil(lambda: work.dialog is not None, timeout=20_000)
    from PySide6.QtWidgets import QPushButton

    [cancel] = work.dialog.findChildren(QPushButton)
    with qtbot.waitSignal(work.cancelled, timeout=60_000):
        cancel.click()
    assert [p.employee_no for p in find_learners(hr_ctx.db)] == ["H1"]
    assert dialog.import_button.isEnabled()  # the user may try again


def _two_sheet_book(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "填表说明"
    book.active.append(["工号请按六位数字填写"])
    for title, number in (("一处", 102), ("二处", 7)):
        sheet = book.create_sheet(title)
        sheet.append(["临江市培训人员名单"])
        sheet.merge_cells("A1:C1")
        sheet.append(["工号", "姓名", "部门"])
        sheet.append([number, "李　四", f"临江市{title}"])
        sheet.cell(row=3, column=1).number_format = "000000"
        sheet.append(["制表人：王五"])
    book.save(path)
    return path


def test_a_workbook_offers_its_sheets_and_reads_as_shown(
        qtbot: Any, hr_ctx: AppContext, tmp_path: Path) -> None:
    dialog = RosterImportDialog(hr_ctx, None, path=_two_sheet_book(tmp_path / "名单.xlsx"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert dialog.sheet_combo.isVisible()
    assert [dialog.sheet_combo.itemText(i) for i in range(3)] == ["填表说明", "一处", "二处"]
    assert dialog.sheet_combo.currentText() == "一处"
    assert _column(dialog.model, "employee_no") == ["000102"]
    assert _column(dialog.model, "name") == ["李四"]
    assert "New department(s) to be created: 临江市一处." in dialog.summary.text()
    assert "line 4" in dialog.summary.text()  # the 制表人 footer, named
    qtbot.wait(100)  # let the layout take the longer summary before looking at it
    dialog.grab().save(str(tmp_path / "roster-sheets.png"))
    dialog.sheet_combo.setCurrentText("二处")
    qtbot.waitUntil(lambda: dialog.table.sheet == "二处" and dialog.plan is not None
                    and dialog.preview.table is dialog.table)
    assert _column(dialog.model, "employee_no") == ["000007"]


def test_an_unsure_encoding_is_chosen_from_a_list(
        qtbot: Any, hr_ctx: AppContext, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    file = tmp_path / "western.csv"
    file.write_bytes("employee_no,name\nE1,Jürgen Müller\nE2,François Lefèvre\n"
                     .encode("cp1252"))
    offered: list[list[str]] = []

    def choose(parent: Any, title: str, label: str, items: list[str], *args: Any
               ) -> tuple[str, bool]:
        offered.append(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    dialog = RosterImportDialog(hr_ctx, None, path=file)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert offered[0][0] == "cp1252 — reads: E1,Jürgen Müller"
    assert "gb18030 — reads: E1,J黵gen M黮ler" in offered[0]
    assert _column(dialog.model, "name") == ["Jürgen Müller", "François Lefèvre"]
    assert dialog.encoding == "cp1252"


def test_similar_numbers_are_held_back_until_hr_says_they_differ(
        qtbot: Any, hr_ctx: AppContext, tmp_path: Path,
        message_boxes: list[QMessageBox]) -> None:
    create_learner(hr_ctx.db, "102", "王伟", actor=COMMAND_LINE)
    file = tmp_path / "r.csv"
    file.write_text("工号,姓名\n000102,王伟\n2301,李娜\n", encoding="utf-8")
    dialog = RosterImportDialog(hr_ctx, None, path=file)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert dialog.allow_similar.isVisible() and not dialog.allow_similar.isChecked()
    assert "looks like the stored 102 with leading zeros" in _column(dialog.model, "problems")[0]
    assert dialog.import_button.text() == "Import 1 good row(s)"
    dialog.grab().save(str(tmp_path / "roster-similar.png"))
    dialog.plan = None
    dialog.allow_similar.click()
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert dialog.import_button.text() == "Import 2 row(s)"
    with qtbot.waitSignal(hr_ctx.dataChanged, timeout=10_000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result_summary is not None)
    numbers = sorted(info.employee_no for info in find_learners(hr_ctx.db))
    assert numbers == ["000102", "102", "2301", "H1"]
