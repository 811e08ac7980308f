"""Every known error a lower layer raises has a Chinese form for the GUI (trainer.errors_zh),
with the same inserted values: the class of "English sentence in a Chinese dialog"."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import trainer
from trainer.errors_zh import CATALOG, to_chinese

PACKAGE = Path(trainer.__file__).resolve().parent
# Reached only from the command line (restore, salvage, devices, demo data), or a caller's bug
# never shown to a user (a response that does not fit its exercise, JSON the store refuses).
CLI_ONLY = {"store/restore.py", "store/salvage.py", "store/devices.py", "reports/demo.py",
            "content/grading.py", "store/validate.py"}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def error_classes() -> set[str]:
    """Names of TrainerError and its subclasses, read from the source (no imports)."""
    bases: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(
                    ast.unparse(b).split(".")[-1] for b in node.bases)
    names = {"TrainerError"}
    while True:
        more = {name for name, parents in bases.items() if parents & names} - names
        if not more:
            return names
        names |= more


def template(node: ast.expr) -> str | None:
    """A message as the code writes it: f-string parts as ``{expression}``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else
            "{" + ast.unparse(part.value) + ("!r" if part.conversion == ord("r") else "") + "}"
            for part in node.values)
    return None


def raised_messages() -> dict[str, str]:
    """Message and hint templates of every known error built below ui/ (not the CLI's)."""
    names = error_classes()
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(("ui/", "commands/", "store/migrations/")) \
                or relative in CLI_ONLY or relative in ("cli.py", "__main__.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call)
                    and ast.unparse(node.func).split(".")[-1] in names):
                continue
            for argument in [*node.args[:1], *(k.value for k in node.keywords if k.arg == "hint")]:
                text = template(argument)
                if text is not None:
                    found.setdefault(text, f"{relative}:{node.lineno}")
    return found


def test_every_known_error_below_the_ui_has_chinese() -> None:
    found = raised_messages()
    assert len(found) > 150, "the scan finds the errors"
    missing = [f"{where}: {text!r}" for text, where in found.items() if text not in CATALOG]
    assert not missing, ("add the Chinese to trainer/errors_zh.py CATALOG:\n"
                         + "\n".join(missing))


NAMES = {"PIN", "SQLite", "PostgreSQL", "Excel", "WPS", "GIFT", "Aiken", "CSV", "UTF", "Windows",
         "SHA", "GB18030", "YAML", "PDF", "zip"}
CODE = re.compile(r"\{\d+\}|[\w./:+@-]*[./:@][\w./:+@-]*|\b[A-Z]{4}(?:-[A-Z]{4})+\b")


def english_words(text: str) -> list[str]:
    """Words of three letters or more, bar product and format names, paths and codes."""
    return [w for w in re.findall(r"[A-Za-z]{3,}", CODE.sub(" ", text)) if w not in NAMES]


@pytest.mark.parametrize("english", sorted(CATALOG))
def test_the_chinese_keeps_every_value_and_no_english(english: str) -> None:
    chinese = CATALOG[english]
    values = PLACEHOLDER.findall(english)
    used = {int(n) for n in re.findall(r"\{(\d+)\}", chinese)}
    needed = {n for n, value in enumerate(values, 1) if " if " not in value}  # "try"/"tries"
    assert needed <= used <= set(range(1, len(values) + 1)), chinese
    assert not english_words(chinese), chinese


def test_a_message_reads_in_chinese_with_its_values() -> None:
    assert to_chinese("Cannot write /tmp/a.zip: Permission denied") == \
        "无法写入 /tmp/a.zip：权限不足"
    assert to_chinese("This needs a HR or administrator sign-in; 张三 is signed in as "
                      "learner.") == "此操作需要以人事或管理员身份登录；张三 当前的身份是学员。"
    assert to_chinese("Something nobody wrote down.") is None


def test_the_gui_shows_a_refused_pack_in_chinese(qapp: object) -> None:
    """The error box in Chinese: message, quoted pack problem and hint, no English words."""
    from tests.ui.conftest import reset_app_appearance
    from trainer.content.errors import PackInvalid
    from trainer.content.problems import Problem
    from trainer.ui.common.errors import build_error_box
    from trainer.ui.common.language import install_language

    install_language("zh_CN")
    try:
        problem = Problem("modules/01.md", 3, 0, "error", "the pack lists no modules; add at "
                          "least one under 'modules:'.")
        box = build_error_box(None, PackInvalid("/tmp/course", [problem, problem]))
        text = box.text() + box.informativeText()
        assert "不是有效的课程包" in text and "（另有 1 个）" in text and "问题" in text
        assert not english_words(text), text
    finally:
        reset_app_appearance(qapp)  # type: ignore[arg-type]
