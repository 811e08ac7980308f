"""Packs cannot exhaust memory or the stack (issue 13): hostile YAML and pathological Markdown
are refused by the validator with file, line and the limit, and the renderer stays quick on
anything, showing text over the limits as plain text."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from trainer.content.mdlimits import MAX_NESTING, check_limits, first_excess
from trainer.content.problems import Problems
from trainer.content.render import cached_markdown, clear_cache, render_markdown
from trainer.content.yamltext import load_yaml

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi",
                                                              strict=True))
HOSTILE_YAML = {
    "alias bomb as a key": (LAUGHS + "? [*i, *i, *i, *i, *i, *i, *i, *i, *i]\n: x\n", 1),
    "alias": ("title: &t x\nsummary: *t\n", 1),
    "merge alias": ("base: &b {a: 1}\nother:\n  <<: *b\n", 1),
    "undefined alias": ("title: x\nsummary: *a\n", 2),
    "set": ("id: !!set {a, b}\n", 1),
    "binary": ("id: !!binary aGk=\n", 1),
    "python object": ("id: !!python/object/apply:os.system [ls]\n", 1),
    "custom tag": ("id: !mine x\n", 1),
    "deep flow": ("x: " + "[" * 40 + "]" * 40 + "\n", 1),
    "deep block": ("".join("  " * i + f"k{i}:\n" for i in range(30)) + "  " * 30 + "v: 1\n", 17),
    "huge": ("x: " + "y" * 1_100_000 + "\n", 1),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_YAML))
def test_hostile_yaml_is_a_problem_at_its_line(name: str) -> None:
    text, line = HOSTILE_YAML[name]
    problems = Problems()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    assert load_yaml(text, "course.yaml", problems, first_line=1) is None
    assert time.perf_counter() - started < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KiB
    [problem] = problems.items
    assert problem.severity == "error" and problem.file == "course.yaml"
    assert problem.line == line, problem


def test_yaml_in_front_matter_is_placed_at_the_file_line() -> None:
    problems = Problems()
    assert load_yaml("id: x\ntitle: *a\n", "modules/01.md", problems, first_line=2) is None
    assert problems.items[0].line == 3


def test_dates_and_special_characters_in_quotes_stay_text() -> None:
    problems = Problems()
    data = load_yaml('date: 2024-01-01\nsummary: "*重点* & !注意"\nnote: a*b&c!\n'
                     "when: !!timestamp 2024-01-01\nlevels: [a, !!timestamp 2024-01-01]\n"
                     "anchored: &unused x\n", "f", problems)
    assert problems.items == []  # before: an AttributeError escaped the validator
    assert data == {"date": "2024-01-01", "summary": "*重点* & !注意", "note": "a*b&c!",
                    "when": "2024-01-01", "levels": ["a", "2024-01-01"], "anchored": "x"}


PATHOLOGICAL = {
    "1,000 nested list levels": "\n".join("  " * i + "- x" for i in range(1000)),
    "300 nested ordered levels": "\n".join("   " * i + "1. x" for i in range(300)),
    "1,000 nested quotes": ">" * 1000 + " x",
    "list and quote on one line": "- > " * 500 + "x",
    "20,000 open brackets": "[" * 20_000,
    "nested brackets": "[" * 5000 + "a" + "]" * 5000,
    "open links": "[a](" * 5000,
    "a few unclosed brackets before a long paragraph": "![" * 8 + "\n" + "文字" * 4000,
    "open tags": "<a " * 5000,
    "unclosed tags in many paragraphs": ("<a " * 150 + "\n\n") * 40,
    "entities": "&amp;" * 50_000,
    "emphasis": "*_" * 20_000,
    "long line": "字" * 600_000,
    "huge table": "| a | b |\n| - | - |\n" + "| x | y |\n" * 5000,
    "wide table": "|" + " a |" * 3000 + "\n|" + " - |" * 3000,
    "definition list": "a\n: b\n" * 3000,
    "fences": "~~~\n" * 5000,
    "call-outs": "> [!NOTE]\n> x\n\n" * 4000,
    "deep indentation": " " * 5000 + "x",
    "whole file too big": "段落。\n\n" * 300_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_markdown_is_refused_and_renders_quickly(name: str, tmp_path: Path) -> None:
    text = PATHOLOGICAL[name]
    started = time.perf_counter()
    excesses = check_limits(text)
    assert excesses and all(e.line >= 1 and "allowed" in e.message or "split" in e.message
                            for e in excesses), excesses
    assert len(excesses) <= 11
    clear_cache()
    html = render_markdown(text, tmp_path, tmp_path)
    assert time.perf_counter() - started < 2.0, "before: minutes, a hang or RecursionError"
    assert "<p>" in html and "<script" not in html


def test_nesting_up_to_the_limit_renders_as_markdown(tmp_path: Path) -> None:
    text = "\n".join("  " * i + f"- level {i + 1}" for i in range(MAX_NESTING))
    assert check_limits(text) == [] and first_excess(text) is None
    html = render_markdown(text, tmp_path, tmp_path)
    assert html.count("<ul>") == MAX_NESTING


def test_plain_fallback_escapes_markup(tmp_path: Path) -> None:
    text = '<img src="/etc/x.png">' + "[" * 300
    html = render_markdown(text, tmp_path, tmp_path)
    assert "<img" not in html and "&lt;img" in html


def test_the_real_courses_are_far_below_every_limit() -> None:
    root = Path(__file__).resolve().parents[2]
    files = [*root.glob("courses/*/modules/*.md"), *root.glob("tests/fixtures/packs/*/modules/*.md")]
    assert files
    for path in files:
        assert check_limits(path.read_text("utf-8")) == [], path


def test_cached_markdown_is_only_a_look_up(tmp_path: Path) -> None:
    clear_cache()
    assert cached_markdown("# 标题", tmp_path, tmp_path, "zh-CN") is None
    html = render_markdown("# 标题", tmp_path, tmp_path, "zh-CN")
    assert cached_markdown("# 标题", tmp_path, tmp_path, "zh-CN") == html
