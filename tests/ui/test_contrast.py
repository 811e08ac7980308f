"""Text and chart colours are readable in every theme (WCAG 2.1 AA; GB/T 37668).

Thresholds (trainer/ui/common/contrast.py): 4.5:1 for text (WCAG 1.4.3), 3:1 for graphics such
as chart series and focus outlines (1.4.11), 7:1 for text in the high-contrast theme (1.4.6,
AAA). WCAG allows 3:1 for large text, but no pair below uses that allowance: every text colour
here is held to 4.5:1 whatever its size. Disabled controls are exempt in WCAG ("inactive user
interface components") and are left out. Translucent state tints (right/wrong answers) are laid
over the palette's colours and keep the palette's text colour; they are not pairs of their own.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QPalette

from trainer.config import assets_dir
from trainer.content.styles import THEMES as LESSON_THEMES
from trainer.reports.palette import CHART_LIGHT
from trainer.ui.common.charts import SERIES_CONTRAST, SERIES_DARK, SERIES_LIGHT
from trainer.ui.common.contrast import ENHANCED, GRAPHICS, TEXT, contrast_ratio
from trainer.ui.common.theme import THEMES, build_palette
from trainer.ui.learner.style import LEARNER_QSS

Role = QPalette.ColorRole
TEXT_PAIRS = [  # (text, background) as Qt draws them
    (Role.WindowText, Role.Window), (Role.Text, Role.Base), (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button), (Role.ToolTipText, Role.ToolTipBase),
    (Role.HighlightedText, Role.Highlight), (Role.PlaceholderText, Role.Base),
    (Role.PlaceholderText, Role.Window),  # hints and chart tick labels use it as muted text
    (Role.Link, Role.Base), (Role.Link, Role.Window), (Role.LinkVisited, Role.Base),
    (Role.BrightText, Role.Window), (Role.BrightText, Role.Base),  # error messages
]
SERIES = {"light": SERIES_LIGHT, "dark": SERIES_DARK, "contrast": SERIES_CONTRAST}
QSS_FILES = {"light": ["light.qss"], "dark": ["dark.qss"], "contrast": ["dark.qss", "contrast.qss"]}
HEX = r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b"


def text_minimum(theme: str) -> float:
    return ENHANCED if theme == "contrast" else TEXT


def colour(palette: QPalette, role: QPalette.ColorRole) -> str:
    return palette.color(role).name()


def style_rules(sheets: list[str]) -> dict[str, dict[str, str]]:
    """selector → properties, later sheets overriding earlier ones as Qt applies them."""
    rules: dict[str, dict[str, str]] = {}
    for sheet in sheets:
        sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
        for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
            props = dict((k.strip(), v.strip()) for k, v in
                         (p.split(":", 1) for p in body.split(";") if ":" in p))
            for selector in selectors.split(","):
                rules.setdefault(" ".join(selector.split()), {}).update(props)
    return rules


def style_pairs(theme: str) -> list[tuple[str, str, str]]:
    """(selector, text colour, background) for every style-sheet rule that sets a text colour
    or a background, the missing half taken from the rule without its state or the palette."""
    palette = build_palette(theme != "light", theme)
    sheets = [(assets_dir() / "styles" / name).read_text(encoding="utf-8")
              for name in ["common.qss", *QSS_FILES[theme]]] + [LEARNER_QSS]
    rules = style_rules(sheets)
    pairs = []
    for selector, props in rules.items():
        if ":disabled" in selector or "::item:hover" in selector:
            continue  # inactive controls are exempt; a hovered row keeps its own text colour
        base = rules.get(selector.split(":")[0], {})

        def pick(key: str, props: dict[str, str] = props, base: dict[str, str] = base) -> str:
            value = props.get(key) or base.get(key) or ""
            found = re.search(HEX, value)
            if found:
                return found.group(0)
            roles = {"palette(bright-text)": Role.BrightText,
                     "palette(placeholder-text)": Role.PlaceholderText,
                     "palette(highlighted-text)": Role.HighlightedText,
                     "palette(highlight)": Role.Highlight, "palette(base)": Role.Base}
            return colour(palette, roles[value]) if value in roles else ""

        text, background = pick("color"), pick("background") or pick("background-color")
        if not text and not background:
            continue
        pairs.append((selector, text or colour(palette, Role.WindowText),
                      background or colour(palette, Role.Window)))
    return pairs


@pytest.mark.parametrize("theme", THEMES)
def test_palette_text_is_readable(theme: str) -> None:
    palette = build_palette(theme != "light", theme)
    low = [f"{fg.name}/{bg.name}: {contrast_ratio(colour(palette, fg), colour(palette, bg)):.2f}"
           for fg, bg in TEXT_PAIRS
           if contrast_ratio(colour(palette, fg), colour(palette, bg)) < text_minimum(theme)]
    assert not low, f"{theme} palette below {text_minimum(theme)}:1: {low}"
    focus = contrast_ratio(colour(palette, Role.Highlight), colour(palette, Role.Window))
    assert focus >= GRAPHICS, f"{theme}: focus outlines (highlight) {focus:.2f}:1 on the window"


@pytest.mark.parametrize("theme", THEMES)
def test_style_sheet_text_is_readable(theme: str) -> None:
    pairs = style_pairs(theme)
    assert len(pairs) >= 8, "the style sheets' colours were found"
    low = [f"{sel}: {fg} on {bg} {contrast_ratio(fg, bg):.2f}" for sel, fg, bg in pairs
           if contrast_ratio(fg, bg) < text_minimum(theme)]
    assert not low, f"{theme} style sheet below {text_minimum(theme)}:1: {low}"


@pytest.mark.parametrize("theme", THEMES)
def test_chart_series_stand_out_from_the_chart(theme: str) -> None:
    """Series against the chart background (the window colour); the chart's titles and tick
    labels are WindowText and PlaceholderText, checked with the palette above."""
    background = colour(build_palette(theme != "light", theme), Role.Window)
    minimum = ENHANCED if theme == "contrast" else GRAPHICS
    low = [f"{c} {contrast_ratio(c, background):.2f}" for c in SERIES[theme]
           if contrast_ratio(c, background) < minimum]
    assert not low, f"{theme} chart series below {minimum}:1 on {background}: {low}"


def test_report_charts_stand_out_on_paper() -> None:
    low = [c for c in CHART_LIGHT if contrast_ratio(c, "#ffffff") < GRAPHICS]
    assert not low, f"PDF chart colours below {GRAPHICS}:1 on white: {low}"


@pytest.mark.parametrize("theme", THEMES)
def test_lesson_text_is_readable(theme: str) -> None:
    """The lesson style sheet's text colours on the page (window), scenario panels (base),
    table heads, code and each call-out's own background."""
    lesson = LESSON_THEMES[theme]
    palette = build_palette(theme != "light", theme)
    pairs = [(fg, bg) for fg in (lesson.text, lesson.muted, lesson.link, lesson.heading)
             for bg in (colour(palette, Role.Window), colour(palette, Role.Base))]
    pairs += [(lesson.text, lesson.table_head), (lesson.text, lesson.code_bg),
              (lesson.muted, lesson.quote_bg)]
    pairs += [(title, body) for _bar, body, title in lesson.callouts.values()]
    pairs += [(lesson.text, body) for _bar, body, _title in lesson.callouts.values()]
    low = [f"{fg} on {bg}: {contrast_ratio(fg, bg):.2f}" for fg, bg in pairs
           if contrast_ratio(fg, bg) < text_minimum(theme)]
    assert not low, f"{theme} lesson colours below {text_minimum(theme)}:1: {low}"


def test_the_check_fails_on_a_pale_colour() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") < TEXT < contrast_ratio("#767676", "#ffffff") + 0.1
    assert style_pairs("light"), "pairs are found"
    rules = style_rules(["QLabel#x { color: #aaaaaa; }"])
    assert rules == {"QLabel#x": {"color": "#aaaaaa"}}
