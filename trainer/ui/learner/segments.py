"""How a module is cut for the screen: text runs between exercises, in document order.

Shared by the reader (which shows them) and the prefetcher (which renders them ahead of time):
the Markdown cache is keyed by the exact text, so both must cut the module the same way.
Pure Python, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def without_title(markdown: str, title: str) -> str:
    """Drop a leading ``# Title`` that repeats the module title shown in the header."""
    first, _, rest = markdown.lstrip().partition("\n")
    if first.startswith("# ") and _same(first[2:], title):
        return rest
    return markdown


def _same(a: str, b: str) -> bool:
    return "".join(a.split()).casefold() == "".join(b.split()).casefold()


def is_case(module: Any) -> bool:
    """A case module with questions shows its scenario beside them."""
    return module.kind == "case" and bool(module.exercises)


def scenario(module: Any) -> str:
    return without_title(module.scenario, module.title)


def segments(module: Any) -> list[Any]:
    """Markdown strings (joined text runs) and exercises, in order; a case's scenario is left
    out (it is shown on its own, see ``scenario``)."""
    case = is_case(module)
    result: list[Any] = []
    pending: list[str] = []
    seen_exercise = False
    for block in module.blocks:
        if hasattr(block, "markdown"):
            if case and not seen_exercise:
                continue
            first = not result and not pending
            pending.append(without_title(block.markdown, module.title) if first
                           else block.markdown)
            continue
        seen_exercise = True
        if pending:
            result.append("\n\n".join(pending))
            pending = []
        result.append(block)
    if pending:
        result.append("\n\n".join(pending))
    return result


def prerender(module: Any, render: Callable[[str], str]) -> int:
    """Render everything the reader will ask for (fills the Markdown cache); returns a count."""
    texts = [scenario(module)] if is_case(module) else []
    for item in segments(module):
        if isinstance(item, str):
            texts.append(item)
        else:
            texts.append(item.question)
            if item.explanation:
                texts.append(item.explanation)
    for text in texts:
        render(text)
    return len(texts)
