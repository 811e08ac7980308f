"""Inline Markdown (``*em*``, ``**strong**``, `` `code` ``, links) in short pack strings →
sanitised HTML for one label (DESIGN §7).

Answer options, per-answer feedback, steps, pairs and rubric points are one line or a few;
authors write ``*word*`` in them as they do in lessons. The output goes through the same
sanitiser as lessons (``render.sanitize``, nh3) with a smaller allow-list: inline tags only,
no images, links only to web or mail addresses (the widgets never follow them). Block syntax
(headings, lists, quotes) keeps its text but not its shape. ``inline_plain`` gives the same
text without markup, for places that cannot show rich text (drop-downs, list rows, screen
reader names).
"""

from __future__ import annotations

import html
import re
import threading
from functools import lru_cache
from typing import Any

from trainer.content.mdlimits import first_excess

__all__ = ["inline_html", "inline_plain", "INLINE_TAGS"]

INLINE_TAGS = {"a", "b", "br", "code", "del", "em", "i", "kbd", "s", "small", "strong", "sub",
               "sup", "u"}
_ATTRIBUTES = {"a": {"href"}}
_WEB = ("http://", "https://", "mailto:")
_BLOCK_END = re.compile(r"\s*</(?:p|h[1-6]|li|blockquote|pre|dd|dt)>\s*")
_BREAKS = re.compile(r"\s*<br>\s*")
_TAG = re.compile(r"<[^>]*>")
_local = threading.local()


def _markdown() -> Any:
    """One converter per thread (python-markdown instances are not thread-safe); imported at
    the first use, so the windows that never show an exercise never load it."""
    md = getattr(_local, "md", None)
    if md is None:
        import markdown

        md = markdown.Markdown(output_format="html")
        _local.md = md
    return md


def _link(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if value.strip().lower().startswith(_WEB) else None
    return value


@lru_cache(maxsize=4096)
def inline_html(text: str) -> str:
    """Sanitised HTML for ``text`` (no surrounding paragraph); safe for a Qt.RichText label.

    Raw HTML in the text is allow-listed like lesson HTML: ``<img>``, scripts and styles are
    dropped, other unknown tags lose their markup and keep their words.
    """
    text = str(text)
    if not text.strip():
        return ""
    if first_excess(text) is not None:
        return html.escape(text, quote=False).replace("\n", "<br>")
    md = _markdown()
    md.reset()
    try:
        converted = md.convert(text)
    except RecursionError:
        return html.escape(text, quote=False).replace("\n", "<br>")
    converted = _BLOCK_END.sub("<br>", converted.strip()).removesuffix("<br>")
    import nh3

    cleaned = nh3.clean(converted, tags=INLINE_TAGS, attributes=_ATTRIBUTES,
                        url_schemes={"http", "https", "mailto"}, attribute_filter=_link,
                        link_rel=None, clean_content_tags={"script", "style"},
                        strip_comments=True)
    return _BREAKS.sub("<br>", cleaned).strip()


@lru_cache(maxsize=4096)
def inline_plain(text: str) -> str:
    """The words ``inline_html`` shows, without markup (``*em*`` → ``em``)."""
    rendered = inline_html(text).replace("<br>", "\n")
    return html.unescape(_TAG.sub("", rendered)).strip()
