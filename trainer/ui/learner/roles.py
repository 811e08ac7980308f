"""Item-data roles of the learner lists as plain numbers, and the sign-in row's detail line.

The sign-in list is drawn before PySide6 builds its ``Qt`` namespace (about a hundred enums,
20–45 ms of start-up: see ``ui/common/painted.py``), so the roles it needs are Qt's fixed
values written out; tests/ui/learner/test_models.py checks them against ``Qt.ItemDataRole``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
DECORATION_ROLE = 1  # Qt.ItemDataRole.DecorationRole
ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole
USER_ROLE = 256  # Qt.ItemDataRole.UserRole
LEARNER_ROLE = USER_ROLE + 1
MODULE_ID_ROLE = USER_ROLE + 3
HTML_ROLE = USER_ROLE + 4


def learner_details(learner: Any) -> str:
    parts = [learner.employee_no, learner.department or ""]
    if learner.has_pin:
        parts.append(QCoreApplication.translate("LearnerListModel", "PIN"))
    return "  ·  ".join(p for p in parts if p)
