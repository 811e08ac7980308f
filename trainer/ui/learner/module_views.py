"""Builds the right view for a module kind and wires it to grading and saving."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from trainer.ui.common.context import AppContext
from trainer.ui.common.work import run_work
from trainer.ui.learner.lesson import LessonView
from trainer.ui.learner.recorder import AttemptRecorder, last_responses
from trainer.ui.learner.rendering import renderer


def build_module_view(ctx: AppContext, pack: Any, module: Any, index: int, font_size: int,
                      style: str) -> QWidget:
    """A ``LessonView`` (lessons, cases, reference) or an ``AssessmentView``; both emit navigate."""
    render = renderer(pack, module)
    has_previous, has_next = index > 0, index < len(pack.modules) - 1
    if module.kind == "assessment":
        from trainer.analytics.sittings import resume
        from trainer.ui.learner.assessment import AssessmentView
        from trainer.ui.learner.course import best_sitting

        resumed = earlier = None
        if ctx.user is not None and not ctx.read_only:
            # first: a sitting left open continues, or is handed in if its time ran out
            resumed = resume(ctx.db, ctx.user.id, pack, module)
            earlier = best_sitting(ctx, ctx.user.id, pack)
        return AssessmentView(ctx, pack, module, render, has_previous=has_previous,
                              has_next=has_next, font_size=font_size, earlier=earlier,
                              resumed=resumed)
    view = LessonView(pack, module, render, style, has_previous=has_previous, has_next=has_next,
                      font_size=font_size, ctx=ctx)
    recorder = AttemptRecorder(ctx, pack, view)
    view.recorder = recorder
    view.on_card(recorder.attach)  # cards below the first screen come after its paint
    restore_answers(ctx, pack, view)
    return view


def restore_answers(ctx: AppContext, pack: Any, view: LessonView) -> None:
    """Show each exercise as last answered, graded again (grading is pure and quick).

    The history is read off the GUI thread, so the lesson paints first; answers appear a moment
    later, never over an answer the learner has started in the meantime."""
    if view.recorder is not None:
        view.recorder.graded.connect(lambda exercise_id, _g: view.answered.add(exercise_id))
    user = ctx.user
    if user is None or not view.exercise_ids:
        return
    view.restoring = True

    def start() -> None:
        job = run_work(view, ctx, lambda _p: last_responses(ctx, user.id, pack.id),
                       show_progress=False,
                       on_success=lambda latest: _apply(view, latest) if isValid(view) else None)
        job.finished.connect(lambda: setattr(view, "restoring", False) if isValid(view) else None)

    view.after_first_paint(start)


def _apply(view: LessonView, latest: dict[str, Any]) -> None:
    """Earlier answers onto the cards built so far, and onto the rest as they are built (a
    long lesson builds its cards below the first screen a slice at a time)."""
    view.answered.update(e for e in view.exercise_ids if e in latest)
    view.on_card(lambda card: _restore(card, latest.get(card.exercise.id)))
    view.restored.emit()


def _restore(card: Any, attempt: Any) -> None:
    from trainer.content.grading import grade

    if attempt is None or not isinstance(attempt.response, dict):
        return
    if card.touched:
        return  # the learner has started answering since the view opened
    try:
        result = grade(card.exercise, attempt.response)
    except Exception:  # noqa: BLE001 - an answer to an older version may no longer fit
        return
    card.restore(attempt.response, result)


def module_status(view: Any) -> str | None:
    """"completed" once every exercise has an answer (a text-only module: read to the end)."""
    if view is None:
        return None
    if hasattr(view, "status"):
        return view.status()
    exercises = getattr(view, "exercise_ids", None)
    if exercises is None:
        exercises = list(getattr(view, "cards", {}))
    if exercises:  # (those below the first screen count before their cards are built)
        answered = getattr(view, "answered", set())
        return "completed" if all(e in answered for e in exercises) else None
    return "completed" if view.at_end() else None
