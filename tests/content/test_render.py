"""Lesson HTML: shaped for QTextBrowser, sanitised, images only from inside the pack."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.content.render import clear_cache, lesson_stylesheet, render_markdown

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
       b"5\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    (root / "modules").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "images" / "flow.png").write_bytes(PNG)
    (tmp_path / "secret.png").write_bytes(PNG)
    return root


def render(text: str, pack: Path) -> str:
    return render_markdown(text, pack / "modules", pack)


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="../images/flow.png" onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    '<iframe src="https://example.com"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<p onclick="alert(1)" style="background:url(http://x/y.png)">text</p>',
    "<style>body { display: none }</style>",
    '<form action="https://x"><input name="pin"></form>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<svg><script>alert(1)</script></svg>',
    '<meta http-equiv="refresh" content="0;url=https://x">',
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_html_is_removed(hostile: str, pack: Path) -> None:
    html = render(f"Before\n\n{hostile}\n\nAfter", pack).lower()
    for bad in ("<script", "javascript:", "onerror", "onclick", "<iframe", "<object", "<embed",
                "<style", "<form", "<input", "<meta", "data:", "style=", "http://x"):
        assert bad not in html, (bad, html)
    assert "before" in html and "after" in html


def test_images_resolve_inside_the_pack_only(pack: Path) -> None:
    html = render("![ok](../images/flow.png)\n\n![esc](../../secret.png)\n\n"
                  "![web](https://example.com/a.png)\n\n![gone](../images/none.png)\n\n"
                  '<img src="file:///etc/passwd"><img src="../../secret.png">', pack)
    sources = re.findall(r'src="([^"]*)"', html)
    assert sources == [(pack / "images" / "flow.png").resolve().as_uri()]
    for alt in ("[esc]", "[web]", "[gone]"):
        assert f'<span class="missing-image">{alt}</span>' in html
    assert "example.com" not in html


def test_github_alerts_become_one_row_call_out_tables(pack: Path) -> None:
    html = render("> [!WARNING] 注意安全\n> 不要外传。\n\n> [!TIP]\n> 先查目录。\n\n> 普通引用", pack)
    assert html.count('class="callout callout-warning"') == 1
    assert '<td class="bar bar-warning" width="4">' in html
    assert '<p class="callout-title title-warning"><b>注意安全</b></p><p>不要外传。</p>' in html
    assert '<b>提示</b>' in html  # default title in the lesson's language
    assert 'class="quote quote-quote"' in html
    assert "[!" not in html and "<blockquote" not in html


def test_admonitions_tables_code_and_headings(pack: Path) -> None:
    text = ('!!! note "Read first"\n    Body.\n\n# Title here\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n'
            "```python\nx = 1 < 2\n```\n")
    html = render(text, pack)
    assert 'class="callout callout-note"' in html and "<b>Read first</b>" in html
    assert '<h1><a name="title-here"></a>Title here</h1>' in html
    assert '<table border="1" cellpadding="6" cellspacing="0" class="data">' in html
    assert '<td align="right">2</td>' in html
    assert 'class="panel panel-code"' in html and "x = 1 &lt; 2</code></pre>" in html


def test_chinese_soft_line_breaks_do_not_become_spaces(pack: Path) -> None:
    assert "<p>第一行第二行</p>" in render("第一行\n第二行", pack)


def test_rendering_is_cached_by_content(pack: Path) -> None:
    clear_cache()
    first = render("# Same", pack)
    assert render("# Same", pack) is first
    assert render("# Other", pack) is not first


def test_style_sheet_styles_call_outs_by_class_never_all_cells() -> None:
    for theme in ("light", "dark"):
        css = lesson_stylesheet(theme, 16)
        assert "td.bar-note" in css and "table.data" in css
        assert not re.search(r"(^|[\s,}])td\s*\{", css)
    assert "font-size: 16px" in lesson_stylesheet("light", 16)
    assert lesson_stylesheet("dark") != lesson_stylesheet("light")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "BMP"])
def test_wide_images_are_scaled_to_fit_the_lesson(fmt: str, pack: Path) -> None:
    from PIL import Image

    name = f"wide.{fmt.lower()}"
    Image.new("RGB", (1440, 200), "white").save(pack / "images" / name, fmt)
    html = render(f"![wide](../images/{name})\n\n![small](../images/flow.png)", pack)
    assert 'height="100" ' in html and 'width="720"' in html
    assert html.count("width=") == 1  # the 1-pixel image keeps its natural size


def test_lists_nest_like_in_markdown_editors(pack: Path) -> None:
    html = render("- 三类共享属性：\n  - 无条件共享\n  - 有条件共享\n- 责任清晰\n\n1. 第一步\n   - 子项", pack)
    assert "<li>三类共享属性：<ul>\n<li>无条件共享</li>" in html
    assert "<li>第一步<ul>\n<li>子项</li>" in html


def test_a_list_may_follow_a_call_out_title(pack: Path) -> None:
    html = render("> [!IMPORTANT] 三个要点\n> 1. 先查目录\n> 2. 再提申请", pack)
    assert "<b>三个要点</b></p><ol>\n<li>先查目录</li>" in html


FRAGMENTS = ["<script>", "</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
             "[a](javascript:x)", "> [!NOTE]", "> [!TIP] t", "!!! warning", "    code", "```",
             "| a | b |", "|---|---|", "- [x] item", "  - nested", "1. one", "<a href='", "'>",
             "<iframe>", "![i](../../x.png)", "# h", "\n", "\n\n", "文字", "<!--", "-->", "*", "_"]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=30).map("".join))
def test_random_markdown_renders_safely(text: str) -> None:
    root = Path("/nonexistent-pack")
    tags = _Tags()
    tags.feed(render_markdown(text, root / "modules", root))
    for tag, attributes in tags.seen:
        assert tag not in ("script", "iframe", "style", "object", "embed")
        for name, value in attributes:
            assert not name.startswith("on")
            assert not (value or "").strip().lower().startswith(("javascript:", "data:"))
            assert name != "src" or (value or "").startswith("file://")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, attrs))
