"""Question banks made into a new pack, or added to a pack, without ever half-writing one.

``write_new_pack`` writes the whole pack in a sibling folder, validates it there and renames it
into place. ``add_module`` copies the pack beside itself, adds the modules and the manifest
entries to the copy, validates the copy, and only then moves the new files in, the manifest
last: a failure or a killed process leaves the pack as it was.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from trainer.content.bank import Bank, BankQuestion
from trainer.content.bankknow import Knowledge, framework_with, split_modules
from trainer.content.bankwriter import (
    check_competencies,
    framework_competencies,
    labels,
    module_markdown,
    slug,
)
from trainer.content.errors import PackError, PackInvalid
from trainer.content.loader import Validation, validate_pack
from trainer.content.problems import Problem
from trainer.content.starter import STARTER_DIR


@dataclass(frozen=True)
class Conversion:
    """What a conversion wrote, and what it could not convert (with lines)."""

    written: tuple[Path, ...]
    questions: int
    problems: tuple[Problem, ...]  # from the source file: skipped questions and warnings
    validation: Validation


def _by_category(questions: Sequence[BankQuestion]) -> dict[str, list[BankQuestion]]:
    groups: dict[str, list[BankQuestion]] = {}
    for q in questions:
        groups.setdefault(q.category, []).append(q)
    return groups


def _require_questions(bank: Bank) -> None:
    if not any(q.kind != "text" for q in bank.questions):
        raise PackError(f"No question in {bank.source} could be converted.",
                        hint="See the problems listed above.")


def _module_texts(bank: Bank, title: str, language: str, knowledge: Knowledge,
                  taken: set[str], headings: bool) -> list[tuple[str, str]]:
    """(module id, Markdown) for each module the bank fills, ids unused in ``taken``."""
    modules: list[tuple[str, str]] = []
    for number, (name, questions) in enumerate(
            split_modules(_by_category(bank.questions), title, language), start=1):
        module_id = base = slug(name, f"bank-{number}")
        suffix = 2
        while module_id in taken or any(f"{module_id}-q{n}" in taken  # our exercise ids
                                        for n in range(1, len(questions) + 1)):
            module_id, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(module_id)
        taken.update(f"{module_id}-q{n}" for n in range(1, len(questions) + 1))
        modules.append((module_id, module_markdown(
            module_id, name, questions, knowledge.default, language, headings=headings,
            weights_of=lambda q: knowledge.weights(q, bank))))
    return modules


def write_new_pack(bank: Bank, out_dir: Path, *, title: str, language: str = "zh-CN",
                   competencies: Sequence[str] = ()) -> Conversion:
    """A new pack around the bank: one module per category, the starter's framework."""
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise PackError(f"{out_dir} already exists and is not empty.",
                        hint="Choose a new folder, or add to a pack with --into.")
    _require_questions(bank)
    template = STARTER_DIR / ("zh-CN" if language.lower().startswith("zh") else "en")
    if not template.is_dir():
        template = STARTER_DIR / "zh-CN"
    framework_file = template / "competencies.yaml"
    known = framework_competencies(framework_file)
    chosen = check_competencies(competencies, [c for c, _ in known])
    knowledge = Knowledge(known, chosen, may_add=True)
    modules = _module_texts(bank, title, language, knowledge, set(), headings=False)
    files = [f"modules/{n:02d}-{mid}.md" for n, (mid, _) in enumerate(modules, start=1)]
    manifest = {"id": slug(out_dir.name, "imported-questions"), "version": "0.1.0",
                "title": title, "language": language, "authors": [],
                "summary": labels(language)[3] + f": {bank.source}", "pass_mark": 60,
                "modules": files}
    staging = _staging(out_dir)
    (staging / "modules").mkdir(parents=True)
    try:
        (staging / "course.yaml").write_text(
            yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")
        (staging / "competencies.yaml").write_text(framework_with(
            framework_file.read_text(encoding="utf-8"), knowledge.added), encoding="utf-8")
        for file, (_, text) in zip(files, modules, strict=True):
            (staging / file).write_text(text, encoding="utf-8")
        validation = validate_pack(staging)
        if not validation.ok:
            raise PackInvalid(str(out_dir), validation.problems)
        if out_dir.exists():
            out_dir.rmdir()
        staging.rename(out_dir.resolve())
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # the staging folder's validation holds for the moved folder: its problems name files
    # relative to the pack, and validating 100,000 questions twice would double the wait
    written = tuple(out_dir / f for f in ("course.yaml", "competencies.yaml", *files))
    return Conversion(written, _count(bank), tuple(bank.problems.sorted()), validation)


def _count(bank: Bank) -> int:
    return sum(1 for q in bank.questions if q.kind != "text")


def _append_to_manifest(text: str, entries: Sequence[str]) -> str:
    """Add ``  - entry`` lines after the last item of ``modules:``, keeping the comments."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"^modules\s*:", line)), None)
    if start is None:
        raise PackError("course.yaml has no 'modules:' list to add the new module to.")
    if lines[start].split("#", 1)[0].split(":", 1)[1].strip():
        raise PackError("course.yaml writes 'modules:' on one line; the new module cannot be "
                        "added to it.", hint="Write each module on its own '  - …' line.")
    last, indent = start, "  "
    for i in range(start + 1, len(lines)):
        item = re.match(r"^(\s*)-\s", lines[i])
        if item:
            last, indent = i, item.group(1)
        elif lines[i].strip() and not lines[i].strip().startswith("#"):
            break
    lines[last + 1:last + 1] = [f"{indent}- {entry}" for entry in entries]
    return "\n".join(lines)


def _staging(folder: Path) -> Path:
    """A sibling folder (same file system, so moving out of it is a rename)."""
    folder = folder.resolve()
    staging = folder.with_name(f".{folder.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)  # left by a run that was killed
    return staging


def add_module(bank: Bank, pack_dir: Path, *, title: str,
               competencies: Sequence[str] = ()) -> Conversion:
    """Add the bank as new modules of an existing pack folder, or change nothing."""
    before = validate_pack(pack_dir)
    if before.pack is None:
        raise PackError(f"{pack_dir} has errors; fix them before adding questions.",
                        hint=f"Run 'trainer pack validate {pack_dir}'.")
    pack = before.pack
    known = [(c.id, c.title) for c in pack.framework.competencies]
    chosen = check_competencies(competencies, [c for c, _ in known])
    _require_questions(bank)
    taken = {m.id for m in pack.modules} | {e.id for e in pack.exercises()}
    # one module per category (章节), a big one cut into parts of 200 questions
    modules = _module_texts(bank, title, pack.language, Knowledge(known, chosen, may_add=False),
                            taken, headings=False)
    files = [f"modules/{len(pack.modules) + n:02d}-{mid}.md"
             for n, (mid, _) in enumerate(modules, start=1)]
    if any((pack_dir / f).exists() for f in files):
        raise PackError(f"{pack_dir / files[0]} already exists.",
                        hint="Rename the existing file or choose another title.")
    manifest = pack_dir / "course.yaml"
    updated = _append_to_manifest(manifest.read_text(encoding="utf-8"), files)
    staging = _staging(pack_dir)
    try:
        shutil.copytree(pack_dir, staging, symlinks=True,
                        ignore=shutil.ignore_patterns(".git", ".svn"))
        for file, (_, text) in zip(files, modules, strict=True):
            (staging / file).parent.mkdir(parents=True, exist_ok=True)
            (staging / file).write_text(text, encoding="utf-8")
        (staging / "course.yaml").write_text(updated, encoding="utf-8")
        after = validate_pack(staging)
        if not after.ok:
            raise PackInvalid(str(pack_dir), after.problems)
        (pack_dir / "modules").mkdir(exist_ok=True)
        for file in files:  # new names first; the manifest, which lists them, last
            os.replace(staging / file, pack_dir / file)
        os.replace(staging / "course.yaml", manifest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    written = tuple(pack_dir / f for f in files)
    return Conversion((*written, manifest), _count(bank), tuple(bank.problems.sorted()), after)
