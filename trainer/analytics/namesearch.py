"""Finding people by what a user types: 张伟 by ``张伟``, ``zhangwei``, ``zw`` or ``zhang w``.

The sign-in list and the HR tables filter up to 10,000 rows per keystroke, so each person's
search key is built once (when the rows are loaded) and a keystroke is only substring tests.
A key holds the text as written (case-, width- and space-folded), its full pinyin and its
pinyin initials. A person's name is read as a name: the surname (first character, or a
two-character compound surname) takes its surname reading — 曾 is Zēng, not Céng; 单 is Shàn,
解 Xiè, 仇 Qiú, 朴 Piáo — which ``pypinyin`` does not do itself (it reads each character the
common way and has no surname mode). The rest of the name is read character by character
(cached), which is what makes 10,000 names take milliseconds rather than a second.

The readings come from pypinyin's character table alone (``pinyin_dict.json``, read once into a
compact table of toneless syllables, ~3 MB). Importing ``pypinyin`` itself would also load its
phrase dictionary (~42 MB of Python objects, resident for the rest of the session: the app's
whole budget margin), which reading a name one character at a time never consults; for every
character in the table the result is the one ``lazy_pinyin(char, style=Style.NORMAL)`` gives
(tests/analytics/test_namesearch.py compares them all).
"""

from __future__ import annotations

import importlib.util
import json
import threading
import time
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from trainer import heap

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


# Tone marks of pinyin (grave, acute, macron, caron); the circumflex of ê and the diaeresis of
# ü are letters, not tones (ü is typed as v, as pypinyin's NORMAL style writes it).
_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0304\u030c"))
_readings: dict[int, str] | None = None
_readings_lock = threading.Lock()


def toneless(reading: str) -> str:
    """``lǜ`` → ``lv``, ``zhāng`` → ``zhang``, ``ê̄`` → ``ê``, ``ḿ`` → ``m``."""
    bare = unicodedata.normalize("NFD", reading).translate(_TONE_MARKS)
    return fold(unicodedata.normalize("NFC", bare).replace("ü", "v"))


def _table() -> dict[str, str]:
    """pypinyin's character table (code point → readings), read as a file without importing
    the package (its ``__init__`` loads the phrase dictionary). Where the file cannot be found
    (a frozen build laid out otherwise), through the package after all: more memory, same
    readings."""
    spec = importlib.util.find_spec("pypinyin")
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    for folder in locations:
        try:
            table: dict[str, str] = json.loads((Path(folder) / "pinyin_dict.json")
                                               .read_text(encoding="utf-8"))
            return table
        except OSError:
            continue
    from pypinyin.pinyin_dict import pinyin_dict

    return {str(code): readings for code, readings in pinyin_dict.items()}


def _load_readings() -> dict[int, str]:
    """Code point → the character's common reading, toneless; each syllable one string."""
    global _readings
    with _readings_lock:
        if _readings is None:
            start = time.perf_counter()
            _readings = _compact(_table())
            heap.after_read(time.perf_counter() - start)  # the parsed file's memory, freed
        return _readings


def _compact(raw: dict[str, str]) -> dict[int, str]:
    syllables: dict[str, str] = {}
    table = {}
    for code, readings in raw.items():
        syllable = toneless(readings.split(",", 1)[0])
        table[int(code)] = syllables.setdefault(syllable, syllable)
    return table


@lru_cache(maxsize=8192)
def _char(char: str) -> str:
    """The toneless common reading of one character (the character itself if it has none).

    The table is read at the first name read, on the worker that fills the people's keys
    (about 50 ms)."""
    table = _readings if _readings is not None else _load_readings()
    reading = table.get(ord(char)) if len(char) == 1 else None
    return reading if reading is not None else fold(char)


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
    """Whether the reading table is loaded already (reading names then costs no load)."""
    return _readings is not None
