"""Moodle GIFT question banks → ``BankQuestion`` values.

Follows Moodle's own reading of the format (question/format/gift): questions are separated by
blank lines, ``//`` lines are comments, ``$CATEGORY:`` sets the category, ``::title::`` names a
question, ``{…}`` holds the answers, ``\\~ \\= \\# \\{ \\} \\:`` escape the control characters. Moodle's own export writes
``[html]`` before the question and HTML in every part (``<p>一般数据</p>``): each part loses its
format marker wherever it stands and HTML becomes sanitised Markdown (``htmltext.py``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from trainer.content.bank import Bank, BankOption, BankQuestion
from trainer.content.htmltext import html_to_markdown, looks_like_html

_ESCAPES = {"\\~": "~", "\\=": "=", "\\#": "#", "\\{": "{", "\\}": "}", "\\:": ":",
            "\\n": "\n", "\\\\": "\\"}
_ESCAPE = re.compile(r"\\[~=#{}:n\\]")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_TRUE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_TOLERANCE = re.compile(rf"^({_NUMBER})(?::({_NUMBER}))?$")
_RANGE = re.compile(rf"^({_NUMBER})\.\.({_NUMBER})$")


def unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], text).strip()


def _find(text: str, chars: str, start: int = 0) -> int:
    """Index of the first unescaped character of ``chars`` at or after ``start``, else -1."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in chars:
            return i
        i += 1
    return -1


def _split(text: str, chars: str) -> list[str]:
    """Split at unescaped ``chars``, keeping each separator at the start of its part."""
    cuts, i = [], _find(text, chars)
    while i != -1:
        cuts.append(i)
        i = _find(text, chars, i + 1)
    bounds = [0, *cuts, len(text)] if cuts[:1] != [0] else [*cuts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds) if text[a:b].strip()]


@dataclass
class _Raw:
    """One question's source, and the text format its parts default to (Moodle's rule)."""

    line: int
    text: str
    category: str
    fmt: str = "moodle"
    bank: Bank | None = None

    def text_of(self, part: str) -> str:
        """A part as Markdown: its own ``[format]`` marker removed, escapes undone, HTML
        converted; images it showed are reported with their line and left out."""
        fmt, part = self.fmt, part.strip()
        marker = _FORMAT.match(part)
        if marker:
            fmt, part = marker.group(1).lower(), part[marker.end():]
        text = unescape(part)
        if fmt in ("html", "moodle") and looks_like_html(text):
            text, images = html_to_markdown(text)
            for src in images:
                self._report_image(src)
        elif "@@PLUGINFILE@@" in text:
            self._report_image(text)
        return text

    def _report_image(self, src: str) -> None:
        if self.bank is None:
            return
        name = src.split("@@PLUGINFILE@@", 1)[-1].lstrip("/").split()[0] if src else ""
        at = self.text.find(name) if name else -1
        line = self.line + (self.text.count("\n", 0, at) if at != -1 else 0)
        shown = f"'@@PLUGINFILE@@/{name}'" if name else "an image"
        self.bank.warn(line, f"the picture {shown} is kept in Moodle's file store, not in the "
                       "GIFT file, so it is left out; copy it into the pack's images folder and "
                       "show it with '![description](images/NAME)'.")


def parse_gift(text: str, source: str) -> Bank:
    """Every question of a GIFT file; unconvertible ones are reported with their line."""
    bank = Bank(source)
    for raw in _chunks(text, bank):
        raw.bank = bank
        question = _question(raw, bank)
        if question is not None:
            bank.questions.append(question)
    return bank


def _chunks(text: str, bank: Bank) -> list[_Raw]:
    """Blank-line separated questions, comments dropped, categories attached."""
    chunks: list[_Raw] = []
    category, lines, first = "", [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if stripped.upper().startswith("$CATEGORY:"):
            category = stripped.split(":", 1)[1].strip().removeprefix("$course$/")
            category = category.removeprefix("top/").strip("/")
            continue
        if stripped:
            if not lines:
                first = number
            lines.append(line)
            continue
        if lines:
            chunks.append(_Raw(first, "\n".join(lines), category))
            lines = []
    if lines:
        chunks.append(_Raw(first, "\n".join(lines), category))
    return chunks


def _question(raw: _Raw, bank: Bank) -> BankQuestion | None:
    text, title = raw.text.strip(), ""
    if text.startswith("::"):
        end = _find(text, ":", 2)
        while end != -1 and text[end:end + 2] != "::":
            end = _find(text, ":", end + 1)
        if end == -1:
            bank.skip(raw.line, "the question title opened with '::' is never closed; write "
                      "'::Title::' before the question text.")
            return None
        title, text = unescape(text[2:end]), text[end + 2:].strip()
    fmt = _FORMAT.match(text)
    if fmt:
        raw.fmt, text = fmt.group(1).lower(), text[fmt.end():]
    open_at = _find(text, "{")
    if open_at == -1:
        if _find(text, "}") != -1:
            bank.skip(raw.line, "'}' without '{': escape it as '\\}' or add the answers "
                      "in '{…}'.")
            return None
        return BankQuestion("text", raw.line, title, raw.text_of(text), raw.category)
    close_at = _find(text, "}", open_at + 1)
    if close_at == -1:
        bank.skip(raw.line, "the answers opened with '{' are never closed with '}'.")
        return None
    before, answer, after = text[:open_at], text[open_at + 1:close_at], text[close_at + 1:]
    stem = raw.text_of(before)
    if after.strip() and after.strip() not in ".?!。？！":
        # keep the writer's spacing: "共享____交换" stays without spaces, "a {…} b" with them
        left = " " if before[-1:].isspace() or not before.strip() else ""
        right = " " if after[:1].isspace() else ""
        stem = f"{stem}{left}____{right}{raw.text_of(after)}".strip()
    elif after.strip():
        stem = f"{stem} ____{after.strip()}"
    if not stem:
        bank.skip(raw.line, "the question has answers but no text.")
        return None
    return _answers(raw, bank, title, stem, answer)


def _answers(raw: _Raw, bank: Bank, title: str, stem: str, answer: str) -> BankQuestion | None:
    general = ""
    cut = answer.find("####")
    if cut != -1:
        answer, general = answer[:cut], raw.text_of(answer[cut + 4:])
    body = answer.strip()
    base = {"line": raw.line, "title": title, "text": stem, "category": raw.category,
            "explanation": general}
    if not body:
        return BankQuestion("open", **base)
    if body.startswith("#"):
        return _numerical(raw, bank, base, body[1:])
    head = _FORMAT.sub("", body.split("#", 1)[0]).strip().upper()
    if head in _TRUE:
        return _truefalse(raw, base, body, _TRUE[head])
    parts = _split(body, "=~")
    if not parts or parts[0][0] not in "=~":
        bank.skip(raw.line, "answers must start with '=' (right) or '~' (wrong); escape a "
                  "literal one as '\\=' or '\\~'.")
        return None
    if all(p.startswith("=") for p in parts) and any("->" in p for p in parts):
        return _matching(raw, bank, base, parts)
    if all(p.startswith("=") for p in parts):
        return _short(raw, bank, base, parts)
    return _choice(raw, bank, base, parts)


def _option(raw: _Raw, part: str) -> BankOption:
    """``=text#feedback`` or ``~%50%text#feedback`` → option with its credit."""
    sign, rest = part[0], part[1:].strip()
    credit = 1.0 if sign == "=" else 0.0
    weight = _WEIGHT.match(rest)
    if weight:
        credit, rest = float(weight.group(1)) / 100, rest[weight.end():]
    hash_at = _find(rest, "#")
    text, feedback = (rest, "") if hash_at == -1 else (rest[:hash_at], rest[hash_at + 1:])
    return BankOption(raw.text_of(text), credit, raw.text_of(feedback))


def _choice(raw: _Raw, bank: Bank, base: dict, parts: list[str]) -> BankQuestion | None:
    options = tuple(_option(raw, p) for p in parts)
    full = [o for o in options if o.credit >= 0.999]
    partial = [o for o in options if 0 < o.credit < 0.999]
    if len(options) < 2:
        bank.skip(raw.line, "a multiple-choice question needs at least two answers.")
        return None
    if len(full) == 1:
        if partial:
            bank.warn(raw.line, "partial-credit answers are kept with their credit ("
                      + ", ".join(f"{o.credit:.0%}" for o in partial) + ").")
        return BankQuestion("single", options=options, **base)
    if full:
        bank.skip(raw.line, "more than one answer is marked '=' in a multiple-choice question;"
                  " use '~%50%' weights for several right answers.")
        return None
    if not partial:
        bank.skip(raw.line, "no answer is marked right: mark one with '=' or give right "
                  "answers a positive weight such as '~%50%'.")
        return None
    if any(o.credit < 0 for o in options) or len({o.credit for o in partial}) > 1:
        bank.warn(raw.line, "GIFT weights become our multiple-choice rule: (right ticked − "
                  "wrong ticked) ÷ right answers; check the scoring suits the question.")
    ticked = tuple(BankOption(o.text, 1.0 if o.credit > 0 else 0.0, o.feedback)
                   for o in options)
    return BankQuestion("multiple", options=ticked, **base)


def _truefalse(raw: _Raw, base: dict, body: str, value: bool) -> BankQuestion:
    feedback = [raw.text_of(f) for f in _split_feedback(body)]
    wrong = feedback[0] if feedback else ""
    right = feedback[1] if len(feedback) > 1 else ""
    true_option = BankOption("", 1.0 if value else 0.0, right if value else wrong)
    false_option = BankOption("", 0.0 if value else 1.0, wrong if value else right)
    return BankQuestion("truefalse", options=(true_option, false_option), **base)


def _short(raw: _Raw, bank: Bank, base: dict, parts: list[str]) -> BankQuestion | None:
    """Accepted answers; partly right ones and ``*`` (any other answer) go to the explanation."""
    options = [_option(raw, p) for p in parts]
    answers = tuple(o.text for o in options if o.credit >= 0.999 and o.text)
    other = next((o.feedback for o in options if o.text == "*"), "")
    partial = tuple((o.text, o.credit) for o in options
                    if 0 < o.credit < 0.999 and o.text and o.text != "*")
    if not answers:
        bank.skip(raw.line, "the short-answer question has no full-credit answer.")
        return None
    explanation = base.pop("explanation") or next((o.feedback for o in options
                                                   if o.feedback and o.credit >= 0.999), "")
    return BankQuestion("fill", answers=answers, explanation=explanation, partial=partial,
                        other_feedback=other, **base)


def _matching(raw: _Raw, bank: Bank, base: dict, parts: list[str]) -> BankQuestion | None:
    pairs: list[tuple[str, str]] = []
    for part in parts:
        left, arrow, right = part[1:].partition("->")
        left, right = raw.text_of(left), raw.text_of(right)
        if not arrow or not right:
            bank.skip(raw.line, f"matching pair '{part[1:].strip()}' needs 'left -> right'.")
            return None
        if not left:
            bank.warn(raw.line, f"the extra answer '{right}' (no question) is dropped.")
            continue
        pairs.append((left, right))
    if len(pairs) < 2:
        bank.skip(raw.line, "a matching question needs at least two pairs.")
        return None
    return BankQuestion("match", pairs=tuple(pairs), **base)


def _split_feedback(body: str) -> list[str]:
    """The ``#feedback`` parts after an answer, split at unescaped '#'."""
    parts, at = [], _find(body, "#")
    while at != -1:
        following = _find(body, "#", at + 1)
        parts.append(body[at + 1:following if following != -1 else len(body)])
        at = following
    return parts


def _numerical(raw: _Raw, bank: Bank, base: dict, body: str) -> BankQuestion | None:
    """``{#3:2}``, ``{#1..5}`` and Moodle's export form ``{#\\n=%100%3:2#…\\n~#…}``: every
    full-credit alternative is accepted; partly right ones keep their credit for the numbers
    they accept; the feedback for any other answer goes into the explanation."""
    body = body.strip()
    parts = _split(body if body[:1] in "=~" else "=" + body, "=~")
    accepted: list[BankOption] = []
    partial: list[tuple[str, float]] = []
    other = ""
    for part in parts:
        if part.startswith("~"):
            rest = part[1:].strip()
            at = _find(rest, "#")
            if rest[:at if at != -1 else len(rest)].strip() in ("", "*"):
                other = raw.text_of(rest[at + 1:]) if at != -1 else other
            continue
        option = _option(raw, part)
        if option.credit >= 0.999:
            accepted.append(option)
        elif option.credit > 0:
            partial.append((option.text.replace(" ", ""), option.credit))
    if not accepted:
        bank.skip(raw.line, "the numerical question has no full-credit answer.")
        return None
    answers: list[str] = []
    for option in accepted:
        found = _numeric_answers(option.text, raw, bank)
        if found is None:
            return None
        answers += [a for a in found if a not in answers]
    credits: dict[str, float] = {}
    for spec, credit in partial:  # partly right: the numbers it accepts, at their credit
        found = _numeric_answers(spec, raw, bank)
        if found is None:
            return None
        for number in found:
            if number not in answers:
                credits[number] = max(credit, credits.get(number, 0.0))
    explanation = base.pop("explanation") or next((o.feedback for o in accepted if o.feedback),
                                                  "")
    return BankQuestion("fill", answers=tuple(answers), explanation=explanation,
                        partial=tuple(credits.items()), other_feedback=other, **base)


def _numeric_answers(spec: str, raw: _Raw, bank: Bank) -> tuple[str, ...] | None:
    """Exact numbers become the accepted answer; a small whole-number range is listed out."""
    spec = spec.replace(" ", "")
    low = high = None
    tolerance = _TOLERANCE.match(spec)
    ranged = _RANGE.match(spec)
    if tolerance:
        value, plus = float(tolerance.group(1)), float(tolerance.group(2) or 0)
        low, high, exact = value - plus, value + plus, tolerance.group(1)
    elif ranged:
        low, high = float(ranged.group(1)), float(ranged.group(2))
        exact = ranged.group(1)
    else:
        bank.skip(raw.line, f"'{spec}' is not a number, 'number:tolerance' or 'low..high'.")
        return None
    if low == high:
        return (exact,)
    whole = range(int(-(-low // 1)), int(high // 1) + 1)
    if all(float(x).is_integer() for x in (low, high)) and 0 < len(whole) <= 25:
        bank.warn(raw.line, f"numerical range {spec} is accepted as the whole numbers "
                  f"{whole.start}–{whole.stop - 1}.")
        return tuple(str(n) for n in whole)
    bank.warn(raw.line, f"numerical tolerance in '{spec}' cannot be kept: only the exact "
              f"answer {exact} is accepted. Add other accepted answers by hand if needed.")
    return (exact,)
