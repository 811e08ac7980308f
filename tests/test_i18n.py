"""Translations: every source string has a Chinese translation with the same placeholders, the
compiled files are current, and no UI code hides strings from lupdate."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from trainer.ui.i18n import I18N_DIR, LOCALES, qm_file

PLACEHOLDER = re.compile(r"%(?:L?\d+|n)|\{[A-Za-z_][A-Za-z0-9_]*\}")
TS_FILES = sorted(I18N_DIR.glob("*/*.ts"))
UI_DIR = I18N_DIR.parent


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(ts)
    return [(context.findtext("name") or "", message.findtext("source") or "", message)
            for context in tree.iter("context") for message in context.iter("message")]


def translations(message: ET.Element) -> list[str]:
    element = message.find("translation")
    assert element is not None
    forms = element.findall("numerusform")
    return [(f.text or "") for f in forms] if forms else [element.text or ""]


def test_every_area_has_a_source_for_every_locale() -> None:
    areas = {ts.stem for ts in TS_FILES}
    assert "shell" in areas
    for locale in LOCALES:
        assert {ts.stem for ts in (I18N_DIR / locale).glob("*.ts")} == areas, locale


@pytest.mark.parametrize("ts", [t for t in TS_FILES if t.parent.name == "zh_CN"],
                         ids=lambda p: p.stem)
def test_chinese_translates_every_string_with_the_same_placeholders(ts: Path) -> None:
    problems = []
    for context, source, message in messages(ts):
        element = message.find("translation")
        where = f"{ts.name} [{context}] {source!r}"
        if element is not None and element.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{where}: {element.get('type')}")
            continue
        for text in translations(message):
            if not text.strip():
                problems.append(f"{where}: empty translation")
            elif sorted(PLACEHOLDER.findall(text)) != sorted(set(PLACEHOLDER.findall(source))) \
                    and message.get("numerus") != "yes":
                problems.append(f"{where}: placeholders differ in {text!r}")
            elif message.get("numerus") == "yes" and "%n" in source and "%n" not in text:
                problems.append(f"{where}: plural form lacks %n")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("ts", [t for t in TS_FILES if t.parent.name == "en"],
                         ids=lambda p: p.stem)
def test_english_plural_forms_are_filled(ts: Path) -> None:
    for context, source, message in messages(ts):
        for text in translations(message):
            assert text.strip(), f"{ts.name} [{context}] {source!r}: empty plural form"


def test_compiled_translations_match_their_sources(tmp_path: Path) -> None:
    """The shipped .qm is exactly what lrelease makes of the .ts files (none edited since)."""
    from trainer.ui.i18n import build

    for locale in LOCALES:
        sources = sorted((I18N_DIR / locale).glob("*.ts"))
        if not sources:
            continue
        fresh = tmp_path / f"{locale}.qm"
        subprocess.run([build._tool("pyside6-lrelease"), *map(str, sources), "-qm", str(fresh),
                        "-silent"], check=True, capture_output=True, timeout=120)
        assert qm_file(locale).read_bytes() == fresh.read_bytes(), (
            f"{qm_file(locale).name} is stale: run python -m trainer.ui.i18n.build")


def test_chinese_translation_loads_and_translates(qapp: object) -> None:
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(qm_file("zh_CN")))
    assert translator.translate("MainWindow", "&File") == "文件(&F)"


def test_no_hidden_strings_behind_a_tr_wrapper() -> None:
    """lupdate sees tr(), translate() and QT_TRANSLATE_NOOP, never a private ``_tr`` helper."""
    offenders = [f"{path.relative_to(UI_DIR.parent.parent)}:{number}"
                 for path in UI_DIR.rglob("*.py")
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"(?<![\w.])_tr\(\s*[\"']", line)]
    assert not offenders, (
        "lupdate cannot see strings passed to a _tr() wrapper, so they are never translated. "
        "Write translate(\"Context\", \"text\") with translate = QCoreApplication.translate, "
        "or self.tr(\"text\"):\n" + "\n".join(offenders))


def test_plural_texts_use_self_tr() -> None:
    """pyside6-lupdate 6.11 keeps plural forms only for ``self.tr(text, "", n)``; a
    ``translate(ctx, text, None, n)`` becomes a plain message ("answer(s)" in English)."""
    import ast

    offenders = []
    for path in UI_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and len(node.args) + len(node.keywords) >= 4
                    and getattr(node.func, "attr", getattr(node.func, "id", "")) == "translate"):
                offenders.append(f"{path.relative_to(UI_DIR.parent.parent)}:{node.lineno}")
    assert not offenders, (
        "Plural texts lose their plural forms in translate(ctx, text, None, n); call "
        "self.tr(text, \"\", n) in a QObject method instead:\n" + "\n".join(offenders))


def test_every_string_in_the_code_is_in_the_translation_sources(tmp_path: Path) -> None:
    """lupdate run now finds nothing the committed .ts files lack (someone forgot the build)."""
    from trainer.ui.i18n import build

    problems = []
    for area, files in build.areas().items():
        fresh = tmp_path / f"{area}.ts"
        subprocess.run([build._tool("pyside6-lupdate"), *map(str, files), "-ts", str(fresh),
                        "-silent"], check=True, capture_output=True, timeout=120)
        committed = I18N_DIR / "zh_CN" / f"{area}.ts"
        known = ({(c, s) for c, s, _ in messages(committed)} if committed.exists() else set())
        missing = [f"[{c}] {s!r}" for c, s, _ in messages(fresh) if (c, s) not in known]
        if missing:
            problems.append(f"zh_CN/{area}.ts lacks {len(missing)}: " + "; ".join(missing[:5]))
    assert not problems, ("run python -m trainer.ui.i18n.build and translate:\n"
                          + "\n".join(problems))
