"""The chart look shared by the screen (trainer.ui.common.charts) and paper (reports.figures).

Qt-free and import-free, so reports can use it without widgets and the UI without SQL.
"""

from __future__ import annotations

from typing import Any

# Okabe & Ito (2008), the palette most used for colour-blind-safe figures; order matters:
# the first three are told apart under every common colour-vision deficiency.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442",
             "#000000")

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
