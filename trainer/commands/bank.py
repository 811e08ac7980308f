"""``trainer pack from-gift|from-aiken|from-xlsx``, ``bank-template`` and ``export-bank``:
question banks into packs and back out (courses/README.md, 题库)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

_FORMATS = (("gift", "a Moodle GIFT question bank (UTF-8 or GB18030)"),
            ("aiken", "an Aiken question bank (UTF-8 or GB18030)"),
            ("xlsx", "an Excel question bank (题库, .xlsx from Excel or WPS)"))


def register_pack_actions(sub: Any) -> None:
    """Add the converters to the ``trainer pack`` group (called by trainer.commands.pack)."""
    for fmt, what in _FORMATS:
        parser = sub.add_parser(f"from-{fmt}", help=f"convert {what} into a pack or new "
                                "modules")
        parser.add_argument("file", metavar="FILE")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("-o", "--output", metavar="DIR", help="new pack folder to create")
        target.add_argument("--into", metavar="PACK", help="existing pack folder: add modules")
        parser.add_argument("--title", help="course or module title (default: the file name)")
        parser.add_argument("--language", default="zh-CN",
                            help="language of a new pack (default zh-CN)")
        parser.add_argument("--competency", action="append", default=[], metavar="ID",
                            help="competency the questions train (repeat for several; "
                                 "default: the framework's first)")
        parser.set_defaults(func=_convert, bank_format=fmt)
    template = sub.add_parser("bank-template", help="write the Excel question-bank template "
                              "(题库模板) with a 填写说明 sheet")
    template.add_argument("-o", "--output", metavar="FILE", default="题库模板.xlsx",
                          help="workbook to write (default 题库模板.xlsx)")
    template.add_argument("--force", action="store_true", help="replace an existing file")
    template.set_defaults(func=_template)
    export = sub.add_parser("export-bank", help="write a pack's questions as an Excel bank "
                            "or Moodle GIFT")
    export.add_argument("pack", metavar="PACK", help="pack folder, zip, or installed pack id")
    export.add_argument("--format", choices=("xlsx", "gift"), required=True)
    export.add_argument("-o", "--output", metavar="FILE",
                        help="file to write (default: PACK-ID.xlsx or PACK-ID.gift)")
    export.add_argument("--force", action="store_true", help="replace an existing file")
    export.set_defaults(func=_export)


def _zh(ctx: Any) -> bool:
    from trainer.commands.pack import _message_language

    return _message_language(ctx).startswith("zh")


def _say(zh: bool, chinese: str, english: str, err: bool = False) -> None:
    print(chinese if zh else english, file=sys.stderr if err else sys.stdout)


def _error_text(exc: Exception, zh: bool) -> str:
    if not zh:
        return str(exc)
    from trainer.errors_zh import to_chinese

    message, hint = getattr(exc, "message", str(exc)), getattr(exc, "hint", None)
    parts = [to_chinese(message) or message] + ([to_chinese(hint) or hint] if hint else [])
    return "\n".join(parts)


def _print_problems(problems: Any, source: Path, zh: bool) -> None:
    """Each problem with the path as given (xlsx problems keep their ``:SHEET`` part)."""
    from dataclasses import replace

    from trainer.content.messages_zh import problem_text

    for problem in problems:
        shown = replace(problem, file=str(source) + problem.file[len(source.name):]) \
            if problem.file.startswith(source.name) else problem
        print(problem_text(shown, "zh-CN" if zh else "en"), file=sys.stderr)


def _convert(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.content.bankpack import add_module, write_new_pack
    from trainer.content.bankwriter import read_bank
    from trainer.content.errors import PackError, PackInvalid

    zh, source = _zh(ctx), Path(args.file)
    try:
        bank = read_bank(source, args.bank_format, _progress(zh))
    except PackError as exc:
        print(f"trainer: {_error_text(exc, zh)}", file=sys.stderr)
        return 1
    _print_problems(bank.problems.sorted(), source, zh)
    title = args.title or source.stem
    try:
        if args.output:
            result = write_new_pack(bank, Path(args.output), title=title,
                                    language=args.language, competencies=args.competency)
        else:
            result = add_module(bank, Path(args.into), title=title,
                                competencies=args.competency)
    except PackInvalid as exc:
        _print_problems([p for p in exc.problems if p.severity == "error"], source, zh)
        _say(zh, "trainer: 转换结果不是有效的课程包（问题见上），没有写入任何文件。",
             "trainer: the converted questions do not make a valid pack (problems above); "
             "nothing was written.", err=True)
        return 1
    except PackError as exc:
        print(f"trainer: {_error_text(exc, zh)}", file=sys.stderr)
        return 1
    skipped = sum(1 for p in result.problems if p.severity == "error")
    if zh:
        print(f"已从 {source} 转换 {result.questions} 道题"
              + (f"；{skipped} 处无法转换（见上）。" if skipped else "。"))
    else:
        print(f"Converted {result.questions} question(s) from {source}"
              + (f"; {skipped} could not be converted (listed above)." if skipped else "."))
    for path in result.written:
        print(f"  {'写入' if zh else 'wrote'} {path}")
    warnings = [p for p in result.validation.problems if p.severity == "warning"]
    if warnings:
        _say(zh, f"课程包可以使用；trainer pack validate 列出 {len(warnings)} 条警告供检查"
                 "（例如缺少解析的题目）。",
             f"The pack loads; 'trainer pack validate' lists {len(warnings)} warning(s) "
             "to review (e.g. questions without feedback).")
    return 0


def _progress(zh: bool) -> Any:
    """Rows read so far, on a terminal only (a 100,000-row bank takes a while)."""
    if not sys.stderr.isatty():
        return None

    def show(rows: int) -> None:
        print(f"\r{'已读取' if zh else 'Read'} {rows:,} {'行' if zh else 'rows'}…", end="",
              file=sys.stderr, flush=True)

    return show


def _template(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.content.banktemplate import write_template
    from trainer.content.errors import PackError

    zh, target = _zh(ctx), Path(args.output)
    try:
        write_template(target, overwrite=args.force)
    except PackError as exc:
        print(f"trainer: {_error_text(exc, zh)}", file=sys.stderr)
        return 1
    _say(zh, f"已写入题库模板 {target}：在“题库”表中每行填一道题，填写方法见“填写说明”表；"
             f"然后运行 trainer pack from-xlsx {target} -o 课程包文件夹。",
         f"Wrote the question-bank template {target}: one question a row on the 题库 sheet, "
         f"how to fill it on the 填写说明 sheet; then run: trainer pack from-xlsx {target} "
         "-o PACK-FOLDER")
    return 0


def _export(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.commands.pack import _pack_for
    from trainer.content.bankexport import bank_questions, gift_text
    from trainer.content.banktemplate import refuse_existing, write_bank_xlsx
    from trainer.content.errors import PackError

    zh = _zh(ctx)
    try:
        pack = _pack_for(args.pack, ctx)
        target = Path(args.output or f"{pack.id}.{args.format}")
        if args.format == "xlsx":
            export = bank_questions(pack, ("single", "multiple", "truefalse", "fill", "open"))
            write_bank_xlsx(target, export.questions, overwrite=args.force)
        else:
            export = bank_questions(pack, ("single", "multiple", "truefalse", "fill", "open",
                                           "match"))
            refuse_existing(target, args.force)
            _write_text(target, gift_text(export.questions))
    except PackError as exc:
        print(f"trainer: {_error_text(exc, zh)}", file=sys.stderr)
        return 1
    for line in export.skipped:
        _say(zh, f"{line}：{args.format.upper()} 无法表示这种题型，未导出。",
             f"{line}: this type cannot be written as {args.format.upper()}; left out.",
             err=True)
    _say(zh, f"已把 {len(export.questions)} 道题写入 {target}。",
         f"Wrote {len(export.questions)} question(s) to {target}.")
    return 0


def _write_text(target: Path, text: str) -> None:
    import os

    from trainer.content.errors import PackError

    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise PackError(f"Cannot write {target}: {exc.strerror or exc}") from exc
