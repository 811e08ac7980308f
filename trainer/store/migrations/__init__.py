"""Alembic migrations, shipped inside the package.

``REVISIONS`` lists every revision oldest first, so start-up can tell "current", "needs an
upgrade" and "made by a newer Trainer" without importing Alembic; a test keeps it in step with
the scripts in ``versions/``. Add a revision with:
``alembic -c trainer/store/migrations/alembic.ini revision --autogenerate -m "what"``.
"""

from __future__ import annotations

from pathlib import Path

REVISIONS: tuple[str, ...] = (
    "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011", "0012", "0013", "0014", "0015",
)
HEAD = REVISIONS[-1]
SCRIPT_DIR = Path(__file__).resolve().parent
