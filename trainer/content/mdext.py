"""A python-markdown extension that shapes lesson HTML for QTextBrowser (DESIGN §2).

QTextBrowser draws no box around a ``div`` or ``blockquote``, so call-outs (GitHub alerts
``> [!NOTE]`` and ``!!! note`` admonitions), quotes and code blocks become one-row tables: a
narrow coloured cell as the bar and a padded cell for the body. Data tables get their own class,
headings an ``<a name>`` anchor, and images a ``file:`` URL inside the pack (or alt text).
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

from markdown import Extension, Markdown
from markdown.extensions.toc import slugify_unicode
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from trainer.content.images import fitted_size

# urllib.request's own choice, without importing it (and http.client, ~0.3 MB) for one function
if os.name == "nt":
    from nturl2path import url2pathname
else:
    from urllib.parse import unquote as url2pathname

CALLOUT_TITLES = {"note": "Note", "tip": "Tip", "important": "Important",
                  "warning": "Warning", "caution": "Caution"}
CALLOUT_TITLES_ZH = {"note": "说明", "tip": "提示", "important": "重要", "warning": "注意",
                     "caution": "警告"}
ADMONITION_KINDS = {"note": "note", "info": "note", "seealso": "note", "tip": "tip",
                    "hint": "tip", "important": "important", "attention": "important",
                    "warning": "warning", "caution": "caution", "danger": "caution",
                    "error": "caution"}
_LIST_MARKER = re.compile(r"^(?:[-*+]|\d{1,9}[.)])( {1,4}|$)")
_ALERT_LINE = re.compile(r"^ {0,3}>\s*\[![A-Za-z]+\]")
_ALERT = re.compile(r"^\s*\[!([A-Za-z]+)\][ \t]*([^\n]*)\n?")
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \\t]*\\n[ \\t]*(?=[{_CJK}])")
ImageResolver = Callable[[str], str | None]


class LessonTreeprocessor(Treeprocessor):
    """Rewrites the finished tree; runs after the inline patterns and the toc ids."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.resolve_image: ImageResolver = lambda src: None
        self.titles = CALLOUT_TITLES

    def run(self, root: ET.Element) -> None:
        self.slugs: dict[str, int] = {}
        for parent in list(root.iter()):
            children = list(parent)
            if not any(self._rewrites(child) for child in children):
                for child in children:
                    self._adjust(child)
                continue
            new: list[ET.Element] = []
            for child in children:
                new.extend(self._replace(child) if self._rewrites(child) else [child])
                self._adjust(child)
            for child in children:
                parent.remove(child)
            parent.extend(new)
        _join_cjk_lines(root)  # last: call-out titles end at a line break

    @staticmethod
    def _rewrites(element: ET.Element) -> bool:
        return element.tag in ("blockquote", "pre") or (
            element.tag == "div" and "admonition" in element.get("class", "").split())

    def _replace(self, element: ET.Element) -> list[ET.Element]:
        if element.tag == "blockquote":
            return _callouts_from_quote(element, self.titles)
        if element.tag == "pre":
            for code in element.iter("code"):
                code.text = (code.text or "").rstrip("\n")
            return [_panel("code", element)]
        return [_callout_from_admonition(element, self.titles)]

    def _adjust(self, element: ET.Element) -> None:
        tag = element.tag
        if tag == "table" and not element.get("class"):
            _data_table(element)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._anchor(element)
        elif tag == "img":
            self._image(element)

    def _anchor(self, heading: ET.Element) -> None:
        """``<a name>`` (what QTextBrowser scrolls to), unique like GitHub's heading ids."""
        slug = slugify_unicode("".join(heading.itertext()), "-") or "section"
        count = self.slugs.get(slug, 0)
        self.slugs[slug] = count + 1
        anchor = ET.Element("a", {"name": f"{slug}_{count}" if count else slug})
        anchor.tail, heading.text = heading.text, None
        heading.insert(0, anchor)

    def _image(self, element: ET.Element) -> None:
        resolved = self.resolve_image(element.get("src", ""))
        if resolved is None:
            alt = element.get("alt") or element.get("src", "")
            element.tag = "span"
            element.attrib.clear()
            element.set("class", "missing-image")
            element.text = f"[{alt}]"
        else:
            element.set("src", resolved)
            fitted = fitted_size(Path(url2pathname(urlparse(resolved).path)))
            if fitted and not element.get("width"):
                element.set("width", str(fitted[0]))
                element.set("height", str(fitted[1]))


def _join_cjk_lines(element: ET.Element) -> None:
    """A line break between two Chinese characters is no space (QTextBrowser would show one)."""
    if element.tag in ("pre", "code"):
        return
    if element.text and "\n" in element.text:
        element.text = _CJK_BREAK.sub("", element.text)
    for child in element:
        _join_cjk_lines(child)
        if child.tail and "\n" in child.tail:
            child.tail = _CJK_BREAK.sub("", child.tail)


def _data_table(table: ET.Element) -> None:
    table.set("class", "data")
    table.set("border", "1")
    table.set("cellspacing", "0")
    table.set("cellpadding", "6")
    for cell in table.iter():
        style = cell.attrib.pop("style", "")
        align = re.search(r"text-align:\s*(left|right|center)", style)
        if align:
            cell.set("align", align[1])


def _bar_table(kind: str, css: str) -> tuple[ET.Element, ET.Element]:
    """A one-row table: a narrow bar cell and a body cell, classed for the style sheet."""
    table = ET.Element("table", {"class": f"{css} {css}-{kind}", "width": "100%",
                                 "cellspacing": "0", "cellpadding": "0"})
    row = ET.SubElement(table, "tr")
    ET.SubElement(row, "td", {"class": f"bar bar-{kind}", "width": "4"}).text = " "
    body = ET.SubElement(row, "td", {"class": f"body body-{kind}"})
    return table, body


def _panel(kind: str, element: ET.Element) -> ET.Element:
    table = ET.Element("table", {"class": f"panel panel-{kind}", "width": "100%",
                                 "cellspacing": "0", "cellpadding": "8"})
    cell = ET.SubElement(ET.SubElement(table, "tr"), "td", {"class": f"body body-{kind}"})
    cell.append(element)
    return table


def _callouts_from_quote(quote: ET.Element, titles: dict[str, str]) -> list[ET.Element]:
    """One quote may hold several alerts: python-markdown joins quotes split by a blank line."""
    groups: list[tuple[str, str, list[ET.Element]]] = []
    for child in list(quote):
        match = _ALERT.match(child.text or "") if child.tag == "p" else None
        kind = match[1].lower() if match else ""
        if match and kind in CALLOUT_TITLES:
            child.text = (child.text or "")[match.end():]
            groups.append((kind, match[2].strip() or titles[kind], []))
            if not child.text.strip() and not len(child):
                continue
        elif not groups:
            groups.append(("quote", "", []))
        groups[-1][2].append(child)
    result = []
    for kind, title, children in groups:
        if kind == "quote":
            table, body = _bar_table("quote", "quote")
            body.extend(children)
            result.append(table)
        else:
            result.append(_callout(kind, title, children))
    return result or [_bar_table("quote", "quote")[0]]


def _callout_from_admonition(div: ET.Element, titles: dict[str, str]) -> ET.Element:
    classes = div.get("class", "").split()
    kind = next((ADMONITION_KINDS[c] for c in classes if c in ADMONITION_KINDS), "note")
    children = list(div)
    title = titles[kind]
    if children and "admonition-title" in children[0].get("class", ""):
        title = "".join(children[0].itertext()).strip() or title
        children = children[1:]
    return _callout(kind, title, children)


def _callout(kind: str, title: str, children: list[ET.Element]) -> ET.Element:
    table, body = _bar_table(kind, "callout")
    heading = ET.SubElement(body, "p", {"class": f"callout-title title-{kind}"})
    ET.SubElement(heading, "b").text = title
    body.extend(children)
    return table


class QuoteSplitPreprocessor(Preprocessor):
    """Keep quotes separated by a blank line apart (python-markdown would join them)."""

    def run(self, lines: list[str]) -> list[str]:
        result: list[str] = []
        for index, line in enumerate(lines):
            if (line.startswith(">") and index >= 2 and not lines[index - 1].strip()
                    and lines[index - 2].startswith(">")):
                result.extend([self.md.htmlStash.store("<!-- -->"), ""])
            result.append(line)
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if _ALERT_LINE.match(line) and following.startswith(">") and following[1:].strip():
                result.append(">")  # the marker line is its own paragraph: a list may follow
        return result


class ListIndentPreprocessor(Preprocessor):
    """Nest list items the way editors do: under the item's text, not only by 4 spaces.

    VS Code, Typora and GitHub nest ``  - b`` under ``- a`` (CommonMark); python-markdown
    needs four spaces per level, so each list line is re-indented to its nesting level.
    """

    def run(self, lines: list[str]) -> list[str]:
        stack: list[int] = []  # content column of each open item, outermost first
        result: list[str] = []
        previous_blank = True
        for line in lines:
            stripped = line.lstrip(" ")
            indent = len(line) - len(stripped)
            item = _LIST_MARKER.match(stripped) if "\t" not in line[:indent] else None
            if not stripped:
                result.append(line)
            elif item and (stack or indent == 0):
                while stack and indent < stack[-1]:
                    stack.pop()
                result.append(" " * (4 * len(stack)) + stripped)
                stack.append(indent + len(item[0]))
            elif stack and indent > 0:
                level = sum(1 for column in stack if column <= indent)
                extra = indent - stack[level - 1] if level else indent
                result.append(" " * (4 * level + extra) + stripped)
            else:
                if previous_blank or stripped.startswith(">"):
                    stack = []
                result.append(line)
            previous_blank = not stripped
        return result


class CodePanelPostprocessor(Postprocessor):
    """Fenced code is stashed as HTML text by python-markdown: frame it like indented code.

    The toc extension runs every postprocessor once per heading, so each stashed block is
    looked at only once (``done`` is reset with the converter).
    """

    done = 0

    def run(self, text: str) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        start, self.done = min(self.done, len(blocks)), len(blocks)
        for index in range(start, len(blocks)):
            block = blocks[index]
            if isinstance(block, str) and block.startswith("<pre") and block.endswith("</pre>"):
                block = block.replace("\n</code></pre>", "</code></pre>")
                blocks[index] = (
                    '<table class="panel panel-code" width="100%" cellspacing="0" '
                    f'cellpadding="8"><tr><td class="body body-code">{block}</td></tr></table>')
        return text


class LessonExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - python-markdown's name
        processor = LessonTreeprocessor(md)
        md.treeprocessors.register(processor, "trainer_lesson", 1)
        md.preprocessors.register(QuoteSplitPreprocessor(md), "trainer_quotes", 15)
        md.preprocessors.register(ListIndentPreprocessor(md), "trainer_lists", 14)
        self.code = CodePanelPostprocessor(md)
        md.postprocessors.register(self.code, "trainer_code", 40)
        md.registerExtension(self)
        md.lesson_processor = processor

    def reset(self) -> None:
        self.code.done = 0
