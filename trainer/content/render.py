"""Markdown → sanitised HTML for QTextBrowser, cached by content hash (DESIGN §2, §7).

Pack text is untrusted: raw HTML passes an allow-list (nh3), scripts, event handlers, iframes
and ``javascript:`` links are dropped, images load only from files inside the pack, and nothing
is ever fetched from the network.
"""

from __future__ import annotations

import hashlib
import html
import re
import threading
from collections import OrderedDict
from pathlib import Path

import markdown
import nh3

from trainer.content.mdext import CALLOUT_TITLES, CALLOUT_TITLES_ZH, LessonExtension
from trainer.content.mdlimits import first_excess
from trainer.content.styles import lesson_stylesheet
from trainer.content.textcheck import IMAGE_TYPES

__all__ = ["render_markdown", "cached_markdown", "lesson_stylesheet", "clear_cache", "plain_html"]

_VERSION = "6"  # bump when the output changes, so cached HTML is rebuilt
# Bounded by the HTML it holds, not by entries: a whole course is rendered ahead of the learner
# (about 0.4 M characters for the built-in one), and a 500 KB lesson must not push it all out.
_CACHE_CHARS = 3_000_000
_cache: OrderedDict[str, str] = OrderedDict()
_cached_chars = 0
_cache_lock = threading.Lock()
_local = threading.local()
_CJK = re.compile(r"[\u3400-\u9fff]")
_REFUSED_IMAGE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")

TAGS = {"a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
        "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p",
        "pre", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "u", "ul"}
ATTRIBUTES = {
    "*": {"class", "title"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "table": {"width", "border", "cellspacing", "cellpadding"},
    "td": {"width", "align", "valign", "colspan", "rowspan"},
    "th": {"width", "align", "valign", "colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "file"}


def _markdown() -> markdown.Markdown:
    """One converter per thread (python-markdown instances are not thread-safe)."""
    md = getattr(_local, "md", None)
    if md is None:
        from markdown.extensions.admonition import AdmonitionExtension
        from markdown.extensions.def_list import DefListExtension
        from markdown.extensions.fenced_code import FencedCodeExtension
        from markdown.extensions.sane_lists import SaneListExtension
        from markdown.extensions.tables import TableExtension

        md = markdown.Markdown(
            extensions=[TableExtension(), FencedCodeExtension(), SaneListExtension(),
                        DefListExtension(), AdmonitionExtension(), LessonExtension()],
            output_format="html")
        _local.md = md
    return md


def render_markdown(text: str, base_dir: Path, pack_root: Path,
                    language: str | None = None) -> str:
    """Sanitised HTML for one Markdown text whose relative paths start at ``base_dir``.

    ``language`` (the pack's) picks the default call-out titles; without it, text containing
    Chinese characters gets Chinese titles.
    """
    root = Path(pack_root).resolve()
    base = Path(base_dir).resolve()
    chinese = _chinese(text, language)
    key = _key(text, base, root, chinese)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    result = _render(text, base, root, chinese)
    _remember(key, result)
    return result


def _remember(key: str, html: str) -> None:
    global _cached_chars
    with _cache_lock:
        if key in _cache:
            return
        _cache[key] = html
        _cached_chars += len(html)
        while _cached_chars > _CACHE_CHARS and len(_cache) > 1:
            _cached_chars -= len(_cache.popitem(last=False)[1])


def cached_markdown(text: str, base_dir: Path, pack_root: Path,
                    language: str | None = None) -> str | None:
    """The HTML ``render_markdown`` would return, if it is in the cache (a cheap look-up, for
    the GUI thread: it renders only what is cached and leaves the rest to a worker)."""
    root = Path(pack_root).resolve()
    base = Path(base_dir).resolve()
    key = _key(text, base, root, _chinese(text, language))
    with _cache_lock:
        return _cache.get(key)


def _chinese(text: str, language: str | None) -> bool:
    return language.lower().startswith("zh") if language else bool(_CJK.search(text))


def _key(text: str, base: Path, root: Path, chinese: bool) -> str:
    return hashlib.sha256("\0".join((_VERSION, str(root), str(base), str(chinese), text))
                          .encode("utf-8", "surrogatepass")).hexdigest()


def clear_cache() -> None:
    global _cached_chars
    with _cache_lock:
        _cache.clear()
        _cached_chars = 0


def _render(text: str, base: Path, root: Path, chinese: bool) -> str:
    if first_excess(text) is not None:
        return plain_html(text)  # the validator refuses such text; never hang on it here
    try:
        return _convert(text, base, root, chinese)
    except RecursionError:
        return plain_html(text)


def plain_html(text: str) -> str:
    """The text itself, escaped, paragraph by paragraph: what is shown instead of Markdown
    that is over the limits of ``mdlimits``."""
    paragraphs = (html.escape(p).replace("\n", "<br>") for p in text.split("\n\n") if p.strip())
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _convert(text: str, base: Path, root: Path, chinese: bool) -> str:
    md = _markdown()
    md.reset()
    md.lesson_processor.titles = CALLOUT_TITLES_ZH if chinese else CALLOUT_TITLES

    def resolve(src: str) -> str | None:
        return resolve_image(src, base, root)

    md.lesson_processor.resolve_image = resolve
    return sanitize(md.convert(text), base, root)


def resolve_image(src: str, base: Path, root: Path) -> str | None:
    """A ``file:`` URL for an image inside the pack, else None (never a web address)."""
    from urllib.parse import unquote, urlparse

    if not src or src.startswith("//"):
        return None
    parsed = urlparse(src)
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path))
    elif parsed.scheme and len(parsed.scheme) > 1:
        return None
    else:
        path = base / unquote(src.split("#", 1)[0].split("?", 1)[0])
    try:
        path = path.resolve()
    except (OSError, RuntimeError):
        return None
    if not path.is_relative_to(root) or not path.is_file():
        return None
    if path.suffix.lower() not in IMAGE_TYPES:
        return None
    return path.as_uri()


def sanitize(html: str, base: Path, root: Path) -> str:
    """Allow-list the HTML; images must resolve inside the pack, links may not run code."""

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return resolve_image(value, base, root)
        if tag == "a" and attribute == "href":
            return _safe_link(value, base, root)
        return value

    cleaned = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                        attribute_filter=attribute_filter, link_rel=None,
                        clean_content_tags={"script", "style"}, strip_comments=True)
    return _REFUSED_IMAGE.sub("", cleaned)  # Qt would try to open an image without a name


def _safe_link(href: str, base: Path, root: Path) -> str | None:
    lowered = href.strip().lower()
    if lowered.startswith(("http://", "https://", "mailto:", "#")):
        return href
    if ":" in lowered.split("/", 1)[0]:  # file:, data:, javascript: and other schemes
        return None
    try:
        target = (base / href.split("#", 1)[0]).resolve()
    except (OSError, RuntimeError):
        return None
    return href if target.is_relative_to(root) else None
