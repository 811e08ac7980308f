"""Write converted question banks as modules of our Markdown format (courses/README.md).

``read_bank`` reads a GIFT, Aiken or Excel file; ``write_new_pack`` makes a pack around it (the
starter pack's framework, one module per category or 章节); ``add_module`` adds modules to an
existing pack folder. Both write beside the target and move into place only what validates, so
a failure leaves nothing half-written.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from trainer.content.aiken import parse_aiken
from trainer.content.bank import Bank, BankQuestion, decode_bank
from trainer.content.bankknow import Knowledge, framework_with, split_modules
from trainer.content.banksniff import check_bank_file
from trainer.content.errors import PackError, PackInvalid
from trainer.content.framework import ITEM_ID
from trainer.content.loader import Validation, validate_pack
from trainer.content.problems import Problem
from trainer.content.starter import STARTER_DIR

FORMATS = ("gift", "aiken", "xlsx")
_LABELS = {"zh": ("正确", "错误", "回答切题，理由充分。", "题库导入"),
           "en": ("True", "False", "The answer is relevant and well argued.", "Imported questions")}
_OTHER_ANSWER = {"zh": "其他答案：", "en": "Any other answer: "}
_NEEDS_ESCAPE = re.compile(r"^(\s*)([-*+>]|\d+[.)]|:::|#|\[[ xX]\])(\s|$)")


@dataclass(frozen=True)
class Conversion:
    """What a conversion wrote, and what it could not convert (with lines)."""

    written: tuple[Path, ...]
    questions: int
    problems: tuple[Problem, ...]  # from the source file: skipped questions and warnings
    validation: Validation


def read_bank(file: Path, fmt: str, progress: Callable[[int], None] | None = None) -> Bank:
    """Parse a GIFT or Aiken file (UTF-8 or GB18030) or an Excel bank (.xlsx)."""
    if fmt not in FORMATS:
        raise PackError(f"Unknown question-bank format '{fmt}'.",
                        hint="Use gift, aiken or xlsx.")
    if fmt == "xlsx":
        from trainer.content.bankxlsx import read_xlsx_bank

        return read_xlsx_bank(file, progress)
    check_bank_file(file, "text")
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
        lines += [f"- [{max(1, min(99, round(credit * 100)))}%] {_one_line(answer)}"
                  for answer, credit in q.partial]
    elif q.kind == "match":
        lines += [f"- {_one_line(a)} -> {_one_line(b)}" for a, b in q.pairs]
    elif q.kind == "open":
        lines.append(f"- [1] {criterion}")
    explanation = _explanation(q, language)
    if explanation:
        lines += ["", *_quote(explanation)]
    lines.append(":::")
    return "\n".join(lines)


def _explanation(q: BankQuestion, language: str) -> str:
    """The explanation, with the feedback a GIFT question gave for any other answer."""
    other_label = _OTHER_ANSWER["zh" if language.lower().startswith("zh") else "en"]
    parts = [q.explanation] if q.explanation else []
    if q.other_feedback:
        parts.append(other_label + q.other_feedback)
    return "\n\n".join(parts)


def module_markdown(module_id: str, title: str, questions: Sequence[BankQuestion],
                    competencies: Sequence[str], language: str,
                    headings: bool = False,
                    weights_of: Callable[[BankQuestion], list[str]] | None = None) -> str:
    """A whole module: front matter, a heading, and the exercises in source order."""
    chosen = {id(q): (weights_of(q) if weights_of else list(competencies)) for q in questions}
    used = list(dict.fromkeys(c for q in questions if q.kind != "text" for c in chosen[id(q)]))
    front = {"id": module_id, "title": title, "minutes": max(5, round(len(questions) * 1.5)),
             "kind": "lesson", "competencies": used or list(competencies)}
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
        parts += ["", exercise_markdown(q, f"{module_id}-q{number}", ", ".join(chosen[id(q)]),
                                        language)]
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
    chosen = _check_competencies(competencies, [c for c, _ in known])
    knowledge = Knowledge(known, chosen, may_add=True)
    modules = _module_texts(bank, title, language, knowledge, set(), headings=False)
    files = [f"modules/{n:02d}-{mid}.md" for n, (mid, _) in enumerate(modules, start=1)]
    manifest = {"id": slug(out_dir.name, "imported-questions"), "version": "0.1.0",
                "title": title, "language": language, "authors": [],
                "summary": _labels(language)[3] + f": {bank.source}", "pass_mark": 60,
                "modules": files}
    staging = out_dir.with_name(f".{out_dir.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)  # left by a run that was killed
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
        staging.rename(out_dir)
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


def _write_atomic(path: Path, text: str) -> None:
    """Write beside the file, then replace it: a crash leaves the old file or the new one."""
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def add_module(bank: Bank, pack_dir: Path, *, title: str,
               competencies: Sequence[str] = ()) -> Conversion:
    """Add the bank as new modules of an existing pack folder; undone if it breaks it."""
    before = validate_pack(pack_dir)
    if before.pack is None:
        raise PackError(f"{pack_dir} has errors; fix them before adding questions.",
                        hint=f"Run 'trainer pack validate {pack_dir}'.")
    pack = before.pack
    known = [(c.id, c.title) for c in pack.framework.competencies]
    chosen = _check_competencies(competencies, [c for c, _ in known])
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
    original = manifest.read_text(encoding="utf-8")
    updated = _append_to_manifest(original, files)
    written: list[Path] = []
    try:
        (pack_dir / "modules").mkdir(exist_ok=True)
        for file, (_, text) in zip(files, modules, strict=True):
            _write_atomic(pack_dir / file, text)
            written.append(pack_dir / file)
        _write_atomic(manifest, updated)
        after = validate_pack(pack_dir)
        if not after.ok:
            raise PackInvalid(str(pack_dir), after.problems)
    except BaseException:
        _write_atomic(manifest, original)
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return Conversion((*written, manifest), _count(bank), tuple(bank.problems.sorted()), after)
