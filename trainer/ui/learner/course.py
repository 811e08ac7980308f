"""The course view: module outline with status and scores beside the open module.

Page key "reader". ``open_payload`` takes a pack id, ``(pack_id, module_id)`` or
``(pack_id, module_id, exercise_id)``. Zoom with Ctrl +/−/0, previous/next module with Alt+←/→.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.context import ATTEMPTS, PROGRESS, AppContext
from trainer.ui.common.plain import plain_label
from trainer.ui.common.work import run_work
from trainer.ui.learner.models import HTML_ROLE, OutlineModel, outline_rows
from trainer.ui.learner.module_views import build_module_view, module_status
from trainer.ui.learner.rendering import (
    DEFAULT_FONT_SIZE,
    clamp_font_size,
    stylesheet,
)
from trainer.ui.learner.richtext import RichTextDelegate
from trainer.ui.learner.study import StudySession
from trainer.ui.learner.style import apply_learner_style
from trainer.ui.learner.warmup import prefetch_course, start_module

log = logging.getLogger(__name__)


DISPOSE_DELAY_MS = 200  # the previous module is destroyed after the new one has painted
REFRESH_DELAY_MS = 50  # outline marks follow a save after the screen has updated

# Opening a module does nothing on the way to its first paint that the paint does not need:
# the module left is saved, destroyed and the next ones prefetched after it (``_later``), and
# the saved reading position comes from what the outline read, not from the database.


class CoursePage(QWidget):
    """Outline on the left, the current module on the right; saves time and position as it goes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pack: Any = None
        self.module: Any = None
        self.view: Any = None
        self.session: StudySession | None = None
        self._refresh_due = False
        self._deferred: list[Any] = []  # work held back until the new module has painted
        self._positions: dict[str, Any] = {}  # module id → saved position, as the outline read
        self._left_at: dict[str, Any] = {}  # positions of modules left since (newer)
        self.setObjectName("CoursePage")
        apply_learner_style(self, self.font_size())
        self.outline_model = OutlineModel(self)
        side = self._build_side()
        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(0, 0, 0, 0)
        self.content_layout.addLayout(self._build_toolbar())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(side)
        splitter.addWidget(self.content)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 940])
        splitter.setChildrenCollapsible(False)
        QHBoxLayout(self).addWidget(splitter)
        self._shortcuts()
        ctx.userChanged.connect(self._on_user_changed)
        ctx.dataChanged.connect(self._on_data_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close_session)
        self.retranslate()

    def _build_side(self) -> QWidget:
        """The way back to all courses, the course title and the outline."""
        self.back_button = QPushButton()
        self.back_button.clicked.connect(lambda: self.ctx.request_page("library"))
        self.course_title = plain_label()
        self.course_title.setObjectName("sectionTitle")
        self.course_title.setWordWrap(True)
        self.outline = QListView()
        self.outline.setObjectName("outline")
        self.outline.setModel(self.outline_model)
        self.outline.setWordWrap(True)
        self.outline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.outline.setResizeMode(QListView.ResizeMode.Adjust)
        self.outline.setIconSize(QSize(18, 18))
        self.outline.setItemDelegate(RichTextDelegate(HTML_ROLE, self.outline))
        self.outline.clicked.connect(lambda index: self.open_module(index.row()))
        self.outline.activated.connect(lambda index: self.open_module(index.row()))
        side = self.side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        side_layout.addWidget(self.course_title)
        side_layout.addWidget(self.outline, 1)
        side.setMinimumWidth(220)
        return side

    def _build_toolbar(self) -> QHBoxLayout:
        """Outline toggle and zoom buttons: the keyboard shortcuts, made visible."""
        self.outline_button = QToolButton()
        self.outline_button.setCheckable(True)
        self.outline_button.setChecked(True)
        self.outline_button.toggled.connect(self.side.setVisible)
        self.smaller_button = QToolButton()
        self.larger_button = QToolButton()
        self.smaller_button.setText("A−")
        self.larger_button.setText("A+")
        self.smaller_button.clicked.connect(lambda: self.zoom(-1))
        self.larger_button.clicked.connect(lambda: self.zoom(1))
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 0, 8, 0)
        bar.addWidget(self.outline_button)
        bar.addStretch(1)
        bar.addWidget(self.smaller_button)
        bar.addWidget(self.larger_button)
        return bar

    def _shortcuts(self) -> None:
        keys = {"Ctrl++": 1, "Ctrl+=": 1, "Ctrl+-": -1, "Ctrl+0": 0}
        for key, step in keys.items():
            QShortcut(QKeySequence(key), self, lambda s=step: self.zoom(s))
        QShortcut(QKeySequence("Alt+Left"), self, lambda: self.step(-1))
        QShortcut(QKeySequence("Alt+Right"), self, lambda: self.step(1))

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("← All courses"))
        self.outline.setAccessibleName(self.tr("Course outline"))
        self.outline_button.setText(self.tr("Outline"))
        self.outline_button.setToolTip(self.tr("Show or hide the course outline"))
        self.smaller_button.setToolTip(self.tr("Smaller text (Ctrl+−)"))
        self.larger_button.setToolTip(self.tr("Larger text (Ctrl++)"))
        self.smaller_button.setAccessibleName(self.tr("Smaller text"))
        self.larger_button.setAccessibleName(self.tr("Larger text"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- opening ------------------------------------------------------------------------------

    def open_payload(self, payload: Any) -> None:
        """A pack id, or (pack id, module id[, exercise id[, text to find]])."""
        from trainer.errors import TrainerError
        from trainer.ui.common.errors import present_error

        try:
            if isinstance(payload, str):
                self.open_course(payload)
            else:
                self.open_course(*payload)
        except TrainerError as exc:  # e.g. a link to a course that was removed
            present_error(self, exc)

    def open_course(self, pack_id: str, module_id: str | None = None,
                    exercise_id: str | None = None, find_text: str | None = None) -> None:
        """Show a course at a module (default: where the learner was last, else the start),
        optionally at an exercise or at a piece of text (a search hit)."""
        pack = self.ctx.library.get(pack_id)
        if self.pack is None or pack.key != self.pack.key:
            self.close_session()
            self.pack, self.module = pack, None
            self._positions, self._left_at = {}, {}
            self.course_title.setText(pack.title)
        states = self.refresh_outline()
        if module_id is None:
            module_id = self.module.id if self.module is not None else start_module(pack, states)
        index = self.outline_model.row_of(module_id)
        self.open_module(max(0, index), exercise_id=exercise_id)
        if find_text and not exercise_id and hasattr(self.view, "show_text"):
            self.view.show_text(find_text)

    def refresh_outline(self) -> dict[str, Any]:
        """Read the learner's marks for the outline now (opening a course needs them)."""
        user = self.ctx.user
        if self.pack is None or user is None:
            return {}
        states, best, sitting = _outline_data(self.ctx, user.id, self.pack)
        self._show_outline(self.pack, states, best, sitting)
        return states

    def _show_outline(self, pack: Any, states: dict[str, Any], best: dict[str, float],
                      sitting: Any) -> None:
        if pack is not self.pack:
            return  # another course was opened meanwhile
        self._positions = {m: s.position for m, s in states.items()}
        rows = outline_rows(pack, states, best, sitting)
        if rows != self.outline_model.rows():  # a save that changed no mark repaints nothing
            self.outline_model.set_rows(rows)
        if self.module is not None:
            current = self.outline_model.index(self.outline_model.row_of(self.module.id), 0)
            if current != self.outline.currentIndex():
                self.outline.setCurrentIndex(current)

    def _refresh_in_background(self) -> None:
        """The same, read by a worker: after each answer or save the GUI thread only compares
        the rows (reading them took it 10 to 25 ms, more on a busy machine)."""
        user, pack = self.ctx.user, self.pack
        if pack is None or user is None:
            return
        run_work(self, self.ctx, lambda _p: _outline_data(self.ctx, user.id, pack),
                 show_progress=False,
                 on_success=lambda data: self._show_outline(pack, *data)
                 if self.ctx.user is not None and self.ctx.user.id == user.id else None)

    def open_module(self, index: int, exercise_id: str | None = None) -> None:
        """Replace the module on the right; the previous one is saved first."""
        if self.pack is None or not 0 <= index < len(self.pack.modules) or self.ctx.user is None:
            return
        module = self.pack.modules[index]
        if self.module is not None and module.id == self.module.id and self.view is not None:
            if exercise_id and hasattr(self.view, "show_exercise"):
                self.view.show_exercise(exercise_id)
            return
        if not self._may_leave():
            self.outline.setCurrentIndex(
                self.outline_model.index(self.outline_model.row_of(self.module.id), 0))
            return
        self._run_deferred()  # what the last opening held back, if it never painted
        self._leave_module()
        self.module = module
        size = self.font_size()
        self.view = build_module_view(self.ctx, self.pack, module, index, size,
                                      stylesheet(self, self.ctx.settings.get("theme"), size))
        self.view.navigate.connect(self.step)
        self.content_layout.addWidget(self.view)
        scroll = getattr(self.view, "scroll", None)  # (QWidget.scroll is a method)
        if isinstance(scroll, QWidget) and self.isVisible():
            scroll.setFocus()  # Space, Page Up/Down and arrows scroll the lesson at once
        self.outline.setCurrentIndex(self.outline_model.index(index, 0))
        self._restore_position(module, exercise_id)
        session = self.session = StudySession(self.ctx, self.ctx.user.id, self.pack, module,
                                              self.view, lambda: module_status(self.view), self)
        # marks the module "in progress" and remembers it as the last place, once it is on
        # screen (closing the session first saves the same)
        self._later(lambda: QTimer.singleShot(REFRESH_DELAY_MS, session, session.flush))
        self._save_when_done(self.view)
        if self.isVisible():
            self.session.start()
        pack = self.pack  # every other module then opens from the cache, the next one first
        self._later(lambda: prefetch_course(self.ctx, pack, index))
        after = getattr(self.view, "after_first_paint", None)
        if callable(after):
            after(self._run_deferred)
        else:
            QTimer.singleShot(0, self, self._run_deferred)

    def _later(self, work: Any) -> None:
        """Hold ``work`` until the module being opened has painted (or the next opening)."""
        self._deferred.append(work)

    def _run_deferred(self) -> None:
        work, self._deferred = self._deferred, []
        for item in work:
            item()

    def _leave_module(self) -> None:
        """Stop the session of the module left and take the view off the page; saving it and
        destroying the view wait for the next paint (destroying a long lesson costs as much as
        building one, and a commit 5 to 25 ms)."""
        self._suspend_view()
        session, view, self.session = self.session, self.view, None
        if session is not None:
            progress = session.stop()
            if progress is not None and progress.position is not None:
                self._left_at[progress.module_id] = progress.position
            self._later(lambda: _save_and_drop(session, progress))
        if view is not None:
            view.hide()
            self.content_layout.removeWidget(view)
            self._later(lambda: QTimer.singleShot(DISPOSE_DELAY_MS, view, lambda: _dispose(view)))

    def _save_when_done(self, view: QWidget) -> None:
        """Save the moment a sitting is handed in (passed or not) or the last exercise is
        answered, so the outline says so at once (not at the next periodic save)."""
        finished = getattr(view, "finished", None)
        recorder = getattr(view, "recorder", None)
        if finished is not None:
            finished.connect(lambda *_: self._flush_if_done(view, always=True))
        if recorder is not None:
            recorder.graded.connect(lambda *_: self._flush_if_done(view))

    def _flush_if_done(self, view: QWidget, always: bool = False) -> None:
        if self.session is not None and view is self.view and (
                always or module_status(view) == "completed"):
            self.session.flush()

    def _may_leave(self) -> bool:
        return self.may_leave("module")

    def may_leave(self, action: str) -> bool:
        """Before leaving the module, signing out or quitting with an assessment sitting open,
        the sitting asks (its answers are kept; the clock does what the pack says)."""
        ask = getattr(self.view, "may_leave", None)
        return not callable(ask) or bool(ask(action))

    def _suspend_view(self) -> None:
        """The open module is going away: an open sitting saves its time first."""
        suspend = getattr(self.view, "suspend", None)
        if callable(suspend):
            suspend()

    def _restore_position(self, module: Any, exercise_id: str | None) -> None:
        """Scroll to the exercise asked for, else where the learner left the module (known
        without a query: the outline's last read, or the module left in this visit)."""
        if exercise_id:
            self.view.show_exercise(exercise_id)
            return
        position = self._left_at.get(module.id, self._positions.get(module.id))
        if isinstance(position, dict) and hasattr(self.view, "set_fraction"):
            self.view.set_fraction(float(position.get("scroll", 0.0)))

    def step(self, delta: int) -> None:
        if self.pack is None or self.module is None:
            return
        index = self.outline_model.row_of(self.module.id) + delta
        if 0 <= index < len(self.pack.modules):
            self.open_module(index)

    # --- zoom ---------------------------------------------------------------------------------

    def font_size(self) -> int:
        return clamp_font_size(self.ctx.settings.get("lesson_font_size"))

    def zoom(self, step: int) -> None:
        """Ctrl+ / Ctrl− change the lesson text size, Ctrl+0 resets it; remembered in settings."""
        size = DEFAULT_FONT_SIZE if step == 0 else clamp_font_size(self.font_size() + step)
        self.ctx.set_setting("lesson_font_size", size)
        apply_learner_style(self, size)
        if self.view is not None and hasattr(self.view, "apply_font_size"):
            self.view.apply_font_size(size, stylesheet(self, self.ctx.settings.get("theme"), size))

    # --- saving -------------------------------------------------------------------------------

    def close_session(self) -> None:
        """Save the open module now (sign-out, quit, another course): nothing waits for a paint."""
        self._run_deferred()
        self._suspend_view()
        if self.session is not None:
            self.session.close()
            self.session = None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.session is not None:
            self.session.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        if self.session is not None:
            self.session.pause()
        super().hideEvent(event)

    def _on_user_changed(self, user: Any) -> None:
        self.close_session()
        if self.view is not None:  # kept by the page until its slices are destroyed
            self.view.hide()
            self.content_layout.removeWidget(self.view)
            _dispose(self.view)
        self.view = self.module = self.pack = None
        self._positions, self._left_at = {}, {}
        self.outline_model.set_rows([])

    def _on_data_changed(self, what: str) -> None:
        """Progress saved: refresh the outline's marks once the event loop is free (opening a
        module saves twice, and the new module paints first)."""
        if what in (ATTEMPTS, PROGRESS) and self.pack is not None and not self._refresh_due:
            self._refresh_due = True
            QTimer.singleShot(REFRESH_DELAY_MS, self, self._refresh_if_due)

    def _refresh_if_due(self) -> None:
        self._refresh_due = False
        if self.pack is not None and self.isVisible():
            self._refresh_in_background()


def _dispose(view: QWidget) -> None:
    """Destroy a module view taken off the page: a lesson a slice per turn of the event loop
    (a long one held the window for 40–80 ms in one go), anything else at once."""
    dispose = getattr(view, "dispose", None)
    if callable(dispose):
        dispose()
    else:
        view.deleteLater()


def _save_and_drop(session: StudySession, progress: Any) -> None:
    session.save(progress)
    session.deleteLater()  # a session is done once its module is left and saved


def _outline_data(ctx: AppContext, learner_id: int, pack: Any) -> tuple[Any, Any, Any]:
    """Lesson states, best scores and the best final sitting: what the outline marks show."""
    from trainer.store.progress import best_scores, lesson_states

    return (lesson_states(ctx.db, learner_id, pack.id), best_scores(ctx.db, learner_id, pack.id),
            best_sitting(ctx, learner_id, pack))


def best_sitting(ctx: AppContext, learner_id: int, pack: Any) -> Any:
    """The learner's best final-assessment sitting (analytics), or None."""
    if not any(m.kind == "assessment" for m in pack.modules):
        return None
    from trainer.analytics.assessment import assessment_result

    return assessment_result(ctx.db, learner_id, pack)


