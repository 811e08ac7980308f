"""A pack's questions on the way out: to Excel in the template's layout, or to Moodle GIFT.

``bank_questions`` turns exercises back into neutral ``BankQuestion`` values (章节 = the module
title, 知识点 = the first competency); ``gift_text`` writes GIFT the way Moodle's importer reads
it. Ordering exercises exist in neither format and are reported, not dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from trainer.content.bank import BankOption, BankQuestion
from trainer.content.model import Exercise, Pack

_GIFT_SPECIAL = str.maketrans({c: "\\" + c for c in "~=#{}:\\"})


@dataclass
class Export:
    questions: list[BankQuestion] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "module file:line: exercise id (type)"


def _question(exercise: Exercise, chapter: str) -> BankQuestion | None:
    knowledge = next(iter(exercise.weights), "")
    base = {"line": exercise.line, "title": exercise.id, "text": exercise.question,
            "category": chapter, "explanation": exercise.explanation, "knowledge": knowledge}
    if exercise.type in ("single", "multiple", "truefalse"):
        options = tuple(BankOption(o.text, 1.0 if o.correct else o.credit, o.feedback)
                        for o in exercise.options)
        return BankQuestion(exercise.type, options=options, **base)
    if exercise.type == "fill":
        return BankQuestion("fill", answers=exercise.answers,
                            partial=exercise.partial_answers, **base)
    if exercise.type == "match":
        return BankQuestion("match", pairs=exercise.pairs, **base)
    if exercise.type == "open":
        return BankQuestion("open", **base)
    return None


def bank_questions(pack: Pack, formats: tuple[str, ...]) -> Export:
    """Every exercise the format can hold, in pack order; the others are listed."""
    export = Export()
    for module in pack.modules:
        for exercise in module.exercises:
            question = _question(exercise, module.title)
            if question is None or question.kind not in formats:
                export.skipped.append(f"{exercise.file}:{exercise.line}: {exercise.id} "
                                      f"({exercise.type})")
                continue
            export.questions.append(question)
    return export


def _g(text: str, strip: bool = True) -> str:
    """Text escaped for GIFT; Markdown is declared with ``[markdown]`` where it matters."""
    return (text.strip() if strip else text).translate(_GIFT_SPECIAL).replace("\n", "\\n")


def _weight(option: BankOption, multiple: bool, right: int) -> str:
    if multiple:
        share = round(100 / right, 5) if option.credit >= 0.999 else -100 / max(1, right)
        return f"~%{share:g}%"
    if option.credit >= 0.999:
        return "="
    return f"~%{round(option.credit * 100):g}%" if option.credit > 0 else "~"


def _answers(q: BankQuestion) -> Iterator[str]:
    if q.kind in ("single", "multiple"):
        right = sum(1 for o in q.options if o.credit >= 0.999)
        for option in q.options:
            line = "\t" + _weight(option, q.kind == "multiple", right) + _g(option.text)
            yield line + (f"#{_g(option.feedback)}" if option.feedback else "")
    elif q.kind == "fill":
        for answer in q.answers:
            yield f"\t={_g(answer)}"
        for answer, credit in q.partial:
            yield f"\t=%{round(credit * 100):g}%{_g(answer)}"
    elif q.kind == "match":
        for left, right_text in q.pairs:
            yield f"\t={_g(left)} -> {_g(right_text)}"


def gift_text(questions: list[BankQuestion]) -> str:
    """GIFT as Moodle imports it: categories, titles, ``[markdown]`` text, feedback."""
    out: list[str] = []
    category = None
    for q in questions:
        if q.category != category:
            category = q.category
            out += [f"$CATEGORY: $course$/top/{category.replace('/', '-')}", ""]
        head = f"::{_g(q.title)}::[markdown]{_g(q.text)}"
        general = f"\t####{_g(q.explanation)}" if q.explanation else ""
        if q.kind == "fill" and "____" in q.text:  # GIFT's blank is where the answers stand
            before, after = q.text.split("____", 1)
            answers = " ".join(a.strip() for a in _answers(q))
            extra = f" ####{_g(q.explanation)}" if q.explanation else ""
            out.append(f"::{_g(q.title)}::[markdown]{_g(before, False)}{{{answers}{extra}}}{_g(after, False)}")
        elif q.kind == "truefalse":
            value = "TRUE" if q.options[0].credit >= 0.999 else "FALSE"
            out.append(f"{head}{{{value}{('####' + _g(q.explanation)) if q.explanation else ''}}}")
        else:
            out += [head + "{", *_answers(q), *([general] if general else []), "}"]
        out.append("")
    return "\n".join(out)
