"""The lesson style sheet: CSS 2.1 that QTextDocument understands, in light and dark.

Colours of call-out bars and bodies come from classes (``td.bar-note``…), never from a bare
``td`` rule, which would also hit data tables (DESIGN §2).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    text: str
    muted: str
    link: str
    heading: str
    rule: str
    table_head: str
    code_bg: str
    quote_bar: str
    quote_bg: str
    callouts: dict[str, tuple[str, str, str]]  # kind → (bar, body background, title colour)


LIGHT = Palette(
    text="#1f2328", muted="#59636e", link="#0b57d0", heading="#0f2a4a", rule="#d0d7de",
    table_head="#eef2f6", code_bg="#f3f5f8", quote_bar="#c4ccd5", quote_bg="#f7f8fa",
    callouts={"note": ("#0969da", "#eaf2fd", "#0550ae"), "tip": ("#1a7f37", "#e9f6ec", "#116329"),
              "important": ("#8250df", "#f2ecfc", "#6639ba"),
              "warning": ("#bf8700", "#fdf6e0", "#7d4e00"),
              "caution": ("#cf222e", "#fdecec", "#a40e26")})
DARK = Palette(
    text="#e6edf3", muted="#9198a1", link="#6cb6ff", heading="#cfe3ff", rule="#3d444d",
    table_head="#262c36", code_bg="#1c2128", quote_bar="#545d68", quote_bg="#1c2128",
    callouts={"note": ("#4493f8", "#16263d", "#79b8ff"), "tip": ("#3fb950", "#132a1c", "#56d364"),
              "important": ("#ab7df8", "#251c3b", "#d2a8ff"),
              "warning": ("#d29922", "#2d2412", "#e3b341"),
              "caution": ("#f85149", "#331a1c", "#ff7b72")})


CONTRAST = Palette(  # high contrast: every text colour at least 7:1 on black (WCAG AAA)
    text="#ffffff", muted="#d0d0d0", link="#7fc4ff", heading="#ffffff", rule="#ffffff",
    table_head="#1a1a1a", code_bg="#1a1a1a", quote_bar="#ffffff", quote_bg="#000000",
    callouts={"note": ("#7fc4ff", "#000000", "#7fc4ff"), "tip": ("#3ddc97", "#000000", "#3ddc97"),
              "important": ("#d9b3ff", "#000000", "#d9b3ff"),
              "warning": ("#ffd500", "#000000", "#ffd500"),
              "caution": ("#ff8080", "#000000", "#ff8080")})
THEMES = {"light": LIGHT, "dark": DARK, "contrast": CONTRAST}


def lesson_stylesheet(theme: str = "light", font_size: int = 15) -> str:
    """CSS for QTextDocument.setDefaultStyleSheet; ``theme`` is 'light', 'dark' or 'contrast'."""
    p = THEMES.get(theme, LIGHT)
    size = max(8, min(int(font_size), 40))
    code = max(8, round(size * 0.9))
    rules = [
        f"body {{ color: {p.text}; font-size: {size}px; }}",
        f"p, li, dd, dt, th, td, pre {{ color: {p.text}; }}",
        f"p, li, dd {{ margin-top: 0px; margin-bottom: {round(size * 0.6)}px; }}",
        f"h1 {{ color: {p.heading}; font-size: {round(size * 1.7)}px; font-weight: 600; "
        f"margin-top: {size}px; margin-bottom: {round(size * 0.8)}px; }}",
        f"h2 {{ color: {p.heading}; font-size: {round(size * 1.35)}px; font-weight: 600; "
        f"margin-top: {round(size * 1.4)}px; margin-bottom: {round(size * 0.6)}px; }}",
        f"h3 {{ color: {p.heading}; font-size: {round(size * 1.15)}px; font-weight: 600; "
        f"margin-top: {size}px; margin-bottom: {round(size * 0.5)}px; }}",
        f"h4, h5, h6 {{ color: {p.heading}; font-size: {size}px; font-weight: 600; }}",
        f"a {{ color: {p.link}; text-decoration: none; }}",
        f"code {{ font-family: monospace; font-size: {code}px; background-color: {p.code_bg}; }}",
        f"pre {{ font-family: monospace; font-size: {code}px; margin: 0px; }}",
        f"dt {{ font-weight: 600; margin-top: {round(size * 0.4)}px; }}",
        f"hr {{ color: {p.rule}; }}",
        f"table.data {{ border-color: {p.rule}; border-style: solid; "
        f"margin-top: {round(size * 0.4)}px; margin-bottom: {size}px; }}",
        f"table.data th {{ background-color: {p.table_head}; font-weight: 600; }}",
        f"table.callout, table.quote, table.panel {{ margin-top: {round(size * 0.4)}px; "
        f"margin-bottom: {size}px; border-style: none; }}",
        f"td.bar-quote {{ background-color: {p.quote_bar}; }}",
        f"td.body-quote {{ background-color: {p.quote_bg}; color: {p.muted}; "
        "padding: 8px 12px 2px 12px; }",
        f"td.body-code {{ background-color: {p.code_bg}; }}",
        f"td.body-code code {{ background-color: {p.code_bg}; }}",
        f"span.missing-image {{ color: {p.muted}; }}",
    ]
    for kind, (bar, body, title) in p.callouts.items():
        rules.append(f"td.bar-{kind} {{ background-color: {bar}; }}")
        rules.append(f"td.body-{kind} {{ background-color: {body}; "
                     "padding: 8px 12px 2px 12px; }")
        rules.append(f"p.title-{kind} {{ color: {title}; margin-bottom: 4px; }}")
    return "\n".join(rules)
