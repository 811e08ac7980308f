"""Excel question banks (题库) as Chinese trainers keep them convert into packs; each row that
cannot is named FILE:SHEET:ROW with the reason, and the rest convert."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from trainer.cli import main
from trainer.content.bankpack import write_new_pack
from trainer.content.bankwriter import read_bank
from trainer.content.grading import grade
from trainer.content.loader import load_pack

TEMPLATE_HEADER = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "选项G",
                   "选项H", "答案", "解析", "分值", "难度", "知识点", "章节"]


def workbook(path: Path, rows: list[list[object]], title: str = "Sheet1",
             merges: tuple[str, ...] = ()) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def errors(bank) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {f"{p.file}:{p.line}": p.message for p in bank.problems.items
            if p.severity == "error"}


def test_template_has_the_columns_and_a_guide_and_fills_into_a_pack(tmp_path: Path) -> None:
    target = tmp_path / "题库模板.xlsx"
    assert main(["pack", "bank-template", "-o", str(target)]) == 0
    book = load_workbook(target)
    assert book.sheetnames == ["题库", "填写说明"]
    assert [c.value for c in book["题库"][1]] == TEMPLATE_HEADER
    guide = "\n".join(str(c.value) for row in book["填写说明"].iter_rows() for c in row
                      if c.value)
    for words in ("单选", "多选", "判断", "填空", "简答", "ABD", "A,B,D", "正确/错误", "√/×",
                  "知识点", "章节"):
        assert words in guide
    sheet = book["题库"]
    sheet.append(["单选", "数据共享的类型不包括？", "无条件", "有条件", "不予共享", "随意共享", None,
                  None, None, None, "D", "分三类。", 2, "易", "数据共享与开放", "第一章"])
    sheet.append(["判断", "目录要定期更新。", *[None] * 8, "对", None, None, None, None, "第一章"])
    book.save(target)
    bank = read_bank(target, "xlsx")
    assert [q.kind for q in bank.questions] == ["single", "truefalse"]  # guide sheet skipped
    result = write_new_pack(bank, tmp_path / "pack", title="题库")
    assert result.validation.ok
    pack = load_pack(tmp_path / "pack")
    assert [m.title for m in pack.modules] == ["第一章"]
    single = pack.exercises()[0]
    assert single.weights == {"data-sharing": 1.0}  # 知识点 named by its title
    assert grade(single, {"choice": 3}).score == 1.0


def test_common_variants_headers_answers_and_title_rows(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["2025 年数据安全培训题库"], [],
        ["序号", "试题类型", "试题内容", "选项一", "选项二", "选项三", "选项四", "正确答案",
         "答案解析"],
        [1, "多项选择题", "哪些属于个人信息？", "姓名", "身份证号", "天气", "手机号", "A,B,D", "x"],
        [2, "多选", "同上（顿号）", "甲", "乙", "丙", None, "A、C", ""],
        [3, "多选", "同上（空格）", "甲", "乙", "丙", None, "A B", ""],
        [4, "不定项", "全角字母", "甲", "乙", "丙", None, "ＡＣ", ""],
        [5, "单选", "小写", "甲", "乙", None, None, "b", ""],
        [6, "判断题", "√ 是对", None, None, None, None, "√", ""],
        [7, "是非题", "× 是错", None, None, None, None, "×", ""],
        [8, "判断", "T 是对", None, None, None, None, "T", ""],
        [9, "判断", "错误 是错", None, None, None, None, "错误", ""],
        [10, "填空题", "数据共享通过统一的（ ）交换。", None, None, None, None, "平台|共享平台", ""],
        [11, "问答题", "谈谈数据共享的难点。", None, None, None, None, "制度与技术", ""],
        [12, None, "题型留空：一个字母", "甲", "乙", None, None, "A", ""],
        [13, None, "题型留空：几个字母", "甲", "乙", None, None, "AB", ""],
        [14, None, "题型留空：对错", None, None, None, None, "对", ""],
    ]
    bank = read_bank(workbook(tmp_path / "bank.xlsx", rows, "单位题库"), "xlsx")
    assert errors(bank) == {}
    kinds = [q.kind for q in bank.questions]
    assert kinds == ["multiple"] * 4 + ["single"] + ["truefalse"] * 4 + ["fill", "open",
                                                                         "single", "multiple",
                                                                         "truefalse"]
    credits = [[o.credit for o in q.options] for q in bank.questions]
    assert credits[0] == [1, 1, 0, 1] and credits[1] == [1, 0, 1] and credits[2] == [1, 1, 0]
    assert credits[3] == [1, 0, 1] and credits[4] == [0, 1]
    assert [c[0] for c in credits[5:9]] == [1, 0, 1, 0]  # the "true" option first
    fill = bank.questions[9]
    assert fill.text == "数据共享通过统一的____交换。" and fill.answers == ("平台", "共享平台")
    assert "制度与技术" in bank.questions[10].explanation
    assert bank.questions[0].line == 4  # rows counted as Excel shows them


def test_english_headers(tmp_path: Path) -> None:
    rows = [["Type", "Question", "Option A", "Option B", "Answer", "Explanation", "Chapter"],
            ["single", "Which?", "one", "two", "B", "Because.", "Basics"]]
    bank = read_bank(workbook(tmp_path / "en.xlsx", rows), "xlsx")
    assert [(q.kind, q.category, q.explanation) for q in bank.questions] == [
        ("single", "Basics", "Because.")]


def test_each_bad_row_is_named_by_file_sheet_and_row(tmp_path: Path, data_dir: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    rows: list[list[object]] = [
        TEMPLATE_HEADER,
        ["单选", "好的题目", "甲", "乙", *[None] * 6, "A", "", None, None, None, None],
        ["单选", "", "甲", "乙", *[None] * 6, "A"],
        ["单选", "答案不是字母", "甲", "乙", *[None] * 6, "甲"],
        ["单选", "单选给了两个答案", "甲", "乙", *[None] * 6, "AB"],
        ["多选", "答案超出选项", "甲", "乙", *[None] * 6, "AC"],
        ["判断", "判断答案不明", *[None] * 8, "也许"],
        ["连线", "不认识的题型", "甲", "乙", *[None] * 6, "A"],
        ["单选", "选项中间空了", "甲", None, "丙", *[None] * 5, "A"],
        ["填空", "两个空 ____ 和 ____", *[None] * 8, "甲"],
    ]
    path = workbook(tmp_path / "题库.xlsx", rows, "第一套")
    out = tmp_path / "pack"
    assert main(["pack", "from-xlsx", str(path), "-o", str(out)]) == 0
    report = capsys.readouterr()
    for row, words in ((3, "题干"), (4, "not option letters"), (5, "single-choice"),
                       (6, "option C"), (7, "正确/错误"), (8, "'连线' is unknown"),
                       (9, "option B is empty"), (10, "2 blanks")):
        line = next(x for x in report.err.splitlines() if f"题库.xlsx:第一套:{row}:" in x)
        assert words in line, line
    assert "Converted 1 question(s)" in report.out
    assert len(load_pack(out).exercises()) == 1


def test_knowledge_points_become_competencies_and_chapters_modules(tmp_path: Path) -> None:
    rows: list[list[object]] = [["题型", "题干", "A", "B", "答案", "知识点", "章节"]]
    rows += [["单选", f"第一章题 {n}", "甲", "乙", "A", "数据分类", "第一章"] for n in range(3)]
    rows += [["单选", "第二章题", "甲", "乙", "B", "data-security", "第二章"]]
    bank = read_bank(workbook(tmp_path / "k.xlsx", rows), "xlsx")
    write_new_pack(bank, tmp_path / "pack", title="t")
    pack = load_pack(tmp_path / "pack")
    assert [m.title for m in pack.modules] == ["第一章", "第二章"]
    new = next(c for c in pack.framework.competencies if c.title == "数据分类")
    assert pack.modules[0].exercises[0].weights == {new.id: 1.0}
    assert pack.modules[1].exercises[0].weights == {"data-security": 1.0}


def test_merged_cells_shared_columns_fill_down_others_are_reported(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["章节", "题型", "题干", "选项A", "选项B", "答案"],
        ["第一章", "单选", "一", "甲", "乙", "A"],
        [None, None, "二", "甲", "乙", "B"],
        [None, None, "三", "甲", "乙", "A"],
        ["第二章", "单选", "跨两行的题干", "甲", "乙", "A"],
        [None, "单选", None, "丙", "丁", "B"],
    ]
    path = workbook(tmp_path / "merged.xlsx", rows, merges=("A2:A4", "B2:B4", "A5:A6", "C5:C6"))
    bank = read_bank(path, "xlsx")
    assert [(q.text, q.category, q.kind) for q in bank.questions] == [
        ("一", "第一章", "single"), ("二", "第一章", "single"), ("三", "第一章", "single"),
        ("跨两行的题干", "第二章", "single")]
    assert "merged cells" in errors(bank)["merged.xlsx:Sheet1:6"]
    warnings = [str(p) for p in bank.problems.items if p.severity == "warning"]
    assert any("merged.xlsx:Sheet1:2: warning: merged cells A2:A4" in w for w in warnings)


def test_a_big_bank_is_cut_into_modules_of_200(tmp_path: Path) -> None:
    rows: list[list[object]] = [["题干", "选项A", "选项B", "答案"]]
    rows += [[f"题 {n}", "甲", "乙", "A"] for n in range(450)]
    bank = read_bank(workbook(tmp_path / "big.xlsx", rows), "xlsx")
    write_new_pack(bank, tmp_path / "pack", title="大题库")
    pack = load_pack(tmp_path / "pack")
    assert [len(m.exercises) for m in pack.modules] == [200, 200, 50]
    assert pack.modules[1].title == "大题库（2）"


def test_numbered_empty_rows_gaps_and_typed_cells(tmp_path: Path) -> None:
    import datetime

    rows: list[list[object]] = [["序号", "题干", "选项A", "选项B", "答案"],
                                [1, "施行日期？", datetime.datetime(2021, 9, 1), 2022, "A"],
                                [], [],
                                [2, "第五行的题", "甲", "乙", "C"],
                                [3], [4], [5]]  # numbered rows not filled yet
    bank = read_bank(workbook(tmp_path / "n.xlsx", rows), "xlsx")
    assert [o.text for o in bank.questions[0].options] == ["2021-09-01", "2022"]
    assert list(errors(bank)) == ["n.xlsx:Sheet1:5"]  # the row Excel shows, blank rows counted


def test_a_workbook_that_states_a_wrong_size_is_read_whole(tmp_path: Path) -> None:
    """Some exporters write <dimension ref="A1"/>; read-only openpyxl would then see one cell."""
    import re
    import zipfile

    good = workbook(tmp_path / "good.xlsx", [["题干", "选项A", "选项B", "答案"],
                                             ["一", "甲", "乙", "A"], ["二", "甲", "乙", "B"]])
    bad = tmp_path / "wps.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', data)
            target.writestr(item, data)
    assert [q.text for q in read_bank(bad, "xlsx").questions] == ["一", "二"]
