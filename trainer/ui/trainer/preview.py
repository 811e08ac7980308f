"""The learner's view of a pack being written: same widgets, answers graded, nothing saved."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from trainer.ui.learner.lesson import LessonView
from trainer.ui.learner.rendering import clamp_font_size, renderer, stylesheet
from trainer.ui.learner.style import apply_learner_style

translate = QCoreApplication.translate


def pool_summary(pack: Any, module: Any) -> str:
    """Rich text for an assessment's question pool: per competency, the questions in the pool,
    how many a sitting draws and how many are recall; then the sitting and its recall limit.
    Empty for a module without ``draw``."""
    from html import escape

    from trainer.content.pool import pool_rows, recall_allowed

    if not module.draw:
        return ""
    head = (translate("PackPreview", "Competency"), translate("PackPreview", "In the pool"),
            translate("PackPreview", "Drawn per sitting"), translate("PackPreview", "Recall"))
    rows = ["<tr>" + "".join(f"<th align='left'>{escape(h)}</th>" for h in head) + "</tr>"]
    for row in pool_rows(module):
        try:
            title = pack.framework.competency(row.competency_id).title
        except KeyError:
            title = row.competency_id
        rows.append(f"<tr><td>{escape(title)}</td><td>{row.pool}</td><td>{row.draw}</td>"
                    f"<td>{row.recall}</td></tr>")
    size = module.sitting_size
    text = translate("PackPreview", "Question pool: each sitting draws %1 of %2 questions at "
                     "random; a retake draws others where the pool allows.")
    text = text.replace("%1", str(size)).replace("%2", str(len(module.exercises)))
    if module.max_recall is not None:
        limit = translate("PackPreview", "Recall questions per sitting: at most %1 (under %2%).")
        text += " " + limit.replace("%1", str(recall_allowed(module.draw, module.max_recall))) \
            .replace("%2", f"{module.max_recall * 100:g}")
    return (f"<p><b>{escape(text)}</b></p><table cellspacing='0' cellpadding='4' border='0'>"
            + "".join(rows) + "</table>")


class PreviewGrader(QObject):
    """Grades answers in the preview like the reader does, and never writes to any record."""

    graded = Signal(str, object)  # exercise id, Grade

    def attach(self, card: Any) -> None:
        card.submitted.connect(partial(self.submit, card))

    def submit(self, card: Any, response: dict[str, Any]) -> None:
        from trainer.content.grading import grade

        result = grade(card.exercise, response)
        card.show_grade(result)
        self.graded.emit(card.exercise.id, result)


class PackPreview(QWidget):
    """Shows one module of a pack exactly as the reader does; keeps the place across reloads."""

    moduleChanged = Signal(str)

    def __init__(self, theme_setting: str, font_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme_setting, self.font_size = theme_setting, clamp_font_size(font_size)
        self.pack: Any = None
        self.module_id: str | None = None
        self.view: LessonView | None = None
        self.grader = PreviewGrader(self)
        self.banner = QLabel()
        self.banner.setObjectName("previewBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.pool = QLabel()  # an assessment's question pool: what each sitting draws
        self.pool.setObjectName("poolSummary")
        self.pool.setTextFormat(Qt.TextFormat.RichText)
        self.pool.setWordWrap(True)
        self.pool.setContentsMargins(16, 8, 16, 8)
        self.pool.setVisible(False)
        self.stack = QStackedWidget()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.pool)
        layout.addWidget(self.stack, 1)
        self.apply_style()
        self.retranslate()

    def apply_style(self) -> None:
        """The reader's own style sheet, so titles, cards and feedback look as learners see them."""
        self.font_size = clamp_font_size(self.font_size)
        apply_learner_style(self, self.font_size)

    def retranslate(self) -> None:
        self.empty.setText(translate("PackPreview", "The course appears here as learners will see it, once its "
                               "folder is open and has no errors."))

    def set_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def show_pack(self, pack: Any) -> None:
        """Show ``pack``; the same module and scroll position as before when it still exists."""
        fraction = self.view.fraction() if self.view is not None else 0.0
        self.pack = pack
        ids = [m.id for m in pack.modules]
        if self.module_id not in ids:
            self.module_id, fraction = (ids[0] if ids else None), 0.0
        self._build(fraction)

    def show_module(self, module_id: str) -> None:
        if self.pack is None or module_id == self.module_id:
            return
        self.module_id = module_id
        self._build(0.0)

    def clear(self) -> None:
        self.pack, self.module_id = None, None
        self._replace(None)

    def _build(self, fraction: float) -> None:
        if self.pack is None or self.module_id is None:
            self._replace(None)
            self.pool.setVisible(False)
            return
        modules = list(self.pack.modules)
        index = [m.id for m in modules].index(self.module_id)
        module = modules[index]
        self.pool.setText(pool_summary(self.pack, module))
        self.pool.setVisible(bool(module.draw))
        style = stylesheet(self, self.theme_setting, self.font_size)
        view = LessonView(self.pack, module, renderer(self.pack, module), style,
                          has_previous=index > 0, has_next=index < len(modules) - 1,
                          font_size=self.font_size)
        for card in view.cards.values():
            self.grader.attach(card)
        view.navigate.connect(self._navigate)
        self._replace(view)
        if fraction:
            view.set_fraction(fraction)
        self.moduleChanged.emit(module.id)

    def _replace(self, view: LessonView | None) -> None:
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
        self.view = view
        if view is not None:
            self.stack.addWidget(view)
        self.stack.setCurrentWidget(view if view is not None else self.empty)

    def _navigate(self, step: int) -> None:
        ids = [m.id for m in self.pack.modules]
        target = ids.index(self.module_id) + step
        if 0 <= target < len(ids):
            self.show_module(ids[target])
