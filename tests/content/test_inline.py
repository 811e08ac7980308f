"""Inline Markdown in short pack strings (options, feedback, steps, pairs, rubric points) is
rendered to HTML that keeps only inline markup and safe links (DESIGN §7)."""

from __future__ import annotations

import pytest

from trainer.content.inline import INLINE_TAGS, inline_html, inline_plain


def test_inline_markdown_is_rendered_without_a_paragraph() -> None:
    html = inline_html("*em* **strong** `code` [site](https://example.org)")
    assert html == ('<em>em</em> <strong>strong</strong> <code>code</code> '
                    '<a href="https://example.org">site</a>')
    assert inline_plain("*em* **strong** `code`") == "em strong code"


@pytest.mark.parametrize("hostile, kept", [
    ('<img src="/etc/x.png">pic', "pic"),
    ("<script>alert(1)</script>hi", "hi"),
    ('<a href="javascript:alert(1)">go</a>', "go"),
    ("[go](file:///etc/passwd)", "go"),
    ('<span onclick="x()">t</span>', "t"),
    ('<iframe src="https://evil.example"></iframe>ok', "ok"),
])
def test_hostile_html_is_dropped_and_its_words_kept(hostile: str, kept: str) -> None:
    html = inline_html(hostile)
    for bad in ("<img", "script", "javascript", "file:", "onclick", "iframe", "alert"):
        assert bad not in html, html
    assert inline_plain(hostile) == kept


def test_only_inline_tags_survive_block_syntax() -> None:
    html = inline_html("# Title\n\n- one\n- two\n\n> quote")
    tags = {part.split(">")[0].split()[0].strip("/") for part in html.split("<")[1:]}
    assert tags <= INLINE_TAGS, tags
    assert inline_plain("# Title\n\n- one\n- two") == "Title\none\ntwo"


def test_plain_characters_are_escaped_not_interpreted() -> None:
    assert inline_html("a < b & c") == "a &lt; b &amp; c"
    assert inline_plain("a < b & c") == "a < b & c"
    assert inline_html("") == "" and inline_html("   ") == ""


def test_lesson_html_drops_an_image_it_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An explanation's outside image leaves no nameless <img> behind (Qt would try to open it)."""
    from trainer.content.render import render_markdown

    html = render_markdown('<img src="/etc/x.png"><b>x</b>', tmp_path, tmp_path)
    assert "<img" not in html and "<b>x</b>" in html
