"""The Excel bank template (``trainer pack bank-template``) and Excel exports of a pack's
questions (``trainer pack export-bank --format xlsx``), in one layout so they convert back.

Written with XlsxWriter (DESIGN §6: xlsxwriter writes, openpyxl reads), imported when first used.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from trainer.content.bank import BankQuestion
from trainer.content.bankrows import KIND_NAMES_ZH, LETTERS
from trainer.content.errors import PackError

HEADER = ("题型", "题干", *(f"选项{c}" for c in LETTERS), "答案", "解析", "分值", "难度",
          "知识点", "章节")
BANK_SHEET, GUIDE_SHEET = "题库", "填写说明"
_WIDTHS = (8, 48, *(18,) * len(LETTERS), 10, 36, 6, 6, 16, 16)
_COLUMNS = (
    ("题型", "单选、多选、判断、填空、简答（也认 单选题、多项选择题、不定项、是非题、问答题 等写法）。"
             "留空时按答案推断：一个字母为单选，几个字母为多选，对/错为判断，没有选项为填空。"),
    ("题干", "题目正文，必填。填空题用 ____（至少两个下划线）或（ ）标出空，只能有一个空。"),
    ("选项A…选项H", "单选、多选的选项，从 A 起连续填写，至少两个，最多八个。判断、填空、简答不填。"
                   "表头也可写作 A、选项1、选项一、Option A。"),
    ("答案", "单选写一个字母：B；多选写几个字母：ABD、A,B,D、A、B、D、A B D 都可以，全角 ＡＢ "
            "和小写也可以。判断写 正确/错误、对/错、√/×、T/F。填空写可接受的答案，几种写法用 | 或 ； "
            "分开（比较时不区分大小写和全角半角）。简答写参考答案（可留空）。"),
    ("解析", "答题后显示给学员的讲解，建议每题都写。"),
    ("分值", "可留空。Trainer 每题按 0～1 计分，分值不影响成绩，只为方便与其他考试系统交换。"),
    ("难度", "可留空，同上（例如 易、中、难）。"),
    ("知识点", "题目考查的能力项：写能力框架中的名称或编号（如 数据共享与开放 或 data-sharing）。"
              "新建课程包时，框架中没有的知识点会作为新的能力项加入；加入已有课程包时，"
              "未知的知识点改用选定的能力项，并给出提示。"),
    ("章节", "同一章节的题目放在同一个模块里，模块以章节命名；留空的题目放在以文件名命名的模块。"
            "每个模块最多 200 题，超过时分成几个模块。"),
)
_EXAMPLES = (
    ("单选", "数据共享的三种类型不包括哪一种？", ("无条件共享", "有条件共享", "不予共享", "随意共享"),
     "D", "按共享属性，政务数据分为无条件共享、有条件共享和不予共享三类。", "2", "易",
     "数据共享与开放", "第一章 数据共享"),
    ("多选", "共享申请通常要写明哪些内容？", ("使用用途", "依据的法规政策", "申请人的爱好",
                                      "使用范围和期限"),
     "ABD", "用途、依据、范围和期限是提供部门审核的内容。", "3", "中", "数据共享与开放",
     "第一章 数据共享"),
    ("判断", "无条件共享的数据可以用于任何用途。", (), "错误",
     "即使是无条件共享的数据，也只能用于履行职责。", "1", "易", "数据共享与开放",
     "第一章 数据共享"),
    ("填空", "各部门通过统一的数据共享____交换数据。", (), "平台|共享平台|交换平台",
     "统一平台便于留痕和管理。", "2", "易", "数据共享与开放", "第一章 数据共享"),
    ("简答", "简述发现共享数据被超范围使用时的处置步骤。", (),
     "先暂停接口并告知提供部门，再向领导报告，最后整改。", "", "10", "难",
     "数据安全与个人信息保护", "第二章 数据安全"),
)


def _writer(path: Path):  # type: ignore[no-untyped-def]
    import xlsxwriter

    return xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                           "strings_to_formulas": False,
                                           "strings_to_urls": False})


def _bank_sheet(book, header_format):  # type: ignore[no-untyped-def]
    sheet = book.add_worksheet(BANK_SHEET)
    for column, (name, width) in enumerate(zip(HEADER, _WIDTHS, strict=True)):
        sheet.set_column(column, column, width)
        sheet.write_string(0, column, name, header_format)
    sheet.freeze_panes(1, 2)
    sheet.data_validation(1, 0, 100_000, 0, {
        "validate": "list", "source": list(KIND_NAMES_ZH.values()), "ignore_blank": True,
        "error_type": "warning", "error_message": "题型写 单选、多选、判断、填空 或 简答。"})
    return sheet


def _row(question: BankQuestion) -> list[str]:
    options = [""] * len(LETTERS)
    answer = ""
    if question.kind in ("single", "multiple"):
        for index, option in enumerate(question.options[:len(LETTERS)]):
            options[index] = option.text
        answer = "".join(LETTERS[i] for i, o in enumerate(question.options) if o.credit >= 0.999)
    elif question.kind == "truefalse":
        answer = "正确" if question.options[0].credit >= 0.999 else "错误"
    elif question.kind == "fill":
        answer = "|".join(question.answers)
    return [KIND_NAMES_ZH[question.kind], question.text, *options, answer, question.explanation,
            "", "", question.knowledge, question.category]


def write_template(path: Path, overwrite: bool = False) -> None:
    """An empty bank sheet with the header, and a 填写说明 sheet explaining and showing it."""
    _refuse_existing(path, overwrite)
    book = _writer(path)
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    _bank_sheet(book, bold)
    guide = book.add_worksheet(GUIDE_SHEET)
    guide.set_column(0, 0, 14)
    guide.set_column(1, 1, 100)
    guide.write_string(0, 0, "填写说明", bold)
    guide.write_string(0, 1, "在“题库”表中每行写一道题；第一行是表头，不要改动。保存为 .xlsx"
                       "（Excel 或 WPS 均可），然后运行：trainer pack from-xlsx 文件.xlsx -o 新课程包"
                       "文件夹，或在培训师工作台中“导入题库…”。本表不会被导入。", wrap)
    for number, (column, text) in enumerate(_COLUMNS, start=2):
        guide.write_string(number, 0, column, bold)
        guide.write_string(number, 1, text, wrap)
    start = len(_COLUMNS) + 3
    guide.write_string(start, 0, "示例", bold)
    guide.write_string(start, 1, "下面每种题型一道示例，可以照着在“题库”表中填写：", wrap)
    for column, name in enumerate(HEADER):
        guide.write_string(start + 1, column, name, bold)
    for offset, example in enumerate(_EXAMPLES, start=start + 2):
        kind, stem, options, answer, explanation, points, level, knowledge, chapter = example
        cells = [kind, stem, *options, *[""] * (len(LETTERS) - len(options)), answer,
                 explanation, points, level, knowledge, chapter]
        for column, value in enumerate(cells):
            guide.write_string(offset, column, value)
    _close(book, path)


def write_bank_xlsx(path: Path, questions: Iterable[BankQuestion],
                    overwrite: bool = False) -> int:
    """Questions in the template's layout; returns how many rows were written."""
    _refuse_existing(path, overwrite)
    book = _writer(path)
    sheet = _bank_sheet(book, book.add_format({"bold": True, "bg_color": "#DDEBF7",
                                               "border": 1}))
    count = 0
    for count, question in enumerate(questions, start=1):
        for column, value in enumerate(_row(question)):
            if value:
                sheet.write_string(count, column, value)
    _close(book, path)
    return count


def refuse_existing(path: Path, overwrite: bool = False) -> None:
    """A workbook someone filled in is never overwritten by accident."""
    if path.exists() and not overwrite:
        raise PackError(f"{path} already exists.",
                        hint="Choose another file name, or add --force to replace it.")


def _refuse_existing(path: Path, overwrite: bool = True) -> None:
    if path.suffix.lower() != ".xlsx":
        raise PackError(f"{path.name} does not end in .xlsx.",
                        hint="Name the workbook like 题库.xlsx.")
    refuse_existing(path, overwrite)


def _close(book, path: Path) -> None:  # type: ignore[no-untyped-def]
    try:
        book.close()
    except OSError as exc:
        raise PackError(f"Cannot write {path}: {exc.strerror or exc}") from exc
