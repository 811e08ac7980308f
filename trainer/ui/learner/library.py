"""The library: course cards, "continue where I left off", and importing a pack (menu or drop).

Importing is offered to trainers and administrators only; the service (``install_pack``)
refuses anyone else and audits every install, whichever screen asked.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.common.context import ATTEMPTS, PACKS, PROGRESS, AppContext
from trainer.ui.common.language import current_language
from trainer.ui.common.plain import plain_label
from trainer.ui.common.work import run_work
from trainer.ui.learner.cards import CourseCard, course_progress
from trainer.ui.learner.problems_dialog import show_import_failure
from trainer.ui.learner.review_panel import ReviewPanel
from trainer.ui.learner.style import apply_learner_style
from trainer.ui.learner.tasks_panel import TasksPanel
from trainer.ui.learner.warmup import prefetch_module, prefetch_starts

log = logging.getLogger(__name__)
COLUMNS = 2


class LibraryPage(QWidget):
    """Bundled and installed courses as cards; refreshes when packs or progress change."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.packs: list[Any] = []
        self.cards: dict[str, CourseCard] = {}
        self.resume: Any = None
        self._stale = True
        self.setObjectName("LibraryPage")
        self.setAcceptDrops(True)
        apply_learner_style(self)
        scroll = self.scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._build_column())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        ctx.dataChanged.connect(self._on_data_changed)
        ctx.userChanged.connect(self._on_user_changed)
        self.retranslate()
        self._show_rights()
        from trainer.ui.common.readonly import block_when_read_only

        block_when_read_only(ctx, self.import_button, self)

    def _build_column(self) -> QWidget:
        """Heading with the import button, notices, "continue", the cards and the drop hint."""
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.choose_and_import)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.import_button)
        self.resume_box = self._build_resume()
        self.review_panel = ReviewPanel(self.ctx)  # 今日复习, 每日一练, 错题本
        self.status = _label("subtitle")
        self.notice = _label("notice")
        self.notice.hide()
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        for column in range(COLUMNS):
            self.grid.setColumnStretch(column, 1)  # cards of equal width
        self.drop_hint = _label("hint")
        self.tasks = TasksPanel()  # 我的学习任务, above everything else
        self.tasks.openRequested.connect(self.open_course)
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(16)
        layout.addLayout(header)
        for widget in (self.tasks, self.notice, self.resume_box, self.review_panel, self.status):
            layout.addWidget(widget)
        layout.addLayout(self.grid)
        layout.addWidget(self.drop_hint)
        layout.addStretch(1)
        return column

    def _build_resume(self) -> QFrame:
        box = QFrame()
        box.setObjectName("courseCard")
        self.resume_label = QLabel()
        self.resume_label.setWordWrap(True)
        self.resume_label.setObjectName("cardTitle")
        self.resume_detail = plain_label()
        self.resume_detail.setObjectName("cardMeta")
        self.resume_detail.setWordWrap(True)
        self.resume_button = QPushButton()
        self.resume_button.setObjectName("primary")
        self.resume_button.clicked.connect(self.continue_learning)
        text = QVBoxLayout()
        text.addWidget(self.resume_label)
        text.addWidget(self.resume_detail)
        row = QHBoxLayout(box)
        row.setContentsMargins(20, 16, 20, 16)
        row.addLayout(text, 1)
        row.addWidget(self.resume_button, 0, Qt.AlignmentFlag.AlignVCenter)
        box.hide()
        return box

    def retranslate(self) -> None:
        self.title.setText(self.tr("Courses"))
        self.scroll.setAccessibleName(self.title.text())  # the page scrolls as one: its title
        self.import_button.setText(self.tr("Import course pack…"))
        self.resume_label.setText(self.tr("Continue where you left off"))
        self.resume_button.setText(self.tr("Continue"))
        self.drop_hint.setText(self.tr("You can also drag a course pack (.zip file or folder) "
                                       "onto this window to import it."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._mark_stale()
        super().changeEvent(event)

    # --- data ---------------------------------------------------------------------------------

    def on_shown(self) -> None:
        if self._stale:
            self.reload()

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def _on_user_changed(self, _user: Any) -> None:
        self._show_rights()
        self._mark_stale()

    def may_import(self) -> bool:
        """Whether the signed-in person may install packs (the service checks again)."""
        if self.ctx.user is None:
            return False
        from trainer.analytics.install import may_install

        return may_install(self.ctx.user)

    def _show_rights(self) -> None:
        allowed = self.may_import()
        self.import_button.setVisible(allowed)
        self.drop_hint.setVisible(allowed)

    def _on_data_changed(self, what: str) -> None:
        if what in (PACKS, PROGRESS, ATTEMPTS):
            self._mark_stale()

    def reload(self) -> None:
        """Load the packs off the GUI thread (the first time parses every module), then draw."""
        self._stale = False
        if not self.packs:
            self.status.setText(self.tr("Loading courses…"))
            self.status.show()
        run_work(self, self.ctx, lambda _p: self.ctx.library.packs(), show_progress=False,
                 on_success=self._show_packs)

    def _show_packs(self, packs: list[Any]) -> None:
        from trainer.analytics.assessment import assessment_result
        from trainer.analytics.credits import course_hours, current_rule
        from trainer.store.progress import last_position, lesson_states

        self.packs = interface_language_first(packs)
        user = self.ctx.user
        states = {p.id: lesson_states(self.ctx.db, user.id, p.id) if user else {} for p in packs}
        sittings = {p.id: assessment_result(self.ctx.db, user.id, p)
                    for p in packs if user is not None and states[p.id]}
        self._show_resume(last_position(self.ctx.db, user.id) if user else None)
        if user is not None:  # a course then opens from the Markdown cache
            prefetch_starts(self.ctx, self.packs, states)
        self.review_panel.show_for(self.packs)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.cards.clear()
        rule = current_rule(self.ctx.db)  # each course's 学时 under the organisation's rule
        for index, pack in enumerate(self.packs):
            card = CourseCard(pack, course_progress(pack, states[pack.id], sittings.get(pack.id)),
                              course_hours(rule, pack))
            card.opened.connect(self.open_course)
            self.cards[pack.id] = card
            self.grid.addWidget(card, index // COLUMNS, index % COLUMNS)
        self.status.setText(self.tr("No courses yet. Import a course pack to begin.")
                            if self.may_import() else
                            self.tr("No courses yet. Ask a trainer to install a course pack."))
        self.status.setVisible(not self.packs)
        self.tasks.refresh(self.ctx, self.packs, self.cards)

    def _show_resume(self, state: Any) -> None:
        pack = next((p for p in self.packs if state and p.id == state.pack_id), None)
        module = None
        if pack is not None:
            module = next((m for m in pack.modules if m.id == state.module_id), None)
        self.resume = state if module is not None else None
        if module is not None and pack is not None:
            self.resume_detail.setText(f"{pack.title}  ·  {module.title}")
            prefetch_module(self.ctx, pack, module)  # "Continue" then opens from the cache
        self.resume_box.setVisible(self.resume is not None)

    def open_course(self, pack_id: str) -> None:
        self.ctx.request_page("reader", pack_id)

    def continue_learning(self) -> None:
        if self.resume is not None:
            self.ctx.request_page("reader", (self.resume.pack_id, self.resume.module_id))

    # --- import -------------------------------------------------------------------------------

    def choose_and_import(self) -> None:
        if not self.may_import():
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import a course pack"), str(Path.home()),
            self.tr("Course packs (*.zip);;All files (*)"))
        if path:
            self.import_pack(Path(path))

    def import_pack(self, path: Path) -> Any:
        """Validate and install off the GUI thread; problems are listed with file and line."""
        if self.ctx.read_only:  # said before any work (a dropped file), not after it failed
            from trainer.ui.common.readonly import cannot_save_tip

            self.notice.setText(cannot_save_tip())
            self.notice.show()
            return None
        return run_work(self, self.ctx, lambda _p: self._install(path),
                        title=self.tr("Importing %1…").replace("%1", path.name), changes=PACKS,
                        on_success=self._imported, on_failure=lambda exc: show_import_failure(
                            self, path, exc))

    def _install(self, path: Path) -> Any:
        """Install as the signed-in user (checked, audited, and the new version's weights
        registered with HR's summaries), inside the same progress dialog."""
        from trainer.analytics.install import install_pack

        return install_pack(self.ctx.db, self.ctx.library, path, actor=self.ctx.user)

    def _imported(self, result: Any) -> None:
        pack = getattr(result, "pack", result)
        self.notice.setText(self.tr("Imported: %1").replace("%1", pack.title))
        self.notice.show()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.may_import() and _dropped_pack(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = _dropped_pack(event) if self.may_import() else None
        if path is not None:
            event.acceptProposedAction()
            self.import_pack(path)


def interface_language_first(packs: list[Any]) -> list[Any]:
    """Courses in the interface language first, then the others (each group in library order)."""
    language = current_language()[:2]
    return sorted(packs, key=lambda p: not str(p.language).lower().startswith(language))


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _dropped_pack(event: Any) -> Path | None:
    """The one local .zip file or folder being dropped, else None."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.is_dir() or path.suffix.lower() == ".zip" else None
