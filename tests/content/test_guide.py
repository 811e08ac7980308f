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


def test_exercise_ids_in_a_guide_are_unique() -> None:
    """An author copies examples into one pack: two examples with one id would clash there."""
    for guide in GUIDES:
        ids = re.findall(r"^::: exercise \w+ (\S+)", guide.read_text(encoding="utf-8"), re.M)
        assert len(ids) == len(set(ids)), (guide.name, sorted(i for i in ids if ids.count(i) > 1))


@pytest.mark.parametrize(("guide", "builtin"), [
    (COURSES / "README.md", COURSES / "digital-government" / "competencies.yaml"),
    (COURSES / "README.en.md", COURSES / "digital-government-en" / "competencies.yaml")])
def test_the_guide_names_competencies_and_roles_as_the_built_in_file(guide: Path,
                                                                    builtin: Path) -> None:
    problems = Problems()
    framework = read_framework(load_yaml(builtin.read_text(encoding="utf-8"), builtin.name,
                                         problems), problems)
    assert len(framework.competencies) == 8 and len(framework.roles) == 3
    text = guide.read_text(encoding="utf-8")
    named = {**{c.id: c.title for c in framework.competencies},
             **{r.id: r.title for r in framework.roles}}
    for ident, title in named.items():
        listed = re.search(rf"`{ident}`\s*[（(]([^）)]+)[）)]", text)
        assert listed is not None, f"{guide.name} lists {ident} with its name"
        assert " ".join(listed[1].split()) == title, (guide.name, ident)
    for block in blocks(guide, "yaml"):  # the example framework uses the same names
        for ident, title in re.findall(r"- id: ([\w-]+)\n\s+title: (.+)", block):
            if ident in named:
                assert title.strip() == named[ident], (guide.name, ident)


@pytest.mark.parametrize("guide", GUIDES)
def test_the_faq_gives_each_message_in_both_languages(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    faq = text[text.index("## 12."):text.index("## 13.")]
    rows = [line for line in faq.splitlines() if line.startswith("| `")]
    assert len(rows) >= 20
    for row in rows:
        first, second = row.split(" | ")[:2]
        chinese = first if guide.name == "README.md" else second
        english = second if guide.name == "README.md" else first
        assert re.search(r"[\u4e00-\u9fff]", chinese), row
        assert re.match(r"^\|? ?`[A-Za-z'(]|^`[a-z]", english.strip("| ")), row
