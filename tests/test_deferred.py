"""Packages the app never uses are not imported on its way to a course and the dashboard
(``trainer.deferred``; issue 14's memory budget), and still work when something does use them.

Each case runs in a fresh interpreter: the test process has imported them long ago."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# SQLAlchemy imports these eagerly; the app only ever reaches them through it.
UNUSED = ("asyncio", "importlib.metadata", "ssl", "email", "csv")

APP_PATH = """
import json, sys
from pathlib import Path

from trainer.ui.app import create_application

app = create_application()
from trainer.config import Paths, bundled_courses_dir
from trainer.content.loader import load_pack
from trainer.content.render import render_markdown
from trainer.deferred import is_imported
from trainer.store.db import open_database
from trainer.store.learners import find_learners
from trainer.ui.common.charts import ensure_matplotlib

db = open_database(Paths(Path(sys.argv[1])).ensure())
find_learners(db, "E1")
pack = load_pack(bundled_courses_dir() / "digital-government")
module = pack.modules[0]
html = render_markdown(module.blocks[0].markdown, pack.root, pack.root, pack.language)
ensure_matplotlib()
print(json.dumps({"imported": [n for n in sys.argv[2:] if is_imported(n)],
                  "rendered": "<p>" in html or "<h" in html}))
"""

STILL_WORKS = """
import sys
from trainer.deferred import defer_unused_imports, is_imported

print(sorted(defer_unused_imports()))
import sqlalchemy
from sqlalchemy.util.concurrency import iscoroutine

async def answer():
    return 42

pending = answer()
print(iscoroutine(pending), iscoroutine(answer), is_imported("asyncio"))
pending.close()
import asyncio.events  # a submodule first: the package is imported before it, as always
print(is_imported("asyncio"), asyncio.events.AbstractEventLoop.__name__)
import asyncio
print(asyncio.run(answer()), sqlalchemy.util.compat.asyncio.wait_for is asyncio.wait_for)
namespace = {}
exec("from asyncio import *", namespace)
print("Queue" in namespace and "get_event_loop" in namespace)
from importlib import metadata
print(metadata.version("sqlalchemy") == sqlalchemy.__version__, is_imported("importlib.metadata"))
print(defer_unused_imports())  # already imported: nothing to defer
"""


def _run(source: str, *args: str) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-W", "error", "-c", source, *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.splitlines()


def test_the_way_to_a_course_and_a_chart_imports_none_of_them(tmp_path: Path) -> None:
    """Database, sign-in search, a lesson rendered, the chart libraries: none of ``UNUSED``.
    (The very first start creates the database with Alembic, which does use them.)"""
    _run(APP_PATH, str(tmp_path / "data"))  # first start: creates the database
    found = json.loads(_run(APP_PATH, str(tmp_path / "data"), *UNUSED)[-1])
    assert found == {"imported": [], "rendered": True}


def test_a_deferred_package_works_when_used() -> None:
    lines = _run(STILL_WORKS)
    assert lines == ["['asyncio', 'importlib.metadata']",
                     "True False False",
                     "True AbstractEventLoop",
                     "42 True",
                     "True",
                     "True True",
                     "[]"]
