"""Opening a lesson does on the way to its first paint only what that paint needs (DESIGN §6:
a lesson on screen in 30 ms): no database statement on any thread, each text's HTML set once,
and the exercise cards below the first screen built just after it. Then everything a learner
uses is there: the module left is saved, the cards follow in document order with earlier
answers shown, and a module comes back at the place it was left."""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from learner_helpers import settle, start_app
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import event

from trainer.store.progress import lesson_states
from trainer.ui.common.context import AppContext
from trainer.ui.learner.exercises import ExerciseCard
from trainer.ui.learner.lesson import FIRST_SCREEN_CHARS, LessonText

PARAGRAPH = ("政务数据共享要坚持“以共享为原则、不共享为例外”，明确数据的提供方、使用方和管理方的"
             "责任，做到数据可用、可控、可追溯。")


@pytest.fixture
def long_lesson(bundled: Path) -> Path:
    """A fifth module of about 20 KB: three long text runs with an exercise after each."""
    return _add_module(bundled / "learner-mini", runs=3, paragraphs=10)


def _add_module(pack: Path, runs: int, paragraphs: int) -> Path:
    parts = ["---\nid: long\ntitle: 长课文\nminutes: 30\ncompetencies: [data-literacy]\n---\n"]
    for n in range(1, runs + 1):
        parts.append(f"## 第 {n} 节\n\n" + "\n\n".join([PARAGRAPH * 4] * paragraphs))
        parts.append(f"::: exercise single long-q{n}\ncompetencies: data-literacy\n\n"
                     "数据共享的原则是什么？\n\n- [x] 以共享为原则\n- [ ] 以不共享为原则\n:::\n")
    (pack / "modules" / "05-long.md").write_text("\n\n".join(parts), encoding="utf-8")
    manifest = pack / "course.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "  - modules/05-long.md\n",
                        encoding="utf-8")
    return pack


class FirstPaint(QObject):
    """Notes the moment the watched widget first paints and what was built by then."""

    def __init__(self, view: Any) -> None:
        super().__init__()
        self.view = view
        self.at: float | None = None
        self.cards_then: int | None = None
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event_: QEvent) -> bool:  # noqa: N802
        if self.at is None and event_.type() == QEvent.Type.Paint:
            self.at = time.perf_counter()
            self.cards_then = len(self.view.findChildren(ExerciseCard))
        return False


def _open(qapp: QApplication, qtbot: Any, ctx: AppContext, learner: Any) -> Any:
    window = start_app(qapp, qtbot, ctx)
    ctx.set_user(learner)
    settle(qapp)
    assert window.show_page("reader", "learner-mini")
    return window.page("reader")


def _statements(ctx: AppContext) -> list[float]:
    """When each SQL statement starts, on any thread, from now on."""
    times: list[float] = []

    def note(*_: Any) -> None:
        times.append(time.perf_counter())

    event.listen(ctx.db.engine, "before_cursor_execute", note)
    return times


def test_a_lesson_is_on_screen_before_any_query_and_comes_back_where_it_was_left(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        long_lesson: Path) -> None:
    course = _open(qapp, qtbot, app_ctx, learner)
    long_index = [m.id for m in course.pack.modules].index("long")
    course.open_module(long_index)
    qtbot.waitUntil(lambda: len(course.view.cards) == 3 and not course.view.restoring)
    course.view.set_fraction(0.5)
    qapp.processEvents()
    place = course.view.fraction()
    assert place > 0.3
    course.open_module(0)  # leave it; then come back
    qtbot.waitUntil(lambda: "long" in lesson_states(app_ctx.db, learner.id, "learner-mini"))
    settle(qapp)

    statements = _statements(app_ctx)
    started = time.perf_counter()
    course.open_module(long_index)
    painted = FirstPaint(course.view)
    qtbot.waitUntil(lambda: painted.at is not None)
    early = [t for t in statements if started <= t < painted.at]
    assert early == [], f"{len(early)} SQL statement(s) on the way to the lesson's first paint"
    # after the paint: the module left is saved, and the lesson is back at its place
    qtbot.waitUntil(lambda: lesson_states(app_ctx.db, learner.id, "learner-mini")["basics"]
                    .position is not None)
    qtbot.waitUntil(lambda: abs(course.view.fraction() - place) < 0.02)


def test_the_first_screen_paints_before_the_cards_below_it_are_built(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        long_lesson: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    from trainer.store.progress import record_attempt

    course = _open(qapp, qtbot, app_ctx, learner)
    pack = course.pack
    module = pack.module("long")
    record_attempt(app_ctx.db, learner.id, pack.id, pack.version, "long-q2", {"choice": 0}, 1.0,
                   {"data-literacy": 1.0}, datetime.now(UTC))
    set_html: list[Any] = []
    original = LessonText.setHtml
    monkeypatch.setattr(LessonText, "setHtml",
                        lambda self, html: (set_html.append(self), original(self, html))[1])
    from trainer.ui.learner.rendering import renderer
    from trainer.ui.learner.segments import prerender

    prerender(module, renderer(pack, module))  # cached, as the course prefetches it
    course.open_module(pack.modules.index(module))
    view = course.view
    painted = FirstPaint(view)
    qtbot.waitUntil(lambda: painted.at is not None)
    assert painted.cards_then == 0, "cards below the first screen were built before its paint"
    assert len(module.blocks[0].markdown) >= FIRST_SCREEN_CHARS
    # right after it: every card, in document order between the texts, the answer restored
    qtbot.waitUntil(lambda: len(view.findChildren(ExerciseCard)) == 3)
    qtbot.waitUntil(lambda: "long-q2" in view.answered and not view.restoring)
    order = [view.blocks.itemAt(i).widget() for i in range(view.blocks.count())]
    kinds = ["text" if isinstance(w, LessonText) else w.exercise.id for w in order]
    assert kinds == ["text", "long-q1", "text", "long-q2", "text", "long-q3"]
    assert view.cards["long-q2"].response() == {"choice": 0}, "the earlier answer is shown"
    qtbot.waitUntil(lambda: all(t._pending is None for t, _ in view.texts))
    times_set = [sum(1 for x in set_html if x is text) for text, _ in view.texts]
    assert times_set == [1, 1, 1], "each text's HTML is set exactly once"


def test_a_long_lesson_is_built_in_slices_after_its_first_paint(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        bundled: Path) -> None:
    """Thirty cards, most below the first screen, are built a slice per turn of the event loop: the
    window answers (paints, scrolls) in between instead of freezing for the whole lesson."""
    _add_module(bundled / "learner-mini", runs=30, paragraphs=1)
    course = _open(qapp, qtbot, app_ctx, learner)
    course.open_module([m.id for m in course.pack.modules].index("long"))
    view = course.view
    counts: list[int] = []
    while len(view.findChildren(ExerciseCard)) < 30:
        qtbot.wait(1)  # one turn of the event loop: how far the building got
        counts.append(len(view.findChildren(ExerciseCard)))
    steps = sorted({c for c in counts if c < 30})  # the first screen's, then each slice's
    assert len(steps) >= 2, f"the cards below the first screen were built in one go: {steps}"
    assert list(view.cards) == [f"long-q{n}" for n in range(1, 31)]


def test_a_long_lesson_left_is_destroyed_in_slices_and_entirely(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        bundled: Path) -> None:
    """Leaving a long lesson destroys it a slice per turn of the event loop, as it was built:
    no turn holds the window much beyond a frame (in one go: all its widgets in one turn), and
    in the end none of its widgets is left."""
    from PySide6.QtCore import QTimer

    from trainer.ui.common.dispose import STEP_SECONDS

    _add_module(bundled / "learner-mini", runs=60, paragraphs=1)
    course = _open(qapp, qtbot, app_ctx, learner)
    course.open_module(0)
    settle(qapp)
    qtbot.wait(300)  # the first module's own background work
    course.open_module([m.id for m in course.pack.modules].index("long"))
    view = course.view
    qtbot.waitUntil(lambda: not view._rest and not view.restoring, timeout=10_000)
    blocks = [view.blocks.itemAt(i).widget() for i in range(view.blocks.count())]
    assert len(blocks) >= 120
    parts = [view, *view.findChildren(QWidget)]  # every widget of the long lesson
    events: list[tuple[str, float]] = []
    blocks[-1].destroyed.connect(lambda: events.append(("first", time.thread_time())))
    view.destroyed.connect(lambda: events.append(("view", time.thread_time())))
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: ticks.append(time.thread_time()))
    heartbeat.start(0)  # once per turn of the event loop
    course.open_module(0)
    qtbot.waitUntil(lambda: any(name == "view" for name, _ in events), timeout=10_000)
    qtbot.wait(50)
    heartbeat.stop()
    first, gone = (t for _, t in sorted(events, key=lambda e: e[0] != "first"))
    during = [b - a for a, b in itertools.pairwise(ticks) if b >= first and a <= gone]
    turns = sum(1 for a, b in itertools.pairwise(ticks) if first <= b and a <= gone)
    assert turns >= 3, f"the lesson went in {turns} turn(s) of the event loop"
    longest = max(during)
    assert longest < STEP_SECONDS + 0.025, f"a turn took {longest * 1000:.0f} ms of CPU"
    settle(qapp)
    left = [w for w in QApplication.allWidgets()
            if isinstance(w, ExerciseCard) and w.exercise.id.startswith("long-")]
    # each of its widgets is gone (counting the application's widgets instead also counted
    # My progress built in advance and popups, which come and go on their own clocks)
    alive = [w for w in parts if shiboken6.isValid(w)]
    assert left == [] and alive == [], f"{len(alive)} of the lesson's widgets are left"


def test_signing_out_of_a_long_lesson_destroys_all_of_it(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        bundled: Path) -> None:
    _add_module(bundled / "learner-mini", runs=30, paragraphs=1)
    course = _open(qapp, qtbot, app_ctx, learner)
    course.open_module([m.id for m in course.pack.modules].index("long"))
    view = course.view
    qtbot.waitUntil(lambda: not view._rest and not view.restoring, timeout=10_000)
    parts = [view, *view.findChildren(QWidget)]  # every widget of the long lesson
    gone: list[bool] = []
    view.destroyed.connect(lambda: gone.append(True))
    app_ctx.set_user(None)
    assert course.view is None and not view.isVisible()
    qtbot.waitUntil(lambda: bool(gone), timeout=10_000)
    settle(qapp)
    assert not any(isinstance(w, ExerciseCard) for w in QApplication.allWidgets())
    assert [w for w in parts if shiboken6.isValid(w)] == [], "none of its widgets is left"
