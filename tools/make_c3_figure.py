"""Draw case 3's data-chain figure in both languages (run by hand, not at app run time).

Usage: python tools/make_c3_figure.py assets/fonts/DroidSansFallbackFull.ttf
It shows how a company's removal from the list of abnormal operations (经营异常名录) was lost
at the incremental sync between the registration system and the shared base database.
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
DPI = 125
BLUE, RED, GREY, INK = "#1f5fa8", "#c0392b", "#7f8c8d", "#22313f"

TEXT = {
    "zh": {
        "title": "禾丰公司经营状态的数据链路",
        "boxes": [("市市场监管局登记系统", "经营异常：已移出（3 月 2 日）", BLUE),
                  ("共享平台·市场主体基础库", "经营异常：列入（最后同步：去年 11 月 16 日）", RED),
                  ("惠企政策兑现平台", "规则：列入经营异常名录 → 不符合条件", GREY),
                  ("“临江通”App", "提示企业：“企业被列入经营异常名录，不符合条件”", GREY)],
        "arrows": ["每日夜间增量同步：只抓“最后修改时间”变化的记录\n纠错工具改库不更新该时间 → 移出记录被漏掉",
                   "接口调用", "显示结果"],
    },
    "en": {
        "title": "Data chain of Hefeng's business status",
        "boxes": [("AMR registration system", "Abnormal operations: removed (2 March)", BLUE),
                  ("Sharing platform: market-entity base database",
                   "Abnormal operations: listed (last sync: 16 Nov last year)", RED),
                  ("Business-support platform", "Rule: on the abnormal-operations list → not eligible", GREY),
                  ("\"Linjiang Tong\" app", "Tells the firm: \"listed for abnormal operations, not eligible\"", GREY)],
        "arrows": ["Nightly incremental sync picks up only records whose 'last modified' changed;\n"
                   "the correction tool leaves that time alone → the removal is missed",
                   "Interface call", "Shows the result"],
    },
}


def draw(lang: str, font: FontProperties) -> None:
    """One vertical chain of four boxes; the broken link is dashed and red."""
    text = TEXT[lang]
    fig, ax = plt.subplots(figsize=(5.6, 4.6))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.axis("off")
    ax.text(5, 9.7, text["title"], ha="center", va="center", fontproperties=font, fontsize=11, color=INK)
    tops = [8.9, 6.4, 4.2, 2.0]
    for (name, status, colour), top in zip(text["boxes"], tops, strict=True):
        ax.add_patch(FancyBboxPatch((0.4, top - 1.0), 9.2, 0.95, boxstyle="round,pad=0.05",
                                    fill=False, edgecolor=colour, linewidth=1.6))
        ax.text(5, top - 0.3, name, ha="center", va="center", fontproperties=font, fontsize=9.5, color=INK)
        ax.text(5, top - 0.72, status, ha="center", va="center", fontproperties=font, fontsize=8,
                color=colour if colour != GREY else INK)
    for i, label in enumerate(text["arrows"]):
        start, end = tops[i] - 1.1, tops[i + 1] + 0.05
        broken = i == 0
        ax.annotate("", xy=(5, end), xytext=(5, start),
                    arrowprops={"arrowstyle": "-|>", "color": RED if broken else INK,
                                "linestyle": "--" if broken else "-", "linewidth": 1.4})
        if broken:
            ax.text(5, (start + end) / 2, label, ha="center", va="center", fontproperties=font,
                    fontsize=7.5, color=RED, bbox={"facecolor": "white", "edgecolor": "none"})
        else:
            ax.text(5.25, (start + end) / 2, label, ha="left", va="center", fontproperties=font,
                    fontsize=7.5, color=INK)
    PACKS[lang].mkdir(parents=True, exist_ok=True)
    fig.savefig(PACKS[lang] / "c3-data-chain.png", dpi=DPI, bbox_inches="tight", facecolor="white")
    plt.close(fig)


def main(cjk_font: str) -> None:
    """Draw the figure once per language."""
    fontManager.addfont(cjk_font)
    cjk_name = FontProperties(fname=cjk_font).get_name()
    draw("zh", FontProperties(family=["DejaVu Sans", cjk_name]))
    draw("en", FontProperties(family="DejaVu Sans"))


if __name__ == "__main__":
    main(sys.argv[1])
