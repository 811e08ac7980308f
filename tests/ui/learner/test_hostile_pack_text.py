"""Pack text is plain text in every widget (DESIGN §7): a pack whose every title, summary,
name and objective is markup (and mathtext, for the charts) walks through the learner's
screens, and nothing of it is interpreted: no label, tool tip, message or list row treats it as rich text, and the only rich
text from the pack is the sanitised lesson HTML (which drops the outside image)."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from learner_helpers import FIXTURE, make_context, settle, start_app
from matplotlib.text import Text
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QTextBrowser,
    QWidget,
)

from trainer.config import Paths

HOSTILE = '<img src="/etc/x.png"><b>x</b> $\\undefined$'
_FIELD = re.compile(r"^(\s*(?:- )?(?:title|summary|name|description):[ \t]*)(\S.*)$",
                    re.MULTILINE)
_FLOW = re.compile(r"(\bname:\s*)([^,}]+)")


def _hostile(text: str) -> str:
    """Every title, summary, name and description becomes markup (quoted for YAML)."""
    quoted = '"' + HOSTILE.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = _FLOW.sub(lambda m: m[1] + quoted, text)
    return _FIELD.sub(lambda m: m[1] + quoted, text)


def hostile_pack(folder: Path) -> Path:
    shutil.copytree(FIXTURE, folder)
    for path in [folder / "course.yaml", folder / "competencies.yaml",
                 *sorted((folder / "modules").glob("*.md"))]:
        text = path.read_text("utf-8")
        if path.suffix == ".md":  # front matter only: title and objectives
            _, front, body = text.split("---\n", 2)
            front = re.sub(r"^(\s+- ).+$", lambda m: m[1] + f"'{HOSTILE}'", _hostile(front),
                           flags=re.MULTILINE)
            text = f"---\n{front}---\n{body}"
        else:
            text = _hostile(text)
        path.write_text(text, "utf-8")
    return folder


def _interpreted(text: str, fmt: Any) -> bool:
    """Would Qt read ``text`` as rich text in a widget with this text format?"""
    if '<img src="/etc/x.png">' not in text:
        return False
    if fmt == Qt.TextFormat.PlainText:
        return False
    return fmt == Qt.TextFormat.RichText or QtGui.mightBeRichText(text)


def _columns(model: QAbstractItemModel) -> int:
    try:
        return model.columnCount(QModelIndex())
    except TypeError:  # a list model: one column
        return 1


def _model_problems(view: QAbstractItemView) -> list[str]:
    model: QAbstractItemModel | None = view.model()
    found: list[str] = []
    if model is None:
        return found
    rows = min(model.rowCount(QModelIndex()), 200)
    for row in range(rows):
        for column in range(_columns(model)):
            index = model.index(row, column, QModelIndex())
            tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and _interpreted(tip, Qt.TextFormat.AutoText):
                found.append(f"{view.objectName() or type(view).__name__} tool tip: {tip!r}")
            delegate = view.itemDelegate()
            role = getattr(delegate, "html_role", None)
            html = model.data(index, role) if role is not None else None
            if isinstance(html, str) and "<img" in html:
                found.append(f"{type(view).__name__} rich row: {html!r}")
    return found


def interpreted_pack_text() -> list[str]:
    """Every widget on screen (or built) that would interpret the hostile text."""
    found: list[str] = []
    for widget in QApplication.allWidgets():
        tip = widget.toolTip()
        if _interpreted(tip, Qt.TextFormat.AutoText):
            found.append(f"{type(widget).__name__} {widget.objectName()} tool tip: {tip!r}")
        if isinstance(widget, QLabel) and _interpreted(widget.text(), widget.textFormat()):
            found.append(f"QLabel {widget.objectName()!r}: {widget.text()!r}")
        if isinstance(widget, QAbstractButton) and "<img" in widget.text():
            pass  # buttons draw plain text
        if isinstance(widget, QTextBrowser) and "/etc/x.png" in widget.document().toHtml():
            found.append(f"QTextBrowser {widget.objectName()!r} loads /etc/x.png")
        if isinstance(widget, QAbstractItemView):
            found += _model_problems(widget)
    return found


def _figures(page: QWidget) -> list[Any]:
    """The matplotlib figures of a page's charts (they draw names as written: no mathtext)."""
    return [canvas.figure for canvas in page.findChildren(QWidget)
            if hasattr(canvas, "figure") and hasattr(canvas.figure, "findobj")]


def _visit(qapp: QApplication, window: Any, page: str, payload: Any = None) -> QWidget:
    window.show_page(page, payload) if payload is not None else window.show_page(page)
    settle(qapp)
    return window.page(page)


def test_pack_text_is_never_interpreted_on_the_learner_screens(
        qapp: QApplication, qtbot: Any, paths: Paths, tmp_path: Path) -> None:
    from trainer.store.learners import create_learner
    from trainer.store.progress import record_attempt

    bundled = tmp_path / "bundled"
    hostile_pack(bundled / "learner-mini")
    ctx = make_context(paths, bundled)
    pack = ctx.library.get("learner-mini")
    assert pack.title == HOSTILE and pack.modules[0].title == HOSTILE
    assert pack.framework.competencies[0].title == HOSTILE
    learner = create_learner(ctx.db, "1001", "张伟", "办公室")
    for number, exercise in enumerate(pack.exercises()):  # results: the charts name competencies
        record_attempt(ctx.db, learner.id, pack.id, pack.version, exercise.id, {},
                       1.0 if number % 2 else 0.5, dict(exercise.weights), datetime.now(UTC))
    window = start_app(qapp, qtbot, ctx)
    ctx.set_user(learner)
    settle(qapp)
    problems: list[str] = []
    library = _visit(qapp, window, "library")
    qtbot.waitUntil(lambda: "learner-mini" in library.cards)
    problems += interpreted_pack_text()
    for module in pack.modules:
        course = _visit(qapp, window, "reader", ("learner-mini", module.id, None))
        for card in getattr(course.view, "cards", {}).values():
            card.submit_button.click() if card.submit_button.isEnabled() else None
        settle(qapp)
        problems += interpreted_pack_text()
    dashboard = _visit(qapp, window, "dashboard")
    qtbot.waitUntil(lambda: not getattr(dashboard, "loading", False), timeout=10_000)
    settle(qapp)
    problems += interpreted_pack_text()
    figures = _figures(dashboard)
    for figure in figures:
        figure.canvas.draw()  # mathtext would fail here on '$\\undefined$'
    drawn = [t.get_text() for figure in figures for t in figure.findobj(Text)]
    assert any(HOSTILE in text for text in drawn), "the charts name the competencies"
    search = _visit(qapp, window, "search")
    search.ensure_index()
    settle(qapp)
    search.field.setText("x")
    search.run_search()
    settle(qapp)
    problems += interpreted_pack_text()
    window.close()
    settle(qapp)
    problems = sorted(set(problems))
    assert not problems, "\n".join(problems)
