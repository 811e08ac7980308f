"""The chart look shared by the screen (trainer.ui.common.charts) and paper (reports.figures).

Qt-free and import-free, so reports can use it without widgets and the UI without SQL.
"""

from __future__ import annotations

from typing import Any

# Okabe & Ito (2008), the palette most used for colour-blind-safe figures; order matters:
# the first three are told apart under every common colour-vision deficiency.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442",
             "#000000")

# The same hues, darkened where needed so that every series stands out at least 3:1 against a
# light chart or white paper (WCAG 1.4.11 for graphics; tests/ui/test_contrast.py checks it).
CHART_LIGHT = ("#0072B2", "#B86E00", "#008060", "#B0508A", "#C0422A", "#3A8FC8", "#857800",
               "#000000")
# Lighter hues for a dark chart background, and bright ones (7:1 on black) for high contrast.
CHART_DARK = ("#56B4E9", "#E69F00", "#2FBF8F", "#E08DBF", "#F26B1D", "#4A9FE0", "#F0E442",
              "#E6E8EB")
CHART_CONTRAST = ("#8FD3FF", "#FFB000", "#3DDC97", "#FF9AD5", "#FF8C42", "#56B4E9", "#F0E442",
                  "#FFFFFF")

# matplotlib settings every chart shares, whatever its theme.
BASE_RC: dict[str, Any] = {
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10.5,
    "axes.titleweight": "normal",
    "font.size": 9,
    "legend.frameon": False,
    # Labels are competency and course names from packs: '$…$' is text, never mathtext.
    "text.parse_math": False,
}
