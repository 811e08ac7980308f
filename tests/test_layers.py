"""The layers of DESIGN §1: imports point downwards only, and the core never touches Qt.

Every module under ``trainer/`` is parsed (not imported) and every import statement counts,
including imports inside functions: a lazy import still ties one layer to another.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import trainer

PACKAGE_DIR = Path(trainer.__file__).resolve().parent

# Layer rank: a module may import modules of its own rank or lower, never higher.
RANKS = {
    "base": 0,  # trainer, trainer.errors, trainer.config, trainer.fonts
    "content": 1,
    "store": 1,  # content and store are peers that never import each other
    "analytics": 2,
    "reports": 3,
    "exchange": 3,  # bundles and signatures between machines; peers of reports
    "ui": 4,
    "cli": 5,  # trainer.cli, trainer.commands, trainer.__main__
}
NO_QT = {"content", "store", "analytics", "exchange"}
PEERS = {("content", "store"), ("store", "content")}


def layer_of(module: str) -> str:
    parts = module.split(".")
    if parts[0] != "trainer" or len(parts) == 1:
        return "base"
    top = parts[1]
    if top in ("cli", "commands", "__main__"):
        return "cli"
    if top in RANKS:
        return top
    return "base"


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) for every import in the file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            found.extend((node.lineno, f"{target}.{a.name}") for a in node.names
                         if target.startswith("trainer"))
    return found


def violations(path: Path) -> list[str]:
    """Every import in ``path`` that breaks the layer rules, as ``file:line: message``."""
    source_layer = layer_of(module_name(path))
    where = path.relative_to(PACKAGE_DIR.parent)
    problems = []
    for line, target in imports_of(path):
        if target.startswith("PySide6"):
            if source_layer in NO_QT:
                problems.append(f"{where}:{line}: {source_layer} must not import Qt ({target})")
            elif "QtWidgets" in target and source_layer != "ui":
                problems.append(f"{where}:{line}: only trainer.ui may import QtWidgets")
            continue
        if target.startswith("matplotlib.backends.backend_qt") and source_layer != "ui":
            problems.append(f"{where}:{line}: matplotlib's Qt backend belongs to trainer.ui")
        if not target.startswith("trainer"):
            continue
        target_layer = layer_of(target)
        if (source_layer, target_layer) in PEERS:
            problems.append(f"{where}:{line}: {source_layer} must not import {target}")
        elif RANKS[target_layer] > RANKS[source_layer]:
            problems.append(f"{where}:{line}: {source_layer} imports the higher layer {target}")
    return problems


ALL_MODULES = sorted(PACKAGE_DIR.rglob("*.py"))


def test_every_module_respects_the_layers() -> None:
    problems = [p for path in ALL_MODULES for p in violations(path)]
    assert not problems, "Layer violations:\n" + "\n".join(problems)


@pytest.mark.parametrize("layer", ["content", "store", "analytics", "reports", "exchange", "ui",
                                   "commands"])
def test_each_layer_package_says_what_belongs_there(layer: str) -> None:
    init = PACKAGE_DIR / layer / "__init__.py"
    assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{init} has no docstring"


def test_checker_catches_a_core_module_importing_qt(tmp_path: Path, monkeypatch) -> None:
    """The checker itself must fail on the mistakes it exists for."""
    fake_root = tmp_path / "trainer"
    (fake_root / "store").mkdir(parents=True)
    bad = fake_root / "store" / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\n"
                   "def f():\n    from trainer.ui.common import context\n"
                   "from ..content import model\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE_DIR", fake_root)
    problems = violations(bad)
    assert any("must not import Qt" in p for p in problems)
    assert any("higher layer trainer.ui" in p for p in problems)
    assert any("must not import trainer.content" in p for p in problems)
    assert all(p.startswith("trainer/store/bad.py:") for p in problems)


def test_gui_start_path_leaves_heavy_libraries_unimported() -> None:
    """The first window must not wait for SQLAlchemy, matplotlib, openpyxl or Alembic."""
    code = ("import sys, trainer.cli, trainer.ui.app\n"
            "heavy = ('sqlalchemy', 'matplotlib', 'openpyxl', 'alembic', 'xlsxwriter', 'numpy',"
            " 'markdown', 'yaml')\n"
            "print(' '.join(m for m in heavy if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == ""
