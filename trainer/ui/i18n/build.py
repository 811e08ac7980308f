"""Update the translation sources and compile them: ``python -m trainer.ui.i18n.build``.

For every UI area (a folder under ``trainer/ui``) it runs ``pyside6-lupdate`` on that folder's
``.py`` files into ``trainer/ui/i18n/<locale>/<area>.ts``, keeping existing translations, then
compiles each locale's ``.ts`` files into ``trainer/ui/i18n/trainer_<locale>.qm`` with
``pyside6-lrelease``. English is the source language: its ``.ts`` files hold only plural forms,
pre-filled with the source text. ``--area NAME`` limits the update to one area (the compile step
always takes every area).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from trainer.ui.i18n import I18N_DIR, LOCALES, qm_file

UI_DIR = I18N_DIR.parent
PACKAGE_DIR = UI_DIR.parent
# Folder under trainer/ui -> area (.ts file name). Any other folder is an area of its own name.
AREA_NAMES = {"common": "shell", "learner": "learner", "hr": "hr", "trainer": "workspace"}
# Files outside trainer/ui whose QT_TRANSLATE_NOOP strings belong to an area.
EXTRA_SOURCES = {"shell": [UI_DIR / "app.py", PACKAGE_DIR / "config.py"]}
# Files inside a folder that form an area of their own (two helpers sharing trainer/ui/hr),
# as glob patterns relative to trainer/ui; they are left out of their folder's area.
FILE_AREAS = {"hr_data": ("hr/roster_*.py", "hr/bundle_*.py"),
              "dashboard": ("learner/dashboard*.py", "learner/certificate_*.py",
                            "common/charts.py"),
              "credits": ("hr/credit_*.py",)}


def _tool(name: str) -> str:
    """``pyside6-lupdate`` next to this Python (a venv), else on PATH."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install PySide6-Essentials)")
    return found


def areas() -> dict[str, list[Path]]:
    """Each area's source files, sorted so the .ts files are stable."""
    result: dict[str, list[Path]] = {}
    claimed = {f for patterns in FILE_AREAS.values() for p in patterns for f in UI_DIR.glob(p)}
    for folder in sorted(p for p in UI_DIR.iterdir() if p.is_dir()):
        if folder.name in ("i18n", "__pycache__"):
            continue
        files = sorted(folder.rglob("*.py"))
        if not files:
            continue
        area = AREA_NAMES.get(folder.name, folder.name)
        files = [f for f in files if f not in claimed]
        result[area] = files + [f for f in EXTRA_SOURCES.get(area, []) if f.exists()]
    for area, patterns in FILE_AREAS.items():
        files = sorted(f for pattern in patterns for f in UI_DIR.glob(pattern))
        if files:
            result[area] = files
    return result


def update_area(area: str, files: Sequence[Path], locale: str) -> Path:
    """Run lupdate for one area and locale; existing translations are kept."""
    ts = I18N_DIR / locale / f"{area}.ts"
    ts.parent.mkdir(parents=True, exist_ok=True)
    command = [_tool("pyside6-lupdate"), *map(str, files), "-ts", str(ts),
               "-target-language", locale, "-no-obsolete", "-locations", "relative", "-silent"]
    if locale == "en":
        command.append("-pluralonly")
    subprocess.run(command, check=True)
    if locale == "en":
        fill_source_plurals(ts)
    return ts


def fill_source_plurals(ts: Path) -> None:
    """English plural forms start as the source text, so an untouched entry still reads well."""
    tree = ET.parse(ts)
    changed = False
    for message in tree.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") != "unfinished":
            continue
        for form in translation.findall("numerusform"):
            if not (form.text or "").strip():
                form.text = source
                changed = True
        del translation.attrib["type"]
        changed = True
    if changed:
        ET.indent(tree, space="    ")
        with ts.open("wb") as out:
            out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
            tree.write(out, encoding="utf-8", xml_declaration=False)


def compile_locale(locale: str) -> Path | None:
    """lrelease every area's .ts for ``locale`` into one .qm; None when there is nothing."""
    sources = sorted((I18N_DIR / locale).glob("*.ts"))
    if not sources:
        return None
    target = qm_file(locale)
    subprocess.run([_tool("pyside6-lrelease"), *map(str, sources), "-qm", str(target), "-silent"],
                   check=True)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m trainer.ui.i18n.build",
                                     description="Update and compile Trainer's translations.")
    parser.add_argument("--area", action="append", help="update only this area (repeatable)")
    parser.add_argument("--compile-only", action="store_true", help="skip lupdate")
    args = parser.parse_args(argv)
    if not args.compile_only:
        for area, files in areas().items():
            if args.area and area not in args.area:
                continue
            for locale in LOCALES:
                print(f"updated {update_area(area, files, locale).relative_to(PACKAGE_DIR.parent)}")
    for locale in LOCALES:
        built = compile_locale(locale)
        if built is not None:
            print(f"compiled {built.relative_to(PACKAGE_DIR.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
