"""Draw the figures of the built-in course in both languages (run by hand, not at app run time).

Usage: python tools/make_course_figures.py /path/to/DroidSansFallbackFull.ttf
The CJK font is only needed for the Chinese figures; any font with Chinese glyphs will do.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.font_manager import FontProperties, fontManager  # noqa: E402
from matplotlib.patches import FancyBboxPatch  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent / "courses"
PACKS = {"zh": ROOT / "digital-government" / "images", "en": ROOT / "digital-government-en" / "images"}
# The lesson reader shows images at their pixel size: keep them about 700 px wide or less.
DPI = 125
BLUE, TEAL, GREY, INK = "#1f5fa8", "#2a9d8f", "#d9dee5", "#22313f"

TIMELINE = {
    "zh": [
        ("2015.09", "国务院《促进大数据\n发展行动纲要》"),
        ("2016.09", "《政务信息资源共享\n管理暂行办法》"),
        ("2017.05", "《政务信息系统整合\n共享实施方案》"),
        ("2021", "《数据安全法》\n《个人信息保护法》施行"),
        ("2022.06", "《关于加强数字政府\n建设的指导意见》"),
        ("2022.10", "党的二十大：\n加快建设数字中国"),
    ],
    "en": [
        ("2015.09", "State Council: Action\nOutline for Promoting\nBig Data Development"),
        ("2016.09", "Interim Measures on\nSharing Government\nInformation Resources"),
        ("2017.05", "Implementation Plan for\nIntegrating and Sharing\nGov. Information Systems"),
        ("2021", "Data Security Law and\nPersonal Information\nProtection Law in force"),
        ("2022.06", "Guiding Opinions on\nStrengthening Digital\nGovernment"),
        ("2022.10", "20th Party Congress:\nbuild a Digital China"),
    ],
}
SHARING = {
    "zh": ["查目录", "提交\n申请", "提供方审核", "签协议\n授权", "接口交换", "使用留痕", "到期复核"],
    "en": ["Search the\ncatalogue", "Submit a\nrequest", "Provider\nreview", "Sign the\nagreement", "Exchange\nvia API", "Use with\naudit log", "Review at\nexpiry"],
}
QUALITY = {
    "zh": ["受理\n投诉", "登记\n定级", "追溯\n源头", "源头\n整改", "复核\n发布", "通报\n改进"],
    "en": ["Receive\ncomplaint", "Log and\ngrade", "Trace to\nsource", "Fix at\nsource", "Re-check\nand publish", "Report and\nimprove"],
}
USERS = {
    "zh": ("截至 2022 年 6 月我国网民规模", "网民\n10.51 亿", "互联网普及率 74.4%", "非网民 25.6%",
           "资料来源：CNNIC 第 50 次《中国互联网络发展状况统计报告》"),
    "en": ("Internet users in China, June 2022", "1.051 billion\nusers", "Penetration 74.4 %", "Non-users 25.6 %",
           "Source: CNNIC, 50th Statistical Report on China's Internet Development"),
}


def _save(fig: plt.Figure, lang: str, name: str) -> None:
    """Write one PNG into the images folder of the pack in that language."""
    PACKS[lang].mkdir(parents=True, exist_ok=True)
    fig.savefig(PACKS[lang] / name, dpi=DPI, bbox_inches="tight", facecolor="white")
    plt.close(fig)


def timeline(lang: str, font: FontProperties) -> None:
    """Policy milestones on one horizontal axis, labels alternating above and below."""
    fig, ax = plt.subplots(figsize=(7.4, 2.7))
    events = TIMELINE[lang]
    ax.axhline(0, color=GREY, lw=4, zorder=1)
    for i, (when, what) in enumerate(events):
        up = 1 if i % 2 == 0 else -1
        ax.plot([i, i], [0, 0.55 * up], color=BLUE, lw=1.5, zorder=2)
        ax.scatter([i], [0], s=60, color=BLUE, zorder=3)
        ax.text(i, -0.2 * up, when, ha="center", va="center", fontproperties=font, fontsize=9,
                color=INK, weight="bold")
        ax.text(i, 0.62 * up, what, ha="center", va="bottom" if up > 0 else "top",
                fontproperties=font, fontsize=8 if lang == "zh" else 7.2, color=INK)
    ax.set_xlim(-0.7, len(events) - 0.3)
    ax.set_ylim(-1.3, 1.3)
    ax.axis("off")
    _save(fig, lang, "policy-timeline.png")


def flow(lang: str, font: FontProperties, steps: list[str], name: str, colour: str) -> None:
    """A left-to-right chain of rounded boxes joined by arrows."""
    fig, ax = plt.subplots(figsize=(0.98 * len(steps), 1.3))
    for i, label in enumerate(steps):
        x = i * 1.45
        ax.add_patch(FancyBboxPatch((x, 0), 1.1, 1, boxstyle="round,pad=0.04,rounding_size=0.12",
                                    fc=colour, ec="none"))
        ax.text(x + 0.55, 0.5, label, ha="center", va="center", color="white",
                fontproperties=font, fontsize=9.5 if lang == "zh" else 7.5)
        if i < len(steps) - 1:
            ax.annotate("", xy=(x + 1.42, 0.5), xytext=(x + 1.13, 0.5),
                        arrowprops={"arrowstyle": "-|>", "color": INK, "lw": 1.4})
    ax.set_xlim(-0.1, len(steps) * 1.45 - 0.25)
    ax.set_ylim(-0.1, 1.1)
    ax.set_aspect("equal")
    ax.axis("off")
    _save(fig, lang, name)


def users(lang: str, font: FontProperties) -> None:
    """CNNIC June 2022 internet penetration as a ring chart."""
    title, centre, users_label, others_label, source = USERS[lang]
    fig, ax = plt.subplots(figsize=(5.4, 3.7))
    ax.pie([74.4, 25.6], colors=[BLUE, GREY], startangle=90, counterclock=False,
           wedgeprops={"width": 0.32, "edgecolor": "white"})
    ax.text(0, 0, centre, ha="center", va="center", fontproperties=font, fontsize=15, color=INK)
    ax.text(1.15, 0.55, users_label, fontproperties=font, fontsize=11, color=BLUE)
    ax.text(1.15, -0.75, others_label, fontproperties=font, fontsize=11, color="#6b7785")
    ax.set_title(title, fontproperties=font, fontsize=13, color=INK)
    fig.text(0.5, 0.02, source, ha="center", fontproperties=font, fontsize=8, color="#6b7785")
    ax.set_aspect("equal")
    _save(fig, lang, "internet-users.png")


def main(cjk_font: str) -> None:
    """Draw every figure once per language."""
    fontManager.addfont(cjk_font)
    cjk_name = FontProperties(fname=cjk_font).get_name()
    # Latin glyphs from DejaVu, Chinese from the CJK font (matplotlib falls back per glyph).
    fonts = {"zh": FontProperties(family=["DejaVu Sans", cjk_name]), "en": FontProperties(family="DejaVu Sans")}
    for lang, font in fonts.items():
        timeline(lang, font)
        users(lang, font)
        flow(lang, font, SHARING[lang], "data-sharing-workflow.png", BLUE)
        flow(lang, font, QUALITY[lang], "quality-complaint-loop.png", TEAL)


if __name__ == "__main__":
    main(sys.argv[1])
