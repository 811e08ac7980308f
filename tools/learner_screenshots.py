"""Screenshots of every learner screen of the built-in course, as a learner meets them.

    QT_QPA_PLATFORM=offscreen python tools/learner_screenshots.py OUT_DIR [--language zh_CN|en]
        [--theme light|dark]

Writes learner-<language>-<theme>-NN-<screen>.png: first-run set-up, sign-in, registration,
courses, a lesson, an exercise with feedback, a case, the assessment (start, running, result),
search and the import problems list. Everything happens in a temporary data folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _start(language: str, theme: str) -> tuple[Any, Any, Any]:
    from trainer.config import Paths, Settings
    from trainer.ui.app import create_application, install_pages, start_gui
    from trainer.ui.common.context import AppContext

    app = create_application()
    paths = Paths(Path(tempfile.mkdtemp()) / "data").ensure()
    settings = Settings(paths.settings_file)
    settings.set("language", language)
    settings.set("theme", theme)
    ctx = AppContext(paths, settings)
    window = start_gui(app, ctx)
    window.resize(1280, 800)
    window.show()
    install_pages(window, ctx, ("trainer.ui.learner.signin:install_learner_pages",))
    return app, ctx, window


def _sign_in_screens(ctx: Any, window: Any, shot: Callable[..., None]) -> None:
    from trainer.store.learners import create_learner, find_learners
    from trainer.ui.learner.setup import RegisterDialog

    shot("01-first-run")
    screen = window.page("signin")
    screen.setup.choose("shared")
    shot("02-first-run-shared")
    create_learner(ctx.db, "A001", "王主任", "信息中心", role="admin", pin="secret1")
    for number, name, department in (("1001", "张伟", "办公室"), ("1002", "李娜", "数据管理局"),
                                      ("1003", "欧阳晓明", "政务服务中心")):
        create_learner(ctx.db, number, name, department)
    screen.reload()
    shot("03-sign-in")
    dialog = RegisterDialog(ctx, window)
    dialog.show()
    dialog.name.setText("赵敏")
    shot("04-register", dialog)
    dialog.close()
    ctx.set_user(next(l for l in find_learners(ctx.db) if l.name == "张伟"))  # noqa: E741


def _course_screens(window: Any, pack_id: str, shot: Callable[..., None]) -> None:
    shot("05-courses")
    window.show_page("reader", pack_id)
    course = window.page("reader")
    shot("06-lesson")
    card = next(iter(course.view.cards.values()))
    card.input.button(1).click()
    card.submit()
    course.view.show_exercise(card.exercise.id)
    shot("07-feedback")
    kinds = {m.kind: i for i, m in reversed(list(enumerate(course.pack.modules)))}
    course.open_module(kinds["case"])
    shot("08-case")
    course.open_module(kinds["assessment"])
    shot("09-assessment")
    view = course.view
    view.start()
    shot("10-assessment-running")
    for exam_card in list(view.cards.values())[:8]:
        if hasattr(exam_card.input, "button"):
            exam_card.input.button(0).click()
    view.finish(confirm=False)
    shot("11-assessment-result")


def main(out: Path, language: str, theme: str) -> None:
    from trainer.ui.common.work import wait_for_all
    from trainer.ui.learner.problems_dialog import ProblemsDialog

    app, ctx, window = _start(language, theme)
    out.mkdir(parents=True, exist_ok=True)

    def shot(name: str, widget: Any = None) -> None:
        for _ in range(4):
            wait_for_all()
            app.processEvents()
        (widget or window).grab().save(str(out / f"learner-{language}-{theme}-{name}.png"))

    _sign_in_screens(ctx, window, shot)
    _course_screens(window, "digital-government" if language == "zh_CN"
                    else "digital-government-en", shot)
    window.show_page("search")
    window.page("search").field.setText("一网通办" if language == "zh_CN" else "data sharing")
    shot("12-search")
    dialog = ProblemsDialog(Path("course.zip"), [
        "modules/01-why.md:12: error: exercise q1 has no correct option; mark one with '- [x]'",
        "course.yaml:3: error: version must look like 1.0.0"], window)
    dialog.show()
    shot("13-import-problems", dialog)
    window.close()
    ctx.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--language", choices=("zh_CN", "en"), default="zh_CN")
    parser.add_argument("--theme", choices=("light", "dark", "contrast"), default="light")
    args = parser.parse_args()
    main(args.out, args.language, args.theme)
