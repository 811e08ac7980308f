"""Small packs written on the fly for the item-writing check and question-pool tests."""

from __future__ import annotations

import shutil
from pathlib import Path

MINIMAL = Path(__file__).parent.parent / "fixtures" / "packs" / "minimal"


def single(ex_id: str, stem: str, key: str, wrong: list[str], comp: str = "data-sharing",
           extra: str = "") -> str:
    options = "\n".join([f"- [x] {key}"] + [f"- [ ] {w}" for w in wrong])
    settings = f"competencies: {comp}\n" + (f"{extra}\n" if extra else "")
    return (f"::: exercise single {ex_id}\n{settings}\n{stem}\n\n{options}\n\n"
            "> 解析：见课文。\n:::\n")


def truefalse(ex_id: str, stem: str, true: bool, extra: str = "") -> str:
    marks = ("x", " ") if true else (" ", "x")
    settings = "competencies: data-sharing\n" + (f"{extra}\n" if extra else "")
    return (f"::: exercise truefalse {ex_id}\n{settings}\n{stem}\n\n"
            f"- [{marks[0]}] 正确\n- [{marks[1]}] 错误\n\n> 解析：见课文。\n:::\n")


def multiple(ex_id: str, stem: str, right: list[str], wrong: list[str]) -> str:
    options = "\n".join([f"- [x] {r}" for r in right] + [f"- [ ] {w}" for w in wrong])
    return (f"::: exercise multiple {ex_id}\ncompetencies: data-sharing\n\n{stem}\n\n{options}\n\n"
            "> 解析：见课文。\n:::\n")


def fill(ex_id: str, stem: str, answer: str) -> str:
    return (f"::: exercise fill {ex_id}\ncompetencies: data-sharing\n\n{stem}\n\n- {answer}\n\n"
            "> 解析：见课文。\n:::\n")


def write_pack(root: Path, *modules: tuple[str, str], course_extra: str = "") -> Path:
    """The minimal pack with the given modules: (front matter extra lines, body)."""
    target = root / "pack"
    shutil.copytree(MINIMAL, target)
    (target / "modules" / "01-basics.md").unlink()
    names = []
    for index, (front, body) in enumerate(modules, 1):
        name = f"modules/{index:02d}-m.md"
        names.append(name)
        (target / name).write_text(
            f"---\nid: m{index}\ntitle: 模块{index}\nminutes: 10\n"
            f"competencies: [data-sharing, data-literacy]\n{front}---\n\n# 模块\n\n{body}",
            "utf-8")
    course = (MINIMAL / "course.yaml").read_text("utf-8").replace(
        "modules:\n  - modules/01-basics.md\n", "modules:\n" + "".join(f"  - {n}\n" for n in names))
    (target / "course.yaml").write_text(course + course_extra, "utf-8")
    return target


def line_of(path: Path, text: str) -> int:
    return path.read_text("utf-8").splitlines().index(text) + 1
