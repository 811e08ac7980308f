"""``trainer pack …``: create, check, build, install and list course packs (DESIGN §5)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    pack = subparsers.add_parser("pack", help="create, check, build and install course packs")
    sub = pack.add_subparsers(dest="pack_command", metavar="ACTION")

    new = sub.add_parser("new", help="create a starter pack that shows every exercise type")
    new.add_argument("dir", metavar="DIR", help="new (or empty) folder for the pack")
    new.add_argument("--language", default="zh-CN", help="starter language (default zh-CN)")
    new.add_argument("--id", dest="pack_id", help="pack id (default: from the folder name)")
    new.set_defaults(func=_new)

    validate = sub.add_parser("validate", help="check a pack folder or zip; exit 1 on errors")
    validate.add_argument("path", metavar="PATH")
    validate.add_argument("--json", action="store_true", help="machine-readable output")
    validate.add_argument("--quiet", "-q", action="store_true", help="errors only")
    validate.add_argument("--strict", action="store_true",
                          help="exit 1 on warnings too (for publishing checks)")
    validate.add_argument("--language", choices=("en", "zh-CN"),
                          help="language of the messages (default: the interface language "
                               "setting, else the system's)")
    validate.set_defaults(func=_validate)

    info = sub.add_parser("info", help="summary of a pack (modules, exercises, competencies)")
    info.add_argument("path", metavar="PATH", help="pack folder, zip, or installed pack id")
    info.add_argument("--json", action="store_true", help="machine-readable output")
    info.set_defaults(func=_info)

    build = sub.add_parser("build", help="validate and write a reproducible zip")
    build.add_argument("dir", metavar="DIR")
    build.add_argument("-o", "--output", metavar="FILE", help="zip to write "
                       "(default: ID-VERSION.zip in the current folder)")
    build.set_defaults(func=_build)

    install = sub.add_parser("import", help="validate and install a pack into the library")
    install.add_argument("path", metavar="FILE|DIR")
    install.set_defaults(func=_import)

    listing = sub.add_parser("list", help="packs in the library (built-in and installed)")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(func=_list)

    from trainer.commands.bank import register_pack_actions

    register_pack_actions(sub)


def _new(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.content.starter import create_starter

    target = create_starter(Path(args.dir), args.language, args.pack_id)
    print(f"Created a starter pack in {target}.")
    print(f"Edit it, then check it with: trainer pack validate {target}")
    return 0


def _validate(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.content.loader import validate_pack

    validation = validate_pack(args.path)
    problems = validation.errors if args.quiet else validation.problems
    folder = Path(args.path) if Path(args.path).is_dir() else None
    if args.json:
        from trainer.content.messages_zh import to_chinese

        items = [{**p.as_dict(), "message_zh": to_chinese(p.message),
                  "path": str(folder / p.file) if folder else p.file} for p in problems]
        json.dump({"ok": validation.ok, "problems": items, "errors": len(validation.errors),
                   "warnings": len(validation.warnings)},
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        from trainer.content.messages_zh import problem_text

        language = args.language or _message_language(ctx)
        for problem in problems:
            # Inside a folder, print paths a terminal or editor can open directly.
            shown = replace(problem, file=str(folder / problem.file)) if folder else problem
            print(problem_text(shown, language))
        errors, warnings = len(validation.errors), len(validation.warnings)
        if language.startswith("zh"):
            verdict = "有效的课程包" if validation.ok else "不是有效的课程包"
            print(f"{args.path}：{verdict}（{errors} 个错误，{warnings} 个警告）。",
                  file=sys.stderr)
        else:
            verdict = "valid course pack" if validation.ok else "not valid"
            print(f"{args.path}: {verdict} ({errors} error(s), {warnings} warning(s)).",
                  file=sys.stderr)
    if args.strict and validation.warnings:
        return 1
    return 0 if validation.ok else 1


def _message_language(ctx: Any) -> str:
    """The interface-language setting; with "system", the locale of the environment."""
    import os

    from trainer.config import Settings

    chosen = Settings(ctx.paths.settings_file).get("language")
    if chosen != "system":
        return "zh-CN" if chosen.startswith("zh") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh-CN" if value.lower().startswith("zh") else "en"
    return "en"


def _info(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.commands.pack_zh import errors_in
    from trainer.content.info import info_lines, pack_info

    language = _message_language(ctx)
    with errors_in(language):
        pack = _pack_for(args.path, ctx)
    info = pack_info(pack)
    if args.json:
        json.dump(info, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print("\n".join(info_lines(info, language)))
    return 0


def _pack_for(path: str, ctx: Any) -> Any:
    """A pack by path, else by id from the library."""
    from trainer.content.loader import load_pack

    if Path(path).exists():
        return load_pack(path)
    library = _library(ctx)
    return library.get(path)


def _library(ctx: Any) -> Any:
    from trainer.config import bundled_courses_dir
    from trainer.content.library import Library

    return Library(ctx.paths.packs_dir, bundled_courses_dir(),
                   cache_dir=ctx.paths.cache_dir)


def _build(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.commands.pack_zh import built, errors_in
    from trainer.content.archive import build_pack

    language = _message_language(ctx)
    with errors_in(language):
        result = build_pack(Path(args.dir), Path(args.output) if args.output else None)
    print("\n".join(built(str(result.path), result.files, result.size, result.sha256,
                          language)))
    return 0


def _import(args: argparse.Namespace, ctx: Any) -> int:
    from trainer.analytics.install import install_pack
    from trainer.commands.pack_zh import already, errors_in, ids_gone, installed, newer_stays
    from trainer.store.permissions import COMMAND_LINE

    language = _message_language(ctx)
    # No checks of its own: the library opens and validates the path exactly as 'validate'
    # does (loader.open_source, validate_source), so the two agree on every file.
    with errors_in(language):
        result = install_pack(ctx.database(), _library(ctx), Path(args.path),
                              actor=COMMAND_LINE)
    pack = result.pack
    if result.changed:
        print(installed(pack.title, pack.id, pack.version, language))
        if not result.current:
            print(newer_stays(str(result.previous), language))
        elif result.removed_ids:
            shown = ", ".join(result.removed_ids[:8]) + (" …" if len(result.removed_ids) > 8
                                                          else "")
            print(ids_gone(len(result.removed_ids), str(result.previous), shown, language),
                  file=sys.stderr)
    else:
        print(already(pack.id, pack.version, language))
    if result.warnings:  # installed all the same; the author should still see them
        from trainer.content.messages_zh import problem_text

        for problem in result.warnings:
            print(problem_text(problem, language), file=sys.stderr)
        print(f"{len(result.warnings)} 个警告；'trainer pack validate {args.path}' 会列出它们及改法。"
              if language.startswith("zh") else
              f"{len(result.warnings)} warning(s); 'trainer pack validate {args.path}' lists "
              "them with their fixes.", file=sys.stderr)
    return 0


def _list(args: argparse.Namespace, ctx: Any) -> int:
    library = _library(ctx)
    entries = library.entries()
    if args.json:
        json.dump([e.as_dict() for e in entries], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not entries:
        print("No course packs. Install one with: trainer pack import FILE")
    for entry in entries:
        print(entry.line())
    return 0
