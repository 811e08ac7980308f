"""Search across installed courses by substring, so Chinese works (it has no spaces between words).

Word-based full-text search (e.g. SQLite FTS with its default tokenizer) finds nothing inside a
Chinese sentence; a substring scan over a few megabytes of course text is fast enough. Matching
ignores case, full-/half-width differences and spaces. Pure Python: no Qt, no database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from trainer.content.model import Exercise, Pack

SNIPPET_BEFORE, SNIPPET_AFTER = 24, 60

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_CALLOUT = re.compile(r"^\s*>?\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*", re.I | re.M)
_LINE_MARKS = re.compile(r"^\s*(#{1,6}\s+|>\s?|[-*+]\s+(\[[ xX]\]\s+)?|\d+[.)]\s+)", re.M)
_INLINE = re.compile(r"(\*\*|__|`+|~~|(?<!\w)[*_](?=\S))")
_BLANK = re.compile(r"_{3,}")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.M)


def fold(text: str) -> str:
    """The form both sides are compared in: NFKC, case-folded, without whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def plain_text(markdown: str) -> str:
    """Markdown reduced to what a reader sees (markers, links and table rules removed)."""
    text = _BLANK.sub("\0", markdown)  # fill-in blanks survive the emphasis clean-up
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _CALLOUT.sub("", text)
    text = _TABLE_RULE.sub("", text)
    text = _LINE_MARKS.sub("", text)
    text = _INLINE.sub("", text)
    return text.replace("|", " ").replace("\0", "____")


@dataclass(frozen=True)
class Entry:
    """One searchable paragraph (or exercise) and where it lives."""

    pack_id: str
    pack_title: str
    module_id: str
    module_title: str
    exercise_id: str | None
    text: str
    folded: str
    offsets: tuple[int, ...]  # folded index -> index in ``text``
    exam: bool = False  # a final-assessment question: found only after it was handed in


@dataclass(frozen=True)
class Hit:
    pack_id: str
    pack_title: str
    module_id: str
    module_title: str
    exercise_id: str | None
    snippet: str
    match_start: int  # the match inside ``snippet``
    match_length: int
    matched_text: str  # the original text matched (to find it again in the lesson)


def _entry(pack: Pack, module_id: str, module_title: str, exercise_id: str | None,
           text: str, exam: bool = False) -> Entry:
    folded: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        piece = fold(char)
        folded.append(piece)
        offsets.extend([index] * len(piece))
    return Entry(pack.id, pack.title, module_id, module_title, exercise_id, text,
                 "".join(folded), tuple(offsets), exam)


def _exercise_text(exercise: Exercise) -> str:
    """Question, options, steps, pairs, rubric and explanation."""
    parts = [exercise.question, *(o.text for o in exercise.options), *exercise.items,
             *(f"{a} {b}" for a, b in exercise.pairs), *(c.text for c in exercise.rubric),
             exercise.explanation]
    return " ".join(plain_text("\n".join(p for p in parts if p)).split())


class SearchIndex:
    """Paragraphs of every module and every exercise of the given packs."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = tuple(entries)

    @classmethod
    def build(cls, packs: Iterable[Pack],
              progress: Callable[[int, int], None] | None = None) -> SearchIndex:
        packs = list(packs)
        entries: list[Entry] = []
        for number, pack in enumerate(packs, 1):
            for module in pack.modules:
                exam = module.kind == "assessment"
                entries.append(_entry(pack, module.id, module.title, None, module.title))
                for block in module.blocks:
                    if isinstance(block, Exercise):
                        entries.append(_entry(pack, module.id, module.title, block.id,
                                              _exercise_text(block), exam))
                        continue
                    for paragraph in re.split(r"\n\s*\n", plain_text(block.markdown)):
                        if paragraph.strip():
                            entries.append(_entry(pack, module.id, module.title, None,
                                                  " ".join(paragraph.split())))
            if progress is not None:
                progress(number, len(packs))
        return cls(entries)

    def search(self, query: str, limit: int = 200,
               handed_in: Collection[str] = frozenset(),
               revealed: Collection[tuple[str, str]] = frozenset()) -> list[Hit]:
        """Entries containing the whole phrase first (it is the snippet's highlight), then those
        containing every word of ``query`` apart (highlighting the first word).

        Final-assessment questions (with their options and explanations) are found only in
        the packs listed in ``handed_in`` — those whose final the learner has handed in — so
        search never gives a question or its answer away before the sitting. From a question
        pool only the questions in ``revealed`` (pack id, exercise id) are found: those the
        learner met, not the ones a retake may draw.
        """
        words = [fold(w) for w in query.split() if fold(w)]
        if not words:
            return []
        phrase = "".join(words)
        exact: list[Hit] = []
        apart: list[Hit] = []
        for entry in self.entries:
            if entry.exam and entry.pack_id not in handed_in \
                    and (entry.pack_id, entry.exercise_id) not in revealed:
                continue
            if phrase in entry.folded:
                exact.append(_hit(entry, phrase))
            elif len(words) > 1 and all(word in entry.folded for word in words):
                apart.append(_hit(entry, words[0]))
            if len(exact) >= limit:
                break
        return (exact + apart)[:limit]


def _hit(entry: Entry, word: str) -> Hit:
    at = entry.folded.find(word)
    start = entry.offsets[at]
    end = entry.offsets[at + len(word) - 1] + 1
    left = max(0, start - SNIPPET_BEFORE)
    right = min(len(entry.text), end + SNIPPET_AFTER)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(entry.text) else ""
    snippet = prefix + entry.text[left:right] + suffix
    return Hit(entry.pack_id, entry.pack_title, entry.module_id, entry.module_title,
               entry.exercise_id, snippet, len(prefix) + start - left, end - start,
               entry.text[start:end])
