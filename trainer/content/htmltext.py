"""HTML from other tools (Moodle's editor) as the Markdown our packs are written in.

Moodle writes question text, answers and feedback as HTML (``<p>一般数据</p>``). nh3 (the
sanitiser the app already uses for lessons) first keeps only harmless tags without attributes
beyond links and images; a small walk then writes those tags as Markdown, so the learner sees
the words and emphasis, never the tags. Images are returned separately: a Moodle export names
them ``@@PLUGINFILE@@/…`` but does not carry them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_TAGS = {"p", "div", "br", "b", "strong", "i", "em", "u", "sub", "sup", "ul", "ol", "li", "a",
         "img", "code", "pre", "span", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td",
         "th", "tbody", "thead", "blockquote", "hr", "s", "del"}
_LOOKS_HTML = re.compile(r"</?(?:p|br|div|span|b|strong|i|em|u|ul|ol|li|img|a|sub|sup|table|"
                         r"tr|td|th|h[1-6]|pre|code|blockquote|hr|font)\b[^>]*>", re.IGNORECASE)
_BLOCK = {"p", "div", "ul", "ol", "table", "tr", "pre", "blockquote", "h1", "h2", "h3", "h4",
          "h5", "h6", "hr"}
_EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`", "h1": "**",
             "h2": "**", "h3": "**", "h4": "**", "h5": "**", "h6": "**"}


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.search(text))


@dataclass
class _Walker(HTMLParser):
    """Writes the sanitised tree as Markdown lines."""

    out: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    lists: list[list[int]] = field(default_factory=list)  # per open list: [ordered, counter]
    href: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in _BLOCK or tag == "br":
            self.out.append("\n\n" if tag in _BLOCK else "\n")
        if tag in ("ul", "ol"):
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            marker = "- "
            if self.lists and self.lists[-1][0]:
                self.lists[-1][1] += 1
                marker = f"{self.lists[-1][1]}. "
            self.out.append("\n" + "  " * max(0, len(self.lists) - 1) + marker)
        elif tag in ("td", "th"):
            self.out.append(" ")
        elif tag == "img":
            self.images.append(values.get("src") or "")
            alt = (values.get("alt") or "").strip()
            if alt:
                self.out.append(alt)
        elif tag == "a":
            self.href.append(values.get("href") or "")
            self.out.append("[")
        elif tag in _EMPHASIS:
            self.out.append(_EMPHASIS[tag])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag == "a" and self.href:
            href = self.href.pop()
            self.out.append(f"]({href})" if href.startswith(("http://", "https://")) else "]")
            if not href.startswith(("http://", "https://")):
                # not a web link (a Moodle file, a relative path): keep the words only
                start = max(i for i, part in enumerate(self.out) if part == "[")
                self.out[start] = ""
                self.out[-1] = ""
        elif tag in _EMPHASIS:
            self.out.append(_EMPHASIS[tag])
        if tag in _BLOCK:
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        text = re.sub(r"[ \t\r\n\u00a0]+", " ", data)
        # '<b>' written as text in the editor must stay text, not become a tag in Markdown
        self.out.append(re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text))


def html_to_markdown(html: str) -> tuple[str, list[str]]:
    """Markdown for ``html`` and the ``src`` of every image it showed (left out of the text)."""
    import nh3

    clean = nh3.clean(html, tags=_TAGS, attributes={"a": {"href"}, "img": {"src", "alt"}},
                      url_schemes={"http", "https", "data"}, link_rel=None,
                      strip_comments=True)
    walker = _Walker()
    walker.feed(clean.replace("@@PLUGINFILE@@", "pluginfile:"))
    walker.close()
    text = "".join(walker.out)
    lines = [line.strip() if not re.match(r"^\s+(?:-|\d+\.) ", line) else line.rstrip()
             for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    images = [src.replace("pluginfile:", "@@PLUGINFILE@@") for src in walker.images]
    return text, images
