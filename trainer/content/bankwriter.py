"""Write converted question banks as modules of our Markdown format (courses/README.md).

``convert_bank`` reads a GIFT or Aiken file; ``write_new_pack`` makes a pack around it (the
starter pack's framework, one module per category); ``add_module`` adds one module to an
existing pack folder. Both validate what they wrote, so a trainer gets a pack that loads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from trainer.content.aiken import parse_aiken
from trainer.content.bank import Bank, BankQuestion, decode_bank
from trainer.content.errors import PackError
from trainer.content.framework import ITEM_ID
from trainer.content.loader import Validation, validate_pack
from trainer.content.problems import Problem
from trainer.content.starter import STARTER_DIR

FORMATS = ("gift", "aiken")
_LABELS = {"zh": ("正确", "错误", "回答切题，理由充分。", "题库导入"),
           "en": ("True", "False", "The answer is relevant and well argued.", "Imported questions")}
_NEEDS_ESCAPE = re.compile(r"^(\s*)([-*+>]|\d+[.)]|:::|#|\[[ xX]\])(\s|$)")


@dataclass(frozen=True)
class Conversion:
    """What a conversion wrote, and what it could not convert (with lines)."""

    written: tuple[Path, ...]
    questions: int
    problems: tuple[Problem, ...]  # from the source file: skipped questions and warnings
    validation: Validation


def read_bank(file: Path, fmt: str) -> Bank:
    """Parse a GIFT or Aiken file (UTF-8 or GB18030)."""
    if fmt not in FORMATS:
        raise PackError(f"Unknown question-bank format '{fmt}'.", hint="Use gift or aiken.")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise PackError(f"Cannot read {file}: {exc.strerror or exc}") from exc
    text = decode_bank(data, file.name)
    if fmt == "gift":
        from trainer.content.gift import parse_gift

        return parse_gift(text, file.name)
    return parse_aiken(text, file.name)


def _labels(language: str) -> tuple[str, str, str, str]:
    return _LABELS["zh" if language.lower().startswith("zh") else "en"]


def _safe(text: str) -> str:
    """Keep converted text from being read as our answer list, a quote or a block fence."""
    return "\n".join(_NEEDS_ESCAPE.sub(lambda m: f"{m[1]}\\{m[2]}{m[3]}", line)
                     for line in text.strip().split("\n"))


def _one_line(text: str) -> str:
    return " ".join(_safe(text).split("\n")).strip()


def _quote(text: str, indent: str = "") -> list[str]:
    return [f"{indent}> {line}".rstrip() for line in text.strip().split("\n")]


def _credit_box(credit: float) -> str:
    if credit >= 0.999:
        return "[x]"
    if credit <= 0:
        return "[ ]"
    return f"[{round(credit * 100)}%]"


def exercise_markdown(q: BankQuestion, exercise_id: str, weights: str, language: str) -> str:
    """One ``::: exercise`` block (or a plain passage for a GIFT description)."""
    if q.kind == "text":
        return _safe(q.text)
    true_label, false_label, criterion, _ = _labels(language)
    lines = [f"::: exercise {q.kind} {exercise_id}", f"competencies: {weights}"]
    if q.kind == "open":
        lines.append("grading: self")
    lines += ["", _safe(q.text), ""]
    if q.kind in ("single", "multiple", "truefalse"):
        labels = (true_label, false_label) if q.kind == "truefalse" else None
        for index, option in enumerate(q.options):
            text = labels[index] if labels else _one_line(option.text) or "\\-"
            lines.append(f"- {_credit_box(option.credit)} {text}")
            if option.feedback:
                lines += _quote(option.feedback, "  ")
    elif q.kind == "fill":
        lines += [f"- {_one_line(answer)}" for answer in q.answers]
    elif q.kind == "match":
        lines += [f"- {_one_line(a)} -> {_one_line(b)}" for a, b in q.pairs]
    elif q.kind == "open":
        lines.append(f"- [1] {criterion}")
    if q.explanation:
        lines += ["", *_quote(q.explanation)]
    lines.append(":::")
    return "\n".join(lines)


def module_markdown(module_id: str, title: str, questions: Sequence[BankQuestion],
                    competencies: Sequence[str], language: str,
                    headings: bool = False) -> str:
    """A whole module: front matter, a heading, and the exercises in source order."""
    weights = ", ".join(competencies)
    front = {"id": module_id, "title": title, "minutes": max(5, round(len(questions) * 1.5)),
             "kind": "lesson", "competencies": list(competencies)}
    parts = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False).strip(), "---",
             "", f"# {title}"]
    category, number = None, 0
    for q in questions:
        if headings and q.category and q.category != category:
            category = q.category
            parts += ["", f"## {category}"]
        if q.title and q.kind != "text":
            parts += ["", f"### {_one_line(q.title)}"]
        if q.kind != "text":
            number += 1
        parts += ["", exercise_markdown(q, f"{module_id}-q{number}", weights, language)]
    return "\n".join(parts) + "\n"


def slug(text: str, fallback: str) -> str:
    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return value if value and ITEM_ID.match(value) else fallback


def _framework_ids(competencies_file: Path) -> list[str]:
    return [competency_id for competency_id, _title in framework_competencies(competencies_file)]


def framework_competencies(competencies_file: Path) -> list[tuple[str, str]]:
    """(id, title) of each competency in a framework file, for choosing one by its name."""
    data = yaml.safe_load(competencies_file.read_text(encoding="utf-8")) or {}
    items = data.get("competencies", []) if isinstance(data, dict) else []
    return [(str(c.get("id")), str(c.get("title") or c.get("id")))
            for c in items if isinstance(c, dict)]


def _check_competencies(chosen: Sequence[str], known: list[str]) -> list[str]:
    if not known:
        raise PackError("The pack's framework lists no competencies to weight the questions.")
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise PackError(f"Unknown competency '{unknown[0]}'.",
                        hint=f"Use one of: {', '.join(known)}.")
    return list(chosen) or known[:1]


def _by_category(questions: Sequence[BankQuestion]) -> dict[str, list[BankQuestion]]:
    groups: dict[str, list[BankQuestion]] = {}
    for q in questions:
        groups.setdefault(q.category, []).append(q)
    return groups


def write_new_pack(bank: Bank, out_dir: Path, *, title: str, language: str = "zh-CN",
                   competencies: Sequence[str] = ()) -> Conversion:
    """A new pack around the bank: one module per category, the starter's framework."""
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise PackError(f"{out_dir} already exists and is not empty.",
                        hint="Choose a new folder, or add to a pack with --into.")
    if not any(q.kind != "text" for q in bank.questions):
        raise PackError(f"No question in {bank.source} could be converted.",
                        hint="See the problems listed above.")
    template = STARTER_DIR / ("zh-CN" if language.lower().startswith("zh") else "en")
    if not template.is_dir():
        template = STARTER_DIR / "zh-CN"
    framework_text = (template / "competencies.yaml").read_text(encoding="utf-8")
    chosen = _check_competencies(competencies, _framework_ids(template / "competencies.yaml"))
    groups = _by_category(bank.questions)
    modules: list[tuple[str, str]] = []
    for number, (category, questions) in enumerate(groups.items(), start=1):
        name = category.rsplit("/", 1)[-1] if category else title
        module_id = slug(name, f"bank-{number}")
        if any(module_id == m for m, _ in modules):
            module_id = f"{module_id}-{number}"
        modules.append((module_id, module_markdown(module_id, name, questions, chosen,
                                                   language)))
    files = [f"modules/{n:02d}-{mid}.md" for n, (mid, _) in enumerate(modules, start=1)]
    manifest = {"id": slug(out_dir.name, "imported-questions"), "version": "0.1.0",
                "title": title, "language": language, "authors": [],
                "summary": _labels(language)[3] + f": {bank.source}", "pass_mark": 60,
                "modules": files}
    staging = out_dir.with_name(f".{out_dir.name}.partial")
    (staging / "modules").mkdir(parents=True, exist_ok=False)
    try:
        (staging / "course.yaml").write_text(
            yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")
        (staging / "competencies.yaml").write_text(framework_text, encoding="utf-8")
        for file, (_, text) in zip(files, modules, strict=True):
            (staging / file).write_text(text, encoding="utf-8")
        if out_dir.exists():
            out_dir.rmdir()
        staging.rename(out_dir)
    except BaseException:
        import shutil

        shutil.rmtree(staging, ignore_errors=True)
        raise
    written = tuple(out_dir / f for f in ("course.yaml", "competencies.yaml", *files))
    return Conversion(written, _count(bank), tuple(bank.problems.sorted()),
                      validate_pack(out_dir))


def _count(bank: Bank) -> int:
    return sum(1 for q in bank.questions if q.kind != "text")


def _append_to_manifest(text: str, entry: str) -> str:
    """Add ``  - entry`` after the last item of ``modules:``, keeping the author's comments."""
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
    lines.insert(last + 1, f"{indent}- {entry}")
    return "\n".join(lines)


def add_module(bank: Bank, pack_dir: Path, *, title: str,
               competencies: Sequence[str] = ()) -> Conversion:
    """Add the bank as one new module of an existing pack folder; undone if it breaks it."""
    before = validate_pack(pack_dir)
    if before.pack is None:
        raise PackError(f"{pack_dir} has errors; fix them before adding questions.",
                        hint=f"Run 'trainer pack validate {pack_dir}'.")
    pack = before.pack
    known = [c.id for c in pack.framework.competencies]
    chosen = _check_competencies(competencies, known)
    taken = {m.id for m in pack.modules} | {e.id for e in pack.exercises()}
    module_id = base = slug(title, "imported")
    number = 2
    while module_id in taken or any(i.startswith(f"{module_id}-q") for i in taken):
        module_id, number = f"{base}-{number}", number + 1
    file = f"modules/{len(pack.modules) + 1:02d}-{module_id}.md"
    target = pack_dir / file
    if not any(q.kind != "text" for q in bank.questions):
        raise PackError(f"No question in {bank.source} could be converted.")
    manifest = pack_dir / "course.yaml"
    original = manifest.read_text(encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(module_markdown(module_id, title, bank.questions, chosen, pack.language,
                                      headings=True), encoding="utf-8")
    manifest.write_text(_append_to_manifest(original, file), encoding="utf-8")
    after = validate_pack(pack_dir)
    if not after.ok:
        manifest.write_text(original, encoding="utf-8")
        target.unlink()
        raise PackError(f"Adding the questions would break {pack_dir}: {after.errors[0]}",
                        hint="Nothing was changed. Please report this with the question file.")
    return Conversion((target, manifest), _count(bank), tuple(bank.problems.sorted()), after)
