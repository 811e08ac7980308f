"""Read question banks, and write their questions as our Markdown (courses/README.md).

``read_bank`` reads a GIFT, Aiken or Excel file into neutral questions; ``module_markdown``
writes a module of them. Packs are made or extended in ``bankpack.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from trainer.content.aiken import parse_aiken
from trainer.content.bank import Bank, BankQuestion, decode_bank
from trainer.content.banksniff import check_bank_file
from trainer.content.errors import PackError
from trainer.content.framework import ITEM_ID

FORMATS = ("gift", "aiken", "xlsx")
_LABELS = {"zh": ("正确", "错误", "回答切题，理由充分。", "题库导入"),
           "en": ("True", "False", "The answer is relevant and well argued.", "Imported questions")}
_OTHER_ANSWER = {"zh": "其他答案：", "en": "Any other answer: "}
_NEEDS_ESCAPE = re.compile(r"^(\s*)([-*+>]|\d+[.)]|:::|#|\[[ xX]\])(\s|$)")


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


def labels(language: str) -> tuple[str, str, str, str]:
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
    true_label, false_label, criterion, _ = labels(language)
    lines = [f"::: exercise {q.kind} {exercise_id}", f"competencies: {weights}"]
    if q.kind == "open":
        lines.append("grading: self")
    lines += ["", _safe(q.text), ""]
    if q.kind in ("single", "multiple", "truefalse"):
        words = (true_label, false_label) if q.kind == "truefalse" else None
        for index, option in enumerate(q.options):
            text = words[index] if words else _one_line(option.text) or "\\-"
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


def framework_competencies(competencies_file: Path) -> list[tuple[str, str]]:
    """(id, title) of each competency in a framework file, for choosing one by its name."""
    data = yaml.safe_load(competencies_file.read_text(encoding="utf-8")) or {}
    items = data.get("competencies", []) if isinstance(data, dict) else []
    return [(str(c.get("id")), str(c.get("title") or c.get("id")))
            for c in items if isinstance(c, dict)]


def check_competencies(chosen: Sequence[str], known: list[str]) -> list[str]:
    if not known:
        raise PackError("The pack's framework lists no competencies to weight the questions.")
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise PackError(f"Unknown competency '{unknown[0]}'.",
                        hint=f"Use one of: {', '.join(known)}.")
    return list(chosen) or known[:1]
