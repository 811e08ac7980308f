"""The authoring guides' copyable examples are valid, so a trainer can start from any of them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from trainer.content.framework import read_framework
from trainer.content.loader import validate_pack
from trainer.content.problems import Problems
from trainer.content.starter import STARTER_DIR
from trainer.content.yamltext import load_yaml

COURSES = Path(__file__).resolve().parents[2] / "courses"
GUIDES = [COURSES / "README.md", COURSES / "README.en.md"]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
WRAPPER = ("---\nid: guide-example\ntitle: Example\nminutes: 5\n"
           "competencies: [data-sharing, data-literacy, data-security]\n---\n\n# Example\n\n")


def blocks(guide: Path, language: str) -> list[str]:
    text = guide.read_text(encoding="utf-8")
    return [m[2] for m in FENCE.finditer(text) if m[1] == language]


def examples() -> list[tuple[str, str]]:
    found = []
    for guide in GUIDES:
        for index, block in enumerate(blocks(guide, "markdown")):
            if "::: exercise" in block:
                found.append((f"{guide.name}-{index}", block))
    return found


@pytest.mark.parametrize(("name", "block"), examples(), ids=[n for n, _ in examples()])
def test_every_exercise_example_in_the_guides_is_valid(name: str, block: str,
                                                        tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(STARTER_DIR / "zh-CN", pack)
    module = block if block.startswith("---") else WRAPPER + block
    for path in (pack / "modules").iterdir():
        path.unlink()
    shutil.rmtree(pack / "images")  # the example modules use none
    (pack / "modules" / "01-example.md").write_text(module, encoding="utf-8")
    manifest = pack / "course.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text[:text.index("modules:")] + "modules:\n  - modules/01-example.md\n"
    manifest.write_text(text, encoding="utf-8")
    validation = validate_pack(pack)
    assert [str(p) for p in validation.problems] == []
    assert validation.pack is not None and validation.pack.exercises()


def test_the_guides_show_every_exercise_type() -> None:
    for guide in GUIDES:
        kinds = {re.search(r"::: exercise (\w+)", b)[1]  # type: ignore[index]
                 for b in blocks(guide, "markdown") if "::: exercise" in b}
        assert kinds == {"single", "multiple", "truefalse", "fill", "order", "match", "open"}


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_the_yaml_examples_are_valid(guide: Path, tmp_path: Path) -> None:
    yaml_blocks = blocks(guide, "yaml")
    manifest = next(b for b in yaml_blocks if b.startswith("id:"))
    pack = tmp_path / "pack"
    shutil.copytree(STARTER_DIR / "zh-CN", pack)
    (pack / "course.yaml").write_text(manifest, encoding="utf-8")
    assert [str(p) for p in validate_pack(pack).problems] == []
    framework = next(b for b in yaml_blocks if b.startswith("levels:"))
    problems = Problems()
    read_framework(load_yaml(framework, "competencies.yaml", problems), problems)
    assert problems.items == []
