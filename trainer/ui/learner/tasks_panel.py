"""我的学习任务 (my learning tasks): the top of the course library and of the dashboard.

Each current plan with the 学时 earned in its period against the requirement, and its
compulsory courses with deadline and status (overdue ones marked); the library's cards get a
必修 (with the deadline) or 选修 badge. The figures come from ``analytics.learner_tasks``
(one learner's rows, well under 50 ms), so the panel is filled on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.errors import TrainerError
from trainer.ui.common.plain import plain_label

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
OVERDUE_STYLE = "color: #c5221f; font-weight: 600;"
BADGE = "courseMark"
READ = object()  # ``refresh``: read the tasks now


def load_tasks(ctx: Any, packs: Sequence[Any]) -> Any:
    """The signed-in (or shown) learner's tasks, or None when there is nobody or no database."""
    from trainer.analytics.learner_tasks import learner_tasks

    user = ctx.user
    if user is None:
        return None
    try:
        return learner_tasks(ctx.db, user.id, packs, actor=getattr(ctx, "viewer", user))
    except TrainerError as exc:  # e.g. the server went away: the page works without the panel
        log.warning("My learning tasks not shown: %s", exc)
        return None


def hours(value: Any) -> str:
    """学时 as people write them: 50, 12.5, 0.25."""
    from trainer.store.plan_spec import hours_text

    return hours_text(value)


class TasksPanel(QFrame):
    """The learner's plans and compulsory courses; hidden when they are in no plan."""

    openRequested = Signal(str)  # pack id  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("courseCard")
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.title)
        layout.addLayout(self.body)
        self.tasks: Any = None
        self.learner_name: str | None = None  # set when HR sees someone else's tasks
        self.hide()

    def refresh(self, ctx: Any, packs: Sequence[Any],
                cards: Mapping[str, QWidget] | None = None,
                learner_name: str | None = None, *, tasks: Any = READ) -> Any:
        """Read and show the tasks; badge the library's ``cards``. Returns the tasks.
        ``learner_name``: HR looking at a learner's progress (the title names them);
        ``tasks``: already read (``load_tasks``, e.g. on a worker before the page opened)."""
        self.learner_name = learner_name
        self.tasks = load_tasks(ctx, packs) if tasks is READ else tasks
        self.show_tasks(self.tasks)
        if cards is not None:
            mark_cards(cards, self.tasks.marks if self.tasks is not None else {})
        return self.tasks

    def show_tasks(self, tasks: Any) -> None:
        while self.body.count():
            item = self.body.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
            elif item.layout() is not None:
                _clear(item.layout())
        self.title.setText(self.tr("My learning tasks") if self.learner_name is None else
                           self.tr("Learning tasks of %1").replace("%1", self.learner_name))
        if tasks is None or tasks.empty:
            self.hide()
            return
        year = QLabel(self.tr("学时 this year: %1").replace("%1", hours(tasks.year_hours)))
        year.setObjectName("cardMeta")
        self.body.addWidget(year)
        for spec, mine in tasks.plans:
            self._add_plan(spec, mine)
        self.show()

    def _add_plan(self, spec: Any, mine: Any) -> None:
        head = plain_label(f"{spec.name}  ·  {spec.starts_on} – {spec.ends_on}")
        head.setObjectName("cardTitle")
        self.body.addWidget(head)
        bar = QProgressBar()
        required = float(spec.required_hours) or 1.0
        bar.setRange(0, 100)
        bar.setValue(min(100, round(100 * float(mine.hours) / required)))
        bar.setTextVisible(False)
        bar.setFixedHeight(8)
        bar.setAccessibleName(self.tr("学时 of the plan"))
        self.body.addWidget(bar)
        summary = QLabel(self.tr("%1 of %2 学时 (compulsory %3, elective %4)")
                         .replace("%1", hours(mine.hours))
                         .replace("%2", hours(spec.required_hours))
                         .replace("%3", hours(mine.compulsory_hours))
                         .replace("%4", hours(mine.elective_hours)))
        summary.setObjectName("cardMeta")
        self.body.addWidget(summary)
        for course in mine.courses:
            self.body.addLayout(self._course_row(course))

    def _course_row(self, course: Any) -> QHBoxLayout:
        row = QHBoxLayout()
        name = plain_label(course.title)
        state = QLabel(status_text(course))
        state.setObjectName("taskStatus")
        if course.status == "overdue":
            state.setStyleSheet(OVERDUE_STYLE)
            name.setStyleSheet(OVERDUE_STYLE)
        button = QPushButton(self.tr("Open"))
        button.setAccessibleName(self.tr("Open %1").replace("%1", course.title))
        button.clicked.connect(lambda _c=False, p=course.pack_id: self.openRequested.emit(p))
        row.addWidget(QLabel(self.tr("Compulsory")))
        row.addWidget(name, 1)
        row.addWidget(state)
        row.addWidget(button)
        return row


def status_text(course: Any) -> str:
    """Done on …, due by …, or overdue since … (in the user's language)."""
    if course.status == "done":
        return translate("TasksPanel", "Done %1").replace("%1", str(course.done_on))
    if course.status == "overdue":
        return translate("TasksPanel", "Overdue: was due %1").replace("%1", str(course.deadline))
    if course.deadline is not None:
        return translate("TasksPanel", "Due by %1").replace("%1", str(course.deadline))
    return translate("TasksPanel", "To do")


def mark_text(mark: Any) -> str:
    if not mark.compulsory:
        return translate("TasksPanel", "Elective")
    if mark.deadline is None:
        return translate("TasksPanel", "Compulsory")
    return translate("TasksPanel", "Compulsory · due %1").replace("%1", str(mark.deadline))


def mark_cards(cards: Mapping[str, QWidget], marks: Mapping[str, Any]) -> None:
    """Put (or take away) the 必修 / 选修 badge at the top of each course card."""
    for pack_id, card in cards.items():
        badge = card.findChild(QLabel, BADGE)
        mark = marks.get(pack_id)
        if mark is None:
            if badge is not None:
                badge.hide()
            continue
        if badge is None:
            badge = QLabel(card)
            badge.setObjectName(BADGE)
            card.layout().insertWidget(0, badge)
        badge.setText(mark_text(mark))
        badge.setStyleSheet("font-weight: 600; color: #b3261e;" if mark.compulsory
                            else "font-weight: 600; color: #1a73e8;")
        badge.show()


def _clear(layout: Any) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
