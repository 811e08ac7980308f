"""Column headers of Excel question banks (题库), in the words Chinese trainers and exam systems
use, and the row that holds them.

Banks come from many hands: ``题干`` or ``题目`` or ``试题内容`` or ``Question``; options as
``选项A``, ``A``, ``选项一`` or ``Option A``; a title row or two above the header. Headers are
compared after NFKC (full-width → half-width), without spaces, ``*`` marks and ``(必填)`` notes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

FIELDS = ("kind", "stem", "answer", "explanation", "points", "difficulty", "knowledge",
          "chapter")
_NAMES: dict[str, tuple[str, ...]] = {
    "kind": ("题型", "类型", "试题类型", "题目类型", "题型名称", "type", "questiontype", "qtype"),
    "stem": ("题干", "题目", "试题内容", "题目内容", "试题", "问题", "试题题干", "题目名称",
             "question", "questiontext", "stem", "text", "title"),
    "answer": ("答案", "正确答案", "标准答案", "参考答案", "试题答案", "answer", "correctanswer",
               "answers", "key", "correct"),
    "explanation": ("解析", "答案解析", "试题解析", "题目解析", "解释", "explanation",
                    "analysis", "feedback", "generalfeedback"),
    "points": ("分值", "分数", "score", "points", "marks", "mark"),
    "difficulty": ("难度", "难易度", "难易程度", "难度等级", "difficulty", "level"),
    "knowledge": ("知识点", "考点", "能力项", "knowledgepoint", "knowledge", "competency",
                  "topic"),
    "chapter": ("章节", "章", "所属章节", "章节名称", "分类", "类别", "题目分类", "chapter",
                "category", "section", "module"),
}
_LOOKUP = {name: field for field, names in _NAMES.items() for name in names}
_CHINESE_NUMBERS = "一二三四五六七八"
_OPTION = re.compile(r"^(?:选项|option|choice|答案)?([a-h1-8一二三四五六七八])(?:选项|项)?$")
_NOTE = re.compile(r"[（(【\[].*?[)）】\]]")
MAX_OPTIONS = 8
HEADER_SEARCH_ROWS = 20


def normalize(value: object) -> str:
    """A header cell as compared: half-width, lower case, no spaces, marks or notes."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip().lower()
    text = _NOTE.sub("", text)
    return re.sub(r"[\s*:_\-.、]+", "", text)


def option_index(header: str) -> int | None:
    """0 for ``选项A`` / ``A`` / ``选项1`` / ``选项一`` / ``Option A``, … up to 7 (H)."""
    match = _OPTION.match(header)
    if not match:
        return None
    key = match.group(1)
    if key in _CHINESE_NUMBERS:
        return _CHINESE_NUMBERS.index(key)
    if key.isdigit():
        return int(key) - 1
    return ord(key) - ord("a")


def map_header(cells: Sequence[object]) -> tuple[dict[str, int], dict[int, int], list[str]]:
    """Columns of each field, of each option (index → column), and headers not understood."""
    fields: dict[str, int] = {}
    options: dict[int, int] = {}
    unknown: list[str] = []
    for column, cell in enumerate(cells):
        header = normalize(cell)
        if not header:
            continue
        field = _LOOKUP.get(header)
        index = option_index(header) if field is None else None
        if field is not None and field not in fields:
            fields[field] = column
        elif index is not None and index not in options:
            options[index] = column
        else:
            unknown.append(str(cell).strip())
    return fields, options, unknown


def is_header(cells: Sequence[object]) -> bool:
    """A header names the question text and an answer or options (title rows do not)."""
    fields, options, _ = map_header(cells)
    return "stem" in fields and ("answer" in fields or len(options) >= 2 or "kind" in fields)
