"""“我的进度 / My progress”: the signed-in learner's competencies, completion, activity, advice,
exercises to retry and certificates.

Numbers come from ``trainer.analytics`` (through ``dashboard_data``), charts from
``trainer.ui.common.charts``; this module only lays them out and reacts to clicks. The page is
built the first time it is shown; matplotlib was preloaded in the background by then.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer.errors import TrainerError
from trainer.ui.common.charts import ChartView
from trainer.ui.common.context import LEARNERS, AppContext
from trainer.ui.common.errors import present_error
from trainer.ui.common.wheel import guard_wheel
from trainer.ui.common.work import run_work
from trainer.ui.learner import dashboard_view as view
from trainer.ui.learner.dashboard_data import DashboardData, default_role, load_dashboard
from trainer.ui.learner.dashboard_panels import (
    CertificatesPanel,
    CompletionList,
    RecommendationsPanel,
    RetryTable,
    Tile,
)
from trainer.ui.learner.dashboard_prefetch import take
from trainer.ui.learner.tasks_panel import TasksPanel

log = logging.getLogger(__name__)
WEEKS = 26


class DashboardPage(QWidget):
    """The learner's progress page; reloads when shown after their records changed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: DashboardData | None = None
        self._stale = True
        self._roles: dict[int, str | None] = {}  # learner id → role profile chosen here
        self._build()
        ctx.dataChanged.connect(self._on_data_changed)
        ctx.userChanged.connect(lambda _user: self._on_data_changed("user"))
        self.reload()

    # --- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("PageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("PageSubtitle")
        self.role_label = QLabel()
        self.role_box = guard_wheel(QComboBox())
        self.role_box.currentIndexChanged.connect(self._on_role_chosen)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        head.addWidget(self.role_label)
        head.addWidget(self.role_box)
        self.tiles = [Tile() for _ in range(5)]  # the last: 学时 earned this year
        tiles = QHBoxLayout()
        for tile in self.tiles:
            tiles.addWidget(tile)
        self.radar = ChartView(name="competencies", height=4.2)
        self.completion = CompletionList()
        self.completion.openRequested.connect(
            lambda p, m: self.ctx.request_page("reader", (p, m)))
        self.calendar = ChartView(name="activity", height=1.7)
        self.course_box = guard_wheel(QComboBox())
        self.course_box.currentIndexChanged.connect(lambda _i: self._draw_completion())
        self.advice = RecommendationsPanel()
        self.advice.openRequested.connect(self._open_exercise)
        self.retry = RetryTable()
        self.retry.retryRequested.connect(lambda p, e: self.ctx.request_page("exercise", (p, e)))
        self.retry_empty = QLabel()
        self.certificates = CertificatesPanel()
        self.certificates.saveRequested.connect(self._save_certificate)
        self.certificates.verifyRequested.connect(self._verify_certificate)
        self.groups = {key: QGroupBox() for key in
                       ("radar", "advice", "completion", "activity", "retry", "certificates")}
        self._fill_groups()
        grid = QGridLayout()
        grid.addWidget(self.groups["radar"], 0, 0)
        grid.addWidget(self.groups["advice"], 0, 1)
        grid.addWidget(self.groups["completion"], 1, 0)
        grid.addWidget(self.groups["activity"], 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(head)
        self.tasks = TasksPanel()  # 我的学习任务
        self.tasks.openRequested.connect(lambda p: self.ctx.request_page("reader", p))
        layout.addWidget(self.tasks)
        layout.addLayout(tiles)
        from trainer.ui.learner.review_panel import ReviewPanel

        self.review_panel = ReviewPanel(self.ctx, calendar=True)  # streak and days practised
        layout.addWidget(self.review_panel)
        layout.addLayout(grid)
        layout.addWidget(self.groups["retry"])
        layout.addWidget(self.groups["certificates"])
        layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    def _fill_groups(self) -> None:
        parts: dict[str, list[QWidget]] = {
            "radar": [self.radar], "advice": [self.advice],
            "completion": [self.course_box, self.completion], "activity": [self.calendar],
            "retry": [self.retry_empty, self.retry], "certificates": [self.certificates]}
        for key, widgets in parts.items():
            box = QVBoxLayout(self.groups[key])
            for widget in widgets:
                box.addWidget(widget)
            if key == "activity":
                self.activity_note = QLabel()
                self.activity_note.setWordWrap(True)
                box.addWidget(self.activity_note)
                box.addStretch(1)

    def own(self) -> bool:
        """Whether the page shows the viewer's own progress; HR opening a learner's progress
        (a context with a ``viewer`` other than its ``user``) sees that learner named."""
        viewer = getattr(self.ctx, "viewer", self.ctx.user)
        user = self.ctx.user
        return user is None or getattr(viewer, "id", None) == getattr(user, "id", None)

    def retranslate(self) -> None:
        user = self.ctx.user
        self.title.setText(self.tr("My progress") if self.own() else
                           self.tr("Progress of %1").replace("%1", user.name))
        self.scroll.setAccessibleName(self.title.text())  # the page scrolls as one: its title
        self.role_label.setText(self.tr("Compare with the role:"))
        for key, text in (("radar", self.tr("Competencies")),
                          ("advice", self.tr("What to study next")),
                          ("completion", self.tr("Course completion")),
                          ("activity", self.tr("Activity")),
                          ("retry", self.tr("Exercises to retry")),
                          ("certificates", self.tr("Certificates"))):
            self.groups[key].setTitle(text)
        self.retry_empty.setText(
            self.tr("No wrong answers waiting: every exercise you answered is mastered.")
            if self.own() else self.tr("No wrong answers waiting: every exercise %1 answered is "
                                       "mastered.").replace("%1", user.name))

    # --- data --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the learner's figures again and redraw everything."""
        self.retranslate()
        user = self.ctx.user
        self._stale = False
        if user is None:
            self.data = None
            self.subtitle.setText(self.tr("Sign in to see your progress."))
            view.clear(self)  # never leave the last learner's figures on screen
            self.review_panel.hide()
            self.tasks.show_tasks(None)
            return
        packs = self.ctx.library.packs()
        language = str(QLocale().name())
        if user.id not in self._roles:
            from trainer.ui.learner.dashboard_data import display_framework

            self._roles[user.id] = default_role(user, display_framework(packs, language))
        early = take(self.ctx, user.id, self._roles[user.id], language)  # gathered meanwhile
        try:
            self.data = early.data if early is not None else load_dashboard(
                self.ctx.db, user, packs, role_id=self._roles[user.id], language=language)
        except TrainerError as exc:  # e.g. the database server went away: say so, keep the page
            self.data = None
            self.subtitle.setText(
                self.tr("Your progress cannot be read right now.") if self.own() else
                self.tr("The progress of %1 cannot be read right now.").replace("%1", user.name))
            view.clear(self)
            present_error(self, exc)
            return
        view.fill(self, user, self.data)
        self.review_panel.show_for(packs, own=self.own(),
                                   overview=early.overview if early is not None else None)
        self.tasks.refresh(self.ctx, packs,
                           learner_name=None if self.own() else self.ctx.user.name,
                           **({"tasks": early.tasks} if early is not None else {}))

    def on_shown(self) -> None:
        if self._stale:
            self.reload()

    def _on_data_changed(self, _what: str) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def _on_role_chosen(self, index: int) -> None:
        user = self.ctx.user
        if index < 0 or user is None or self.role_box.signalsBlocked():
            return
        role = self.role_box.itemData(index)
        self._roles[user.id] = role
        if (not isinstance(self.ctx, AppContext) or getattr(user, "job_role", None) == role
                or self.ctx.read_only):  # nothing can be saved: compare, keep the profile
            self.reload()  # e.g. HR looking at someone's dashboard: compare, change nothing
            return
        from trainer.store.learners import update_learner

        def save(_progress: Any) -> Any:  # the learner's own profile, like their name
            return update_learner(self.ctx.db, user.id, actor=user, job_role=role)

        run_work(self, self.ctx, save, changes=LEARNERS, on_success=self.ctx.set_user,
                 show_progress=False)  # userChanged then reloads the page

    def _draw_completion(self) -> None:
        if self.data is not None:
            view.draw_completion(self, self.data)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self.data is not None:
            self.reload()
        elif event.type() == QEvent.Type.PaletteChange and self.data is not None:
            self._draw_completion()  # its bar colours follow the theme; charts redraw themselves

    # --- actions -----------------------------------------------------------------------------

    def _open_exercise(self, pack_id: str, module_id: str, exercise_id: str) -> None:
        self.ctx.request_page("reader", (pack_id, module_id, exercise_id))

    def _save_certificate(self, pack_id: str) -> None:
        from trainer.ui.learner.certificate_dialog import save_certificate

        save_certificate(self, self.ctx, pack_id)

    def _verify_certificate(self) -> None:
        from trainer.ui.learner.certificate_dialog import VerifyDialog

        VerifyDialog(self.ctx, self).exec()

    def charts(self) -> list[ChartView]:
        return [self.radar, self.calendar]

    def figures(self) -> dict[str, Any]:
        """Chart name → matplotlib figure (tests and screenshots)."""
        return {chart.name: chart.figure for chart in self.charts()}
