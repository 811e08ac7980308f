"""A blank roster for HR to fill in: the headers Trainer recognises (each with a note on what
goes there), and the employee-number and PIN columns formatted as text so Excel keeps their
leading zeros. No example row: a forgotten example would be imported as a person."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from trainer.errors import TrainerError

HEADERS = ("工号", "姓名", "上级单位", "部门", "角色", "邮箱", "PIN")
NOTES = ("必填，如 00123（开头的 0 会保留）", "必填，如 王小明",
         "可不填；部门属于哪个单位，如 临江市财政局（最多三级）",
         "如 预算科；也可写成 临江市财政局/预算科",
         "学员 / 培训师 / 人事 / 管理员；不填 = 学员", "可不填，如 wangxm@linjiang.gov.cn",
         "培训师、人事、管理员必填，至少 4 位")
WIDTHS = (14, 12, 22, 26, 12, 28, 10)


def write_roster_template(out: Path) -> Path:
    """Write the template as .xlsx (or .csv, UTF-8 with BOM, when ``out`` ends in .csv)."""
    out = Path(out)
    temp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        if out.suffix.lower() == ".csv":
            _write_csv(temp)
        else:
            _write_xlsx(temp)
        os.replace(temp, out)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise TrainerError(f"Cannot write {out}: {exc.strerror or exc}",
                           hint="Choose a folder you can write to.") from exc
    return out


def _write_csv(target: Path) -> None:
    import csv

    with target.open("w", encoding="utf-8-sig", newline="") as handle:  # Excel reads the BOM
        writer = csv.writer(handle)
        writer.writerow(HEADERS)


def _write_xlsx(target: Path) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.comments import Comment  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.title = "人员名单"
    sheet.append(list(HEADERS))
    for column, (width, note) in enumerate(zip(WIDTHS, NOTES, strict=True), start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = width
        header = sheet.cell(row=1, column=column)
        header.font = Font(bold=True)
        if note:
            header.comment = Comment(note, "Trainer")
    for letter in ("A", "G"):  # text, so 00123 stays 00123
        for row in range(2, 1001):
            sheet[f"{letter}{row}"].number_format = "@"
    sheet.freeze_panes = "A2"
    book.save(target)
