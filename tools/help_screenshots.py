"""The user guide's screenshots (trainer/help/images), made offscreen from demonstration data.

    QT_QPA_PLATFORM=offscreen python tools/help_screenshots.py [--language zh_CN|en] [OUT_DIR]

Without ``--language`` it runs once per language (each in a fresh process, so every screen is
built in that language from the start). Writes <language>-signin.png, <language>-lesson.png,
<language>-workspace.png and <language>-hr.png, 960 pixels wide, into OUT_DIR (default: the
guide's images folder). Run it again after changing a screen the guide shows; everything
happens in a temporary data folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WIDTH = 960  # the guide's column: sharp at its size, small in the package


def _settle(app: Any) -> None:
    from trainer.ui.common.work import wait_for_all

    for _ in range(5):
        wait_for_all()
        app.processEvents()


def main(out: Path, language: str) -> None:
    from PySide6.QtCore import Qt

    from trainer.config import Paths, Settings
    from trainer.content.starter import create_starter
    from trainer.reports.demo import fill_demo
    from trainer.store.learners import find_learners
    from trainer.ui.app import create_application, install_pages, start_gui
    from trainer.ui.common.context import AppContext

    app = create_application()
    folder = Path(tempfile.mkdtemp(prefix="trainer-help-"))
    paths = Paths(folder / "data").ensure()
    settings = Settings(paths.settings_file)
    settings.set("language", language)
    settings.set("theme", "light")
    ctx = AppContext(paths, settings)
    fill_demo(ctx.db, learners=24, days=30)
    window = start_gui(app, ctx)
    window.resize(1280, 800)
    window.show()
    install_pages(window, ctx)
    out.mkdir(parents=True, exist_ok=True)

    def shot(name: str) -> None:
        _settle(app)
        image = window.grab().scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
        image.save(str(out / f"{language}-{name}.png"), "PNG")
        print(f"wrote {out / f'{language}-{name}.png'}")

    window.page("signin").reload()
    shot("signin")
    people = find_learners(ctx.db)
    ctx.set_user(next(p for p in people if p.role == "learner"))
    pack_id = "digital-government" if language == "zh_CN" else "digital-government-en"
    window.show_page("reader", pack_id)
    view = window.page("reader").view
    view.show_exercise(next(iter(view.cards)))
    shot("lesson")
    ctx.set_user(next(p for p in people if p.role == "admin"))
    window.show_page("workspace")
    workspace = window.page("workspace")
    workspace.open_folder(create_starter(folder / "course", "zh-CN" if language == "zh_CN"
                                         else "en"))
    shot("workspace")
    window.show_page("hr")
    shot("hr")
    window.close()
    ctx.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=ROOT / "trainer" / "help" / "images")
    parser.add_argument("--language", choices=("zh_CN", "en"))
    args = parser.parse_args()
    if args.language:
        main(args.out, args.language)
    else:
        for language in ("zh_CN", "en"):
            subprocess.run([sys.executable, __file__, str(args.out), "--language", language],
                           check=True)
