"""Learner budgets (issue 6, DESIGN §6), each printed with its baseline from the same run:

- process start to a usable sign-in screen with the learner list drawn, as a ratio to a bare
  PySide6 window started the same way (budget 3.5×);
- opening a 20 KB lesson until painted (budget 30 ms; first opening and cached), and a
  500 KB one cached (budget 50 ms);
- submitting an answer until the attempt is committed (budget p95 < 10 ms);
- resident memory (VmRSS; PSS printed too) after opening a course (budget 200 MB), at the first
  start after people were added and at the next one.

Run: QT_QPA_PLATFORM=offscreen pytest tests/benchmarks/test_learner_bench.py -p no:cacheprovider -s
"""

from __future__ import annotations

import itertools
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from trainer.config import Paths, Settings, bundled_courses_dir

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "learner-mini"
RUNS = int(os.environ.get("TRAINER_BENCH_RUNS", "7"))

BARE = textwrap.dedent("""
    import os, sys, time
    from PySide6.QtWidgets import QApplication, QMainWindow
    class Window(QMainWindow):
        def paintEvent(self, event):
            super().paintEvent(event)
            print(f"READY {time.time():.6f}", flush=True)
            os._exit(0)
    app = QApplication(sys.argv[:1])
    window = Window()
    window.resize(1180, 760)
    window.show()
    app.exec()
""")

# ``trainer --data-dir DIR`` with a watcher on the learner list alone that reports its first
# paint with rows (installed as the sign-in screen module is imported, so the probe imports
# nothing ahead of the app). Not an application-wide event filter: that sees every event of
# every object, and PySide6 then wraps each one and builds the Qt and QStyle enums the app
# itself no longer builds before the list: it cost the measured process 0.5-0.8 of a bare
# window. With PROBE_EARLY="mod,mod,...", it also prints which of them were imported by then
# (and any of PySide6's Qt namespace and QStyle built), and how many threads run.
TRAINER = textwrap.dedent("""
    import importlib.abc, importlib.util, os, sys, threading, time
    def report(view):
        print(f"READY {time.time():.6f}", flush=True)
        if os.environ.get("PROBE_EARLY"):
            import PySide6.QtCore, PySide6.QtWidgets
            early = [m for m in os.environ["PROBE_EARLY"].split(",")
                     if any(n == m or n.startswith(m + ".") for n in sys.modules)]
            early += [name for name, module in (("Qt", PySide6.QtCore),
                      ("QStyle", PySide6.QtWidgets)) if name in vars(module)]
            print("EARLY", *early, flush=True)
            print("THREADS", threading.active_count(), flush=True)
        try:  # what a normal exit does; else the next start finds a "crashed" run's lock
            os.remove(os.path.join(sys.argv[1], "trainer.lock"))
        except OSError:
            pass
        os._exit(0)
    def patch(module):
        from PySide6.QtCore import QEvent, QObject
        class Watch(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint and self.view.model().rowCount() > 0:
                    report(self.view)
                return False
        build = module.SignInScreen._build_list
        def build_list(self):
            build(self)
            self._watch = Watch(self.list)
            self._watch.view = self.list
            self.list.viewport().installEventFilter(self._watch)
        module.SignInScreen._build_list = build_list
    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):
            if fullname != "trainer.ui.learner.signin":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            run = spec.loader.exec_module
            def exec_module(module):
                run(module)
                patch(module)
            spec.loader.exec_module = exec_module
            return spec
    sys.meta_path.insert(0, Finder())
    from trainer.cli import main
    main(["--data-dir", sys.argv[1]])
""")


def _start(code: str, *args: str) -> float:
    return _start_timed(code, *args)[0]


def _start_timed(code: str, *args: str) -> tuple[float, float]:
    """Seconds from starting the process until it is READY, and the CPU seconds it used by
    then (threads included; steadier than wall time on a loaded machine). Byte-code caching
    on, as for an installed app (see ``test_startup_bench._environment``)."""
    from tests.benchmarks.test_startup_bench import _cpu_seconds, _environment

    cpu_before = _cpu_seconds()
    started = time.time()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=_environment(), timeout=120)
    for line in done.stdout.splitlines():
        if line.startswith("READY "):
            return float(line.split()[1]) - started, _cpu_seconds() - cpu_before
    raise AssertionError(f"never ready: {done.stdout}\n{done.stderr[-2000:]}")


def _data_with_learners(folder: Path, count: int = 60) -> Path:
    from trainer.store.db import open_database
    from trainer.store.learners import create_learner

    paths = Paths(folder).ensure()
    with open_database(paths) as db:
        for n in range(count):
            create_learner(db, f"{1000 + n}", f"学员{n:02d}", f"部门{n % 7}")
    return folder


def test_start_to_sign_in_list_ratio(tmp_path: Path) -> None:
    data = _data_with_learners(tmp_path / "data")
    _start(TRAINER, str(data))  # first start after installing: writes the list cache
    bare, trainer = [], []
    for _ in range(RUNS):
        bare.append(_start(BARE))
        trainer.append(_start(TRAINER, str(data)))
    ratio = statistics.median(trainer) / statistics.median(bare)
    print(f"\nstart → sign-in list drawn: median {statistics.median(trainer) * 1000:.0f} ms; "
          f"bare window {statistics.median(bare) * 1000:.0f} ms; ratio {ratio:.2f}× "
          f"(budget 3.5×)")
    assert ratio <= 3.5


def _lesson_pack(folder: Path) -> Path:
    """The mini pack plus a module of about 20 KB: text, a table, call-outs and exercises."""
    shutil.copytree(FIXTURE, folder)
    parts = ["---\nid: big\ntitle: 长课文\nminutes: 30\ncompetencies: [data-literacy]\n---\n"]
    paragraph = ("政务数据共享要坚持“以共享为原则、不共享为例外”，明确数据的提供方、使用方和管理方的"
                 "责任，做到数据可用、可控、可追溯。")
    for n in range(1, 13):
        parts.append(f"## 第 {n} 节\n\n" + "\n\n".join([paragraph * 3] * 3))
        parts.append("> [!TIP] 实务提示\n> 起草数据共享协议时，先列出数据项清单。\n")
        parts.append("| 项目 | 说明 |\n| --- | --- |\n| 提供方 | 负责数据质量 |\n| 使用方 | 按约定用途使用 |\n")
        if n % 3 == 0:
            parts.append(f"::: exercise single big-q{n}\ncompetencies: data-literacy\n\n"
                         "数据共享的原则是什么？\n\n- [x] 以共享为原则\n- [ ] 以不共享为原则\n\n"
                         "> 解析：以共享为原则、不共享为例外。\n:::\n")
    (folder / "modules" / "05-big.md").write_text("\n\n".join(parts), encoding="utf-8")
    manifest = folder / "course.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "  - modules/05-big.md\n",
                        encoding="utf-8")
    return folder


@pytest.fixture
def lesson_ctx(qapp: QApplication, tmp_path: Path) -> Any:
    from trainer.content.library import Library
    from trainer.store.learners import create_learner
    from trainer.ui.common.context import AppContext

    bundled = tmp_path / "bundled"
    _lesson_pack(bundled / "learner-mini")
    paths = Paths(tmp_path / "data").ensure()
    ctx = AppContext(paths, Settings(paths.settings_file),
                     library=Library(paths.packs_dir, bundled))
    ctx.set_user(create_learner(ctx.db, "1001", "张伟"))
    yield ctx
    from trainer.ui.common.work import wait_for_all

    wait_for_all()
    ctx.close()


def test_open_lesson_20kb(qapp: QApplication, lesson_ctx: Any) -> None:
    from trainer.content.render import clear_cache
    from trainer.ui.common.work import wait_for_all
    from trainer.ui.learner.module_views import build_module_view
    from trainer.ui.learner.rendering import stylesheet

    pack = lesson_ctx.library.get("learner-mini")
    module = pack.module("big")
    size = len((Path(pack.root) / module.file).read_bytes())
    index = pack.modules.index(module)
    style = stylesheet(qapp.activeWindow() or _host(), "light", 15)

    def open_once() -> tuple[float, float]:
        wait_for_all()  # an idle app: earlier openings' background reads are done
        qapp.processEvents()
        host = _host()
        start = time.perf_counter()
        view = build_module_view(lesson_ctx, pack, module, index, 15, style)
        view.setParent(host)
        host.layout().addWidget(view)
        host.show()
        host.grab()  # lay out and paint the first screen
        painted = time.perf_counter() - start
        while any(text._pending is not None or text.waiting for text, _ in view.texts):
            qapp.processEvents()  # the text below the first screen follows at once
        complete = time.perf_counter() - start
        host.deleteLater()
        qapp.processEvents()
        return painted, complete

    clear_cache()
    first = open_once()
    cached = [open_once() for _ in range(10)]
    median = statistics.median(p for p, _ in cached)
    complete = statistics.median(c for _, c in cached)
    baseline = statistics.median(_plain_browser(qapp, pack, module, style) for _ in range(10))
    print(f"\nopen a {size / 1024:.0f} KB lesson: first screen painted {median * 1000:.1f} ms "
          f"(budget 30 ms; the first opening in this process, its Markdown not yet rendered, "
          f"{first[0] * 1000:.1f} ms: the app renders it ahead: test_first_opening_of_a_lesson_in_a_fresh_app), "
          f"whole lesson laid out {complete * 1000:.1f} ms; baseline: one plain QTextBrowser "
          f"showing the same HTML {baseline * 1000:.1f} ms")
    assert size >= 18_000
    # 30 ms on the reference machines; on a slower or busy machine, no slower than the plain
    # browser measured in the same run.
    assert median < max(0.030, baseline)


def test_open_lesson_500kb_cached(qapp: QApplication, tmp_path: Path) -> None:
    """DESIGN §6: a 500 KB lesson, cached, on screen in 50 ms (its first screen painted; the
    cards and text below follow a slice per turn of the event loop)."""
    import re

    from trainer.content.library import Library
    from trainer.store.learners import create_learner
    from trainer.ui.common.context import AppContext
    from trainer.ui.common.work import wait_for_all
    from trainer.ui.learner.module_views import build_module_view
    from trainer.ui.learner.rendering import renderer, stylesheet
    from trainer.ui.learner.segments import prerender

    bundled = tmp_path / "bundled"
    big = _lesson_pack(bundled / "learner-mini") / "modules" / "05-big.md"
    head, _, body = big.read_text(encoding="utf-8").partition("\n---\n")
    big.write_text(head + "\n---\n" + "".join(
        re.sub(r"big-q(\d+)", lambda m, r=r: f"big-q{m.group(1)}-{r}", body) for r in range(23)),
        encoding="utf-8")
    paths = Paths(tmp_path / "data").ensure()
    ctx = AppContext(paths, Settings(paths.settings_file),
                     library=Library(paths.packs_dir, bundled))
    ctx.set_user(create_learner(ctx.db, "1001", "张伟"))
    pack = ctx.library.get("learner-mini")
    module = pack.module("big")
    size = len(big.read_bytes())
    prerender(module, renderer(pack, module))  # cached, as the course prefetches it
    style = stylesheet(_host(), "light", 15)
    samples, baseline = [], []
    for _ in range(5):
        wait_for_all()
        qapp.processEvents()
        host = _host()
        start = time.perf_counter()
        view = build_module_view(ctx, pack, module, pack.modules.index(module), 15, style)
        view.setParent(host)
        host.layout().addWidget(view)
        host.show()
        host.grab()
        samples.append(time.perf_counter() - start)
        host.deleteLater()
        _delete_now(qapp)  # processEvents alone leaves deferred deletes (and the views'
        baseline.append(_plain_browser(qapp, pack, module, style))  # slices) to later tests
    median, plain = statistics.median(samples), statistics.median(baseline)
    leaving = [_leave_a_built_lesson(qapp, ctx, pack, module, style) for _ in range(3)]
    pause, cpu_pause, at_once, cpu_at_once, turns = (
        statistics.median(x[n] for x in leaving) for n in range(5))
    print(f"\nopen a {size / 1024:.0f} KB lesson (cached): first screen painted "
          f"{median * 1000:.1f} ms (budget 50 ms); baseline: one plain QTextBrowser showing the "
          f"same HTML {plain * 1000:.0f} ms")
    print(f"leave it (fully built): longest turn of the event loop while it is destroyed "
          f"{pause * 1000:.1f} ms, {cpu_pause * 1000:.1f} ms of the GUI thread's CPU (budget: "
          f"about a frame, 16 ms), over {turns:.0f} turns; the same lesson destroyed in one go "
          f"(deleteLater): {at_once * 1000:.0f} ms, {cpu_at_once * 1000:.0f} ms CPU (medians "
          f"of 3)")
    wait_for_all()
    ctx.close()
    assert size >= 480_000
    # 50 ms on the reference machines; on a busy one, half the plain browser of the same run
    assert median < max(0.050, plain / 2)
    # a slice (STEP_SECONDS) plus the card or text run that ends it, in CPU time: wall time on
    # a shared machine also counts other processes
    assert cpu_pause < max(0.020, cpu_at_once / 2)


def _leave_a_built_lesson(qapp: QApplication, ctx: Any, pack: Any, module: Any,
                          style: str) -> tuple[float, float, float, float, int]:
    """The lesson fully built and on screen, then left as the course leaves a module (taken
    off the page, ``dispose``): the longest turn of the event loop from then until the view is
    destroyed (a zero-interval timer ticks once per turn), in wall-clock and the GUI thread's
    CPU seconds. Baseline: the same lesson built again and destroyed in one go
    (``deleteLater``), both figures. Last, how many turns the slices took."""
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer

    from trainer.ui.common.work import wait_for_all
    from trainer.ui.learner.module_views import build_module_view

    def built() -> tuple[Any, Any]:
        host = _host()
        view = build_module_view(ctx, pack, module, pack.modules.index(module), 15, style)
        host.layout().addWidget(view)
        host.show()
        while view._rest or view.restoring:
            wait_for_all()
            qapp.processEvents()
        host.grab()
        view.hide()  # taken off the page, as the course does when the next module opens ...
        host.layout().removeWidget(view)
        for _ in range(3):  # ... and that module has painted (DISPOSE_DELAY_MS)
            qapp.processEvents()
        return host, view

    def now() -> tuple[float, float]:
        return time.perf_counter(), time.thread_time()

    host, view = built()
    ticks: list[tuple[float, float]] = []
    gone: list[bool] = []
    view.destroyed.connect(lambda: gone.append(True))
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: ticks.append(now()))
    heartbeat.start(0)
    ticks.append(now())
    view.dispose()
    while not gone:
        qapp.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    ticks.append(now())
    heartbeat.stop()
    pause = max(b[0] - a[0] for a, b in itertools.pairwise(ticks))
    cpu_pause = max(b[1] - a[1] for a, b in itertools.pairwise(ticks))
    host.deleteLater()
    _delete_now(qapp)
    host, view = built()
    start = now()
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    end = now()
    host.deleteLater()
    _delete_now(qapp)
    return pause, cpu_pause, end[0] - start[0], end[1] - start[1], len(ticks) - 1


def _delete_now(qapp: QApplication) -> None:
    """Destroy what deleteLater() marked now: a plain processEvents() does not run deferred
    deletes, so five 500 KB lessons would otherwise go on building their cards below the first
    screen, and be destroyed, inside the next test's measurements."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qapp.processEvents()


def _plain_browser(qapp: QApplication, pack: Any, module: Any, style: str) -> float:
    """Baseline: the module's HTML (already rendered) in one QTextBrowser, laid out and painted."""
    from PySide6.QtWidgets import QTextBrowser

    from trainer.ui.learner.rendering import renderer

    html = renderer(pack, module)("\n\n".join(getattr(b, "markdown", "") for b in module.blocks))
    host = _host()
    start = time.perf_counter()
    browser = QTextBrowser()
    browser.document().setDefaultStyleSheet(style)
    browser.setHtml(html)
    host.layout().addWidget(browser)
    host.show()
    host.grab()
    elapsed = time.perf_counter() - start
    host.deleteLater()
    qapp.processEvents()
    return elapsed


def _host() -> Any:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    host = QWidget()
    host.resize(1000, 700)
    QVBoxLayout(host)
    return host


def _submit_samples(qapp: QApplication, view: Any, card: Any, count: int) -> list[float]:
    """Seconds from Submit until the attempt is committed, through the lesson view's own path
    (grading, feedback, the recorder's worker), ``count`` times."""
    from trainer.ui.common.work import wait_for_all

    samples = []
    for n in range(count):
        card.retry()
        card.input.button(n % 3).click()
        start = time.perf_counter()
        card.submit()
        while view.recorder.pending:  # wait as the event loop does, without holding the GIL
            wait_for_all()
            qapp.processEvents()
        samples.append(time.perf_counter() - start)
    return samples


def _answer_path(qapp: QApplication, ctx: Any, view: Any, card: Any
                 ) -> tuple[list[float], list[float], list[float]]:
    """200 answers through the view, then the store's record_attempt alone and a bare sqlite3
    commit on the same data folder: the figure and its two baselines."""
    from trainer.ui.common.work import wait_for_all

    wait_for_all()
    qapp.processEvents()
    samples = _submit_samples(qapp, view, card, 200)
    return (samples, _store_commits(ctx, card.exercise, 200),
            _bare_commits(Path(ctx.paths.data_dir), 200))


def test_submit_answer_until_committed(qapp: QApplication, lesson_ctx: Any) -> None:
    from trainer.store.progress import attempts
    from trainer.ui.learner.module_views import build_module_view

    pack = lesson_ctx.library.get("learner-mini")
    view = build_module_view(lesson_ctx, pack, pack.module("basics"), 0, 15, "")
    card = view.cards["q-single"]
    samples, store, bare = _answer_path(qapp, lesson_ctx, view, card)
    p95 = statistics.quantiles(samples, n=100)[94]
    store_p95 = statistics.quantiles(store, n=100)[94]
    print(f"\nsubmit an answer until committed: median {statistics.median(samples) * 1000:.2f} ms, "
          f"p95 {p95 * 1000:.2f} ms (budget 10 ms); the store's record_attempt alone: median "
          f"{statistics.median(store) * 1000:.2f} ms, p95 {store_p95 * 1000:.2f} ms; bare sqlite3 "
          f"insert+commit (WAL, synchronous=FULL): median {statistics.median(bare) * 1000:.2f} ms, "
          f"p95 {statistics.quantiles(bare, n=100)[94] * 1000:.2f} ms")
    assert len(attempts(lesson_ctx.db, lesson_ctx.user.id, "learner-mini")) == 400
    # 10 ms on the reference machines. The commit itself belongs to the store and the disk: on
    # a slower or busy machine, grading, feedback and the worker thread add at most 3 ms to it.
    assert p95 < max(0.010, store_p95 + 0.003)


ORGANISATION = (int(os.environ.get("TRAINER_BENCH_LEARNERS", "10000")),
                int(os.environ.get("TRAINER_BENCH_ANSWERS_EACH", "100")))


def test_submit_answer_at_organisation_size(qapp: QApplication, tmp_path: Path) -> None:
    """The same path with 10,000 learners and 1 M answers in the database (DESIGN §6)."""
    from tests.benchmarks.analytics_data import build, summarise
    from trainer.content.library import Library
    from trainer.store.learners import get_learner
    from trainer.store.progress import attempts
    from trainer.ui.common.context import AppContext
    from trainer.ui.common.work import wait_for_all
    from trainer.ui.learner.module_views import build_module_view

    learners, each = ORGANISATION
    bundled = tmp_path / "bundled"
    shutil.copytree(FIXTURE, bundled / "learner-mini")
    library = Library(tmp_path / "packs", bundled)
    pack = library.get("learner-mini")
    started = time.perf_counter()
    paths = build(tmp_path / "org", pack, learners=learners, per_learner=each)
    ctx = AppContext(paths, Settings(paths.settings_file), library=library)
    try:
        summarise(ctx.db, pack)
        built = time.perf_counter() - started
        ctx.set_user(get_learner(ctx.db, learners // 2))
        view = build_module_view(ctx, pack, pack.module("basics"), 0, 15, "")
        card = view.cards["q-single"]
        samples, store, bare = _answer_path(qapp, ctx, view, card)
        p95 = statistics.quantiles(samples, n=100)[94]
        store_p95 = statistics.quantiles(store, n=100)[94]
        bare_p95 = statistics.quantiles(bare, n=100)[94]
        print(f"\nsubmit an answer until committed, {learners:,} learners and "
              f"{learners * each:,} answers (built in {built:.0f} s): median "
              f"{statistics.median(samples) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms (budget 10 ms);"
              f" record_attempt alone p95 {store_p95 * 1000:.2f} ms; bare sqlite3 insert+commit "
              f"p95 {bare_p95 * 1000:.2f} ms; ratio to bare {p95 / bare_p95:.1f}×")
        assert len(attempts(ctx.db, ctx.user.id, "learner-mini")) == each + 400
        assert p95 < max(0.010, store_p95 + 0.003)
    finally:
        wait_for_all()
        ctx.close()


def test_exam_answer_until_committed(qapp: QApplication, lesson_ctx: Any) -> None:
    """In the final assessment each answer is committed (to the open sitting) as it is given."""
    from trainer.store.sittings import open_sitting, save_answer
    from trainer.ui.common.work import wait_for_all
    from trainer.ui.learner.module_views import build_module_view

    pack = lesson_ctx.library.get("learner-mini")
    module = pack.module("final")
    view = build_module_view(lesson_ctx, pack, module, pack.modules.index(module), 15, "")
    view.start()
    card = view.cards["q-final-1"]
    wait_for_all()
    qapp.processEvents()
    samples = []
    for n in range(250):
        start = time.perf_counter()
        card.input.button(n % 2).click()  # the change is saved before click() returns
        samples.append(time.perf_counter() - start)
    state = open_sitting(lesson_ctx.db, lesson_ctx.user.id, "learner-mini", "final")
    assert state is not None and state.answers["q-final-1"] == card.response()
    p95 = statistics.quantiles(samples[50:], n=100)[94]
    store = []
    for n in range(200):  # baseline: the store's save_answer alone, same data
        start = time.perf_counter()
        save_answer(lesson_ctx.db, state.id, "q-final-1", {"choice": n % 2})
        store.append(time.perf_counter() - start)
    store_p95 = statistics.quantiles(store, n=100)[94]
    print(f"\nexam answer until committed: median {statistics.median(samples) * 1000:.2f} ms, "
          f"p95 {p95 * 1000:.2f} ms (budget 10 ms); the store's save_answer alone: median "
          f"{statistics.median(store) * 1000:.2f} ms, p95 {store_p95 * 1000:.2f} ms")
    view.finish(confirm=False)
    # as for practice answers: 10 ms, or on a busy machine at most 3 ms over the store's commit
    assert p95 < max(0.010, store_p95 + 0.003)


def _store_commits(ctx: Any, exercise: Any, count: int) -> list[float]:
    """Baseline: the store's own ``record_attempt`` called directly, same data."""
    from datetime import UTC, datetime

    from trainer.store.progress import record_attempt

    times = []
    for n in range(count):
        start = time.perf_counter()
        record_attempt(ctx.db, ctx.user.id, "learner-mini", "1.0.0", exercise.id,
                       {"choice": n % 3}, 1.0 if n % 3 == 0 else 0.0, dict(exercise.weights),
                       datetime.now(UTC))
        times.append(time.perf_counter() - start)
    return times


def _bare_commits(folder: Path, count: int) -> list[float]:
    """Baseline: one INSERT and COMMIT per answer with plain sqlite3 and the store's pragmas."""
    conn = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE a (id TEXT PRIMARY KEY, response TEXT, score REAL)")
    times = []
    for n in range(count):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO a VALUES (?, ?, 1.0)", (f"id-{n}", '{"choice": 1}'))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    return times


# The app with its screens installed (as ``run_app`` does once the sign-in list is drawn), a
# learner signed in, a course open, its background work done and the window painted (grab);
# prints VmRSS and, from smaps_rollup, PSS (shared libraries counted by share) in MB.
MEMORY = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QCoreApplication
    from trainer.config import Paths, Settings
    from trainer.ui.app import create_application, install_pages, start_gui
    from trainer.ui.common.context import AppContext
    from trainer.ui.common.work import wait_for_all
    from trainer.store.learners import find_learners
    app = create_application()
    paths = Paths(__import__("pathlib").Path(sys.argv[1])).ensure()
    ctx = AppContext(paths, Settings(paths.settings_file))
    window = start_gui(app, ctx)
    window.show()
    install_pages(window, ctx)
    ctx.set_user(find_learners(ctx.db)[0])
    pack = sys.argv[2]
    window.show_page("reader", pack)
    for _ in range(5):
        wait_for_all()
        app.processEvents()
    window.grab()
    def kb(path, key):
        line = [x for x in open(path).read().splitlines() if x.startswith(key)][0]
        return int(line.split()[1])
    print("RSS", kb("/proc/self/status", "VmRSS:") / 1024,
          "PSS", kb("/proc/self/smaps_rollup", "Pss:") / 1024, flush=True)
""")


def _memory(data: Path, pack_id: str, env: dict[str, str]) -> tuple[float, float]:
    done = subprocess.run([sys.executable, "-c", MEMORY, str(data), pack_id], capture_output=True,
                          text=True, env=env, timeout=120)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RSS ")]
    assert lines, done.stderr[-2000:]
    parts = lines[0].split()
    return float(parts[1]), float(parts[3])


def test_memory_after_opening_a_course(tmp_path: Path) -> None:
    """VmRSS (the budget's figure) and PSS, medians of 3, of two starts a user makes: the first
    after people were added (their pinyin search keys are read then: a roster import, a new
    account; here five learners written by the store) and the next, ordinary one."""
    data = _data_with_learners(tmp_path / "data", 5)
    from trainer.content.loader import validate_pack

    built_in = bundled_courses_dir() / "digital-government"
    pack_id = "digital-government" if validate_pack(built_in).pack else "learner-mini"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte-code cached, as for an installed app
    runs: dict[str, list[tuple[float, float]]] = {"first": [], "next": []}
    for run in range(3):
        folder = tmp_path / f"run{run}"
        shutil.copytree(data, folder)
        runs["first"].append(_memory(folder, pack_id, env))
        runs["next"].append(_memory(folder, pack_id, env))
    rss = {k: statistics.median(r[0] for r in v) for k, v in runs.items()}
    pss = {k: statistics.median(r[1] for r in v) for k, v in runs.items()}
    bare = subprocess.run([sys.executable, "-c", "import PySide6.QtWidgets as w, sys;"
                           "a = w.QApplication(sys.argv[:1]); m = w.QMainWindow(); m.show();"
                           "a.processEvents(); s = open('/proc/self/status').read();"
                           "print([l for l in s.splitlines() if l.startswith('VmRSS')][0])"],
                          capture_output=True, text=True, env=env, timeout=60)
    print(f"\nmemory with {pack_id} open (medians of 3): first start after people were added "
          f"RSS {rss['first']:.0f} MB, PSS {pss['first']:.0f} MB; next start RSS "
          f"{rss['next']:.0f} MB, PSS {pss['next']:.0f} MB (budget 200 MB RSS); bare PySide6 "
          f"window RSS {int(bare.stdout.split()[1]) // 1024} MB")
    assert rss["first"] < 200 and rss["next"] < 200


# The whole app in a fresh process, as a learner meets it: signed in, the library on screen for
# a moment (the warm-up and the library's prefetch run then), the course opened, a moment of
# reading, then a 20 KB lesson never opened before is chosen in the outline. Times that
# opening until painted; then the same lesson a second time (cached), and the baseline.
FIRST_OPENING = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget
    from trainer.config import Paths, Settings
    from trainer.content.library import Library
    from trainer.store.learners import create_learner
    from trainer.ui.app import create_application, install_pages, start_gui
    from trainer.ui.common import charts
    from trainer.ui.common.context import AppContext
    from trainer.ui.common.work import wait_for_all
    from trainer.ui.learner.warmup import WARM_UP_DELAY_MS, warm_up_lessons
    app = create_application()
    paths = Paths(Path(sys.argv[1])).ensure()
    ctx = AppContext(paths, Settings(paths.settings_file),
                     library=Library(paths.packs_dir, Path(sys.argv[2])))
    window = start_gui(app, ctx)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    install_pages(window, ctx)  # what run_app does after the first paint
    charts.preload_in_background()
    QTimer.singleShot(WARM_UP_DELAY_MS, lambda: warm_up_lessons(ctx))
    ctx.set_user(create_learner(ctx.db, "1001", "张伟"))
    def idle(seconds):
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.005)
        wait_for_all()
        app.processEvents()
    window.show_page("library")
    idle(float(sys.argv[3]))
    window.show_page("reader", "learner-mini")
    window.grab()
    idle(float(sys.argv[3]))
    reader = window.page("reader")
    index = [m.id for m in reader.pack.modules].index("big")
    class Painted(QObject):
        at = None
        def eventFilter(self, obj, event):
            if self.at is None and event.type() == QEvent.Type.Paint:
                self.at = time.perf_counter()
            return False
    def open_big(target):
        # as a click in the outline: the handler runs, then the event loop paints the lesson
        watch = Painted()
        start, cpu = time.perf_counter(), time.thread_time()
        reader.open_module(target)
        for widget in reader.view.findChildren(QWidget):
            widget.installEventFilter(watch)
        while watch.at is None and time.perf_counter() - start < 5:
            app.processEvents()
        return watch.at - start, time.thread_time() - cpu
    first = open_big(index)
    idle(0.3)
    reader.open_module(0)
    idle(0.3)
    again = open_big(index)
    print(f"FIRST {first[0]:.6f} AGAIN {again[0]:.6f} CPU {first[1]:.6f} {again[1]:.6f}",
          flush=True)
""")


def test_first_opening_of_a_lesson_in_a_fresh_app(tmp_path: Path) -> None:
    """DESIGN §6: a lesson's first opening ≤ 30 ms, as in the app (not only when cached)."""
    bundled = tmp_path / "bundled"
    _lesson_pack(bundled / "learner-mini")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    firsts, agains = [], []
    for run in range(max(5, RUNS)):
        data = tmp_path / f"data{run}"
        done = subprocess.run([sys.executable, "-c", FIRST_OPENING, str(data), str(bundled),
                               "1.5"], capture_output=True, text=True, env=env, timeout=180)
        line = next((x for x in done.stdout.splitlines() if x.startswith("FIRST ")), None)
        assert line, done.stderr[-3000:]
        parts = line.split()
        firsts.append(float(parts[1]))
        agains.append(float(parts[3]))
    first, again = statistics.median(firsts), statistics.median(agains)
    print(f"\nfirst opening of a 20 KB lesson in a fresh app (after 1.5 s on the library and "
          f"1.5 s in the course): median {first * 1000:.1f} ms (runs: "
          f"{', '.join(f'{x * 1000:.0f}' for x in firsts)}); the same lesson again "
          f"{again * 1000:.1f} ms; ratio {first / again:.2f}× (budget 30 ms)")
    # 30 ms on the reference machines; on a busy machine no more than 1.5× the cached opening
    assert first < max(0.030, 1.5 * again)
