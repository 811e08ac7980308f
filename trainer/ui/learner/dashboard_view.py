"""Puts a ``DashboardData`` on the "My progress" page: texts, tiles, charts and panels.

Every visible string is translated here (context "DashboardPage"), so the chart functions only
receive ready labels.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject
from PySide6.QtGui import QPalette

from trainer.ui.learner.dashboard_charts import Series, draw_calendar, draw_radar
from trainer.ui.learner.dashboard_data import DashboardData

translate = QCoreApplication.translate


class DashboardPlurals(QObject):
    """Texts with a count: pyside6-lupdate keeps plural forms only for ``self.tr(text, "", n)``
    (a ``translate(ctx, text, None, n)`` becomes a plain message: "answer(s)" in English)."""

    def minutes(self, n: int) -> str:
        return self.tr("%n min", "", n)

    def answers(self, n: int) -> str:
        return self.tr("%1: %n answer(s)", "", n)


_plurals: list[DashboardPlurals] = []


def plurals() -> DashboardPlurals:
    if not _plurals:
        _plurals.append(DashboardPlurals())
    return _plurals[0]


def fill_in(text: str, *values: object) -> str:
    """Replace %1, %2 … (highest first, so %1 never eats the start of %10)."""
    for index in range(len(values), 0, -1):
        text = text.replace(f"%{index}", str(values[index - 1]))
    return text


def duration(seconds: int) -> str:
    """“3 h 05 min” / “3 小时 5 分钟”, or minutes alone under an hour."""
    minutes = round(seconds / 60)
    if minutes < 60:
        return plurals().minutes(minutes)
    text = translate("DashboardPage", "%1 h %2 min")
    return text.replace("%1", str(minutes // 60)).replace("%2", str(minutes % 60))


def day_text(day: date) -> str:
    return QLocale().toString(day, QLocale.FormatType.ShortFormat)


def fill(page: Any, user: Any, data: DashboardData) -> None:
    """Everything on the page, from one set of figures."""
    department = user.department or translate("DashboardPage", "no department")
    page.subtitle.setText(f"{user.name} · {user.employee_no} · {department}")
    _fill_roles(page, data)
    _fill_tiles(page, data)
    draw_radar_chart(page, data)
    _fill_courses(page, data)
    draw_completion(page, data)
    draw_activity(page, data)
    page.advice.show_advice(data.recommendations, data.framework, data.titles,
                            role_chosen=data.role_id is not None, empty_text=advice_note(data))
    packs = {p.id: p for p in data.packs}
    page.retry.show_items(data.wrong, packs)
    page.retry_empty.setVisible(not data.wrong)
    page.certificates.show_passed(passed_courses(data))


def advice_note(data: DashboardData) -> str | None:
    """Why there is no advice for a learner who has answered (None: they have not yet)."""
    if data.framework is None or not any(s.score is not None for s in data.scores.values()):
        return None
    from trainer.analytics.recommend import weakest_gaps

    if not weakest_gaps(data.framework, data.scores):
        top = data.framework.levels[-1].name if data.framework.levels else ""
        return translate("DashboardPage", "Every competency is at the top level (%1). Next: take "
                         "the final assessment if you have not passed it yet, or go over the "
                         "answers you got wrong.").replace("%1", top)
    return translate("DashboardPage", "You have mastered every exercise that trains your weaker "
                     "areas. Next: take the final assessment, or go over the answers you got "
                     "wrong.")


def clear(page: Any) -> None:
    """Nobody's figures: after signing out, or when the records cannot be read."""
    for tile in page.tiles:
        tile.set("–", "")
    page.radar.set_draw(None)
    page.calendar.set_draw(None)
    page.activity_note.setText("")
    page.completion.show_rows("", "", [], dark=_is_dark(page))
    page.advice.show_advice([], None, {}, role_chosen=False)
    page.retry.show_items([], {})
    page.retry_empty.setVisible(False)
    page.certificates.show_passed([])


def _fill_roles(page: Any, data: DashboardData) -> None:
    box = page.role_box
    box.blockSignals(True)
    box.clear()
    box.addItem(translate("DashboardPage", "None (show my weakest areas)"), None)
    if data.framework is not None:
        for role in data.framework.roles:
            box.addItem(role.title, role.id)
    index = box.findData(data.role_id) if data.role_id else 0
    box.setCurrentIndex(max(index, 0))
    box.blockSignals(False)


def _fill_tiles(page: Any, data: DashboardData) -> None:
    done = sum(1 for c in data.courses if c.percent >= 100)
    passed = sum(1 for r in data.assessments.values() if r.passed)
    figures = [
        (duration(data.seconds), translate("DashboardPage", "study time")),
        (str(data.answers_since(7)), translate("DashboardPage", "answers in the last 7 days")),
        (f"{done}/{len(data.courses)}", translate("DashboardPage", "courses completed")),
        (str(passed), translate("DashboardPage", "final assessments passed")),
        (f"{data.credit_hours.normalize():f}",
         translate("DashboardPage", "credit hours (学时) in %1").replace("%1", str(data.credit_year))),
    ]
    for tile, (value, caption) in zip(page.tiles, figures, strict=True):
        tile.set(value, caption)


def draw_radar_chart(page: Any, data: DashboardData) -> None:
    framework = data.framework
    if framework is None:
        page.radar.set_draw(lambda *a: None)
        return
    ids = [c.id for c in framework.competencies]
    labels = [c.title for c in framework.competencies]
    mine = tuple(data.scores[c].score if c in data.scores else None for c in ids)
    own = page.own() if hasattr(page, "own") else True
    me = translate("DashboardPage", "Me") if own else page.ctx.user.name
    series = [Series(me, mine, "me")]
    if data.targets:
        role = framework.role(data.role_id) if data.role_id else None
        name = (translate("DashboardPage", "Target: %1").replace("%1", role.title) if role
                else translate("DashboardPage", "Target"))
        series.append(Series(name, tuple(data.targets.get(c) for c in ids), "target"))
    if data.department_mean:
        group = (translate("DashboardPage", "My department's average") if own
                 else translate("DashboardPage", "Department average"))
        series.append(Series(group, tuple(data.department_mean.get(c) for c in ids), "group"))
    rings = [(level.min, level.name) for level in framework.levels if level.min > 0]
    page.radar.set_draw(partial(draw_radar, labels=labels, series=series, rings=rings,
                                no_data=translate("DashboardPage", "no answers yet")))


def _fill_courses(page: Any, data: DashboardData) -> None:
    box = page.course_box
    current = box.currentData()
    box.blockSignals(True)
    box.clear()
    for course in data.courses:
        box.addItem(f"{course.title} — {course.percent:.0f}%", course.pack_id)
    index = box.findData(current) if current is not None else -1
    if index < 0:  # first time: the course studied last, not simply the first in the library
        index = box.findData(data.recent_pack) if data.recent_pack is not None else -1
    box.setCurrentIndex(index if index >= 0 else 0)
    box.setVisible(len(data.courses) > 1)
    box.blockSignals(False)


def draw_completion(page: Any, data: DashboardData) -> None:
    """Module rows of the course chosen above the list (a passed assessment counts complete)."""
    chosen = page.course_box.currentData()
    course = next((c for c in data.courses if c.pack_id == chosen),
                  data.courses[0] if data.courses else None)
    if course is None:
        page.completion.show_rows("", translate(
            "DashboardPage", "Open a course in the library to start; your progress appears "
                             "here."), [], dark=_is_dark(page))
        return
    names = {"completed": translate("DashboardPage", "completed"),
             "in_progress": translate("DashboardPage", "in progress"),
             "not_started": translate("DashboardPage", "not started"),
             "failed": translate("DashboardPage", "not passed")}
    passed = data.assessments.get(course.pack_id)
    rows = []
    for module in course.modules:
        if module.kind == "reference":
            continue
        status = module.status  # analytics' shown status: a final not passed is "failed"
        if status == "failed" and passed is not None:
            percent = passed.score  # its best sitting, never a green 100 %
        elif status == "completed" or (passed is not None and passed.passed
                                       and passed.module_id == module.module_id):
            status, percent = "completed", 100.0
        else:
            percent = 100.0 * module.answered / module.exercises if module.exercises else 0.0
            status = "in_progress" if module.answered and status == "not_started" else status
        note = fill_in(translate("DashboardPage", "%1 of %2 exercises answered, %3 of study"),
                       module.answered, module.exercises, duration(module.seconds))
        rows.append((module.module_id, module.title, percent, status, names[status], note))
    title = fill_in(translate("DashboardPage", "%1 — %2% complete"), course.title,
                    f"{course.percent:.0f}")
    page.completion.show_rows(course.pack_id, title, rows, dark=_is_dark(page))


def draw_activity(page: Any, data: DashboardData) -> None:
    locale = QLocale()
    weekdays = [locale.dayName(d, QLocale.FormatType.ShortFormat) for d in range(1, 8)]
    months = [locale.monthName(m, QLocale.FormatType.ShortFormat) for m in range(1, 13)]

    def describe(day: date, count: int) -> str:
        text = plurals().answers(count)
        return text.replace("%1", day_text(day))

    page.calendar.set_draw(partial(draw_calendar, activity=data.activity, today=data.today,
                                   weeks=26, weekday_names=weekdays, month_names=months,
                                   describe=describe))
    active_days = sum(1 for n in data.activity.values() if n)
    page.activity_note.setText(
        translate("DashboardPage",
                  "%1 answers on %2 days in the last 26 weeks; %3 of study in all.")
        .replace("%1", str(data.answers)).replace("%2", str(active_days))
        .replace("%3", duration(data.seconds)))


def passed_courses(data: DashboardData) -> list[tuple[str, str, str]]:
    rows = []
    titles = {c.pack_id: c.title for c in data.courses}
    for pack_id, result in data.assessments.items():
        if result.passed:
            when = day_text(result.finished_at.astimezone().date())
            detail = fill_in(translate("DashboardPage", "Passed on %1 with %2 points"), when,
                             f"{result.score:.0f}")
            rows.append((pack_id, titles.get(pack_id, pack_id), detail))
    return rows



def _is_dark(page: Any) -> bool:
    return page.palette().color(QPalette.ColorRole.Window).lightness() < 128
