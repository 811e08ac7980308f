"""Finding people by what a user types: 张伟 by ``张伟``, ``zhangwei``, ``zw`` or ``zhang w``.

The sign-in list and the HR tables filter up to 10,000 rows per keystroke, so each person's
search key is built once (when the rows are loaded) and a keystroke is only substring tests.
A key holds the text as written (case-, width- and space-folded), its full pinyin and its
pinyin initials. A person's name is read as a name: the surname (first character, or a
two-character compound surname) takes its surname reading — 曾 is Zēng, not Céng; 单 is Shàn,
解 Xiè, 仇 Qiú, 朴 Piáo — which ``pypinyin`` does not do itself (it reads each character the
common way and has no surname mode). The rest of the name is read character by character
(cached), which is what makes 10,000 names take milliseconds rather than a second.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["SEPARATOR", "fold", "name_key", "text_key", "person_key", "sort_key", "pinyin_loaded",
           "matches", "query_words", "SURNAMES"]

SEPARATOR = "\x1f"  # between the parts of a key, so a typed word never spans two parts

# Surname readings that differ from the character's common reading (toneless, as typed).
SURNAMES: dict[str, tuple[str, ...]] = {
    "曾": ("zeng",), "单": ("shan",), "解": ("xie",), "仇": ("qiu",), "朴": ("piao",),
    "区": ("ou",), "查": ("zha",), "盖": ("ge",), "华": ("hua",), "乐": ("yue",),
    "覃": ("qin",), "缪": ("miao",), "翟": ("zhai",), "瞿": ("qu",), "尉": ("wei",),
    "召": ("shao",), "种": ("chong",), "重": ("chong",), "秘": ("bi",), "冼": ("xian",),
    "繁": ("po",), "过": ("guo",), "纪": ("ji",), "燕": ("yan",), "折": ("she",),
    "那": ("na",), "粘": ("nian",), "藏": ("zang",), "都": ("du",), "六": ("lu",),
    "薄": ("bo",), "贾": ("jia",), "居": ("ju",), "盛": ("sheng",), "柏": ("bai",),
    "牟": ("mou",), "乜": ("nie",), "阚": ("kan",), "叶": ("ye",), "万": ("wan",),
    "车": ("che",), "沈": ("shen",), "宿": ("su",), "卜": ("bu",), "员": ("yun",),
    "句": ("gou",), "祭": ("zhai",), "隗": ("wei",), "逄": ("pang",),
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "单于": ("chan", "yu"),
    "长孙": ("zhang", "sun"), "澹台": ("tan", "tai"), "乐正": ("yue", "zheng"),
    "令狐": ("ling", "hu"), "仉督": ("zhang", "du"), "子车": ("zi", "ju"),
}


def fold(text: str) -> str:
    """Case-, width- and space-insensitive form (``ＺＨＡＮＧ Wei`` → ``zhangwei``)."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def query_words(query: str) -> list[str]:
    """The typed words, folded; a row matches when it contains every one."""
    return [word for word in (fold(w) for w in query.split()) if word]


def matches(key: str, words: Iterable[str]) -> bool:
    """Whether a search key (``name_key`` / ``text_key``) contains every typed word."""
    for word in words:  # noqa: SIM110 - a plain loop: twice as quick as all() over a generator
        if word not in key:
            return False
    return True


@lru_cache(maxsize=8192)
def _char(char: str) -> str:
    """The toneless common reading of one character (the character itself if it has none).

    pypinyin is imported here, at the first name read — on the worker that loads the people —
    because importing it takes about half a second (its phrase dictionary)."""
    from pypinyin import Style, lazy_pinyin

    return fold(lazy_pinyin(char, style=Style.NORMAL)[0])


def _has_han(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)


def _parts(syllables: list[str], text: str) -> list[str]:
    written = fold(text)
    if not any(syllables):
        return [written]
    full = "".join(syllables)
    initials = "".join(s[0] for s in syllables if s)
    return [written, full, initials]


def _name_syllables(name: str) -> list[str]:
    """A Han name's toneless syllables, the surname read as a surname."""
    surname = next((s for s in (name[:2], name[:1]) if s in SURNAMES), "")
    return [*SURNAMES.get(surname, ()), *(_char(c) for c in name[len(surname):])]


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Search key for a person's name, the surname read as a surname."""
    name = "".join(str(name).split())
    if not _has_han(name):
        return fold(name)
    return SEPARATOR.join(_parts(_name_syllables(name), name))


def sort_key(name: str) -> str:
    """The key a list of people is ordered by in SQL: the name's syllables, space-separated
    (``chen jing`` before ``li na``, ``li na`` before ``lin``), then the name as written — the
    dictionary (pinyin) order Qt's zh_CN collation gives, in a column a database can sort."""
    name = "".join(str(name).split())
    spoken = " ".join(_name_syllables(name)) if _has_han(name) else fold(name)
    return f"{spoken}{SEPARATOR}{name}"


@lru_cache(maxsize=4096)
def text_key(text: str) -> str:
    """Search key for other text (department, employee number): as written, plus pinyin."""
    text = str(text)
    if not _has_han(text):
        return fold(text)
    return SEPARATOR.join(_parts([_char(c) for c in "".join(text.split())], text))


def person_key(name: str, *others: str | None, pinyin: bool = True) -> str:
    """One key for a person row: the name read as a name, the other fields as text; without
    ``pinyin``, the fields as written only (no import, no reading: for a first paint)."""
    if not pinyin:
        return SEPARATOR.join(fold(str(t)) for t in (name, *others) if t)
    return SEPARATOR.join([name_key(name), *(text_key(o) for o in others if o)])


def pinyin_loaded() -> bool:
    """Whether pypinyin is imported already (reading names then costs no import)."""
    return "pypinyin" in sys.modules
