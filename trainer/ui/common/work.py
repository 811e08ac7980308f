"""The one helper for long or data-changing work (STYLE §7, like Anki's ``CollectionOp``).

``run_work`` runs a function on a worker thread, shows a progress dialog when it takes longer than
a moment, routes a failure to the error presenter (a ``TrainerError`` as a clear message, anything
else as the crash dialog), and on success tells every view what changed via
``AppContext.dataChanged`` so they refresh. Screens never start threads of their own.

    def save() -> AttemptInfo:
        return record_attempt(ctx.db, ...)
    run_work(self, ctx, lambda progress: save(), changes="progress", on_success=self.show_result)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from trainer.ui.common.context import AppContext
from trainer.ui.common.errors import present_error

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

SHOW_PROGRESS_AFTER_MS = 400  # quick work never flashes a dialog


class Cancelled(Exception):  # noqa: N818 - reads naturally: ``raise Cancelled``
    """Raised inside the work function when the user pressed Cancel; not an error."""


class Progress:
    """Handed to the work function: report progress, and notice when the user cancels."""

    def __init__(self, work: Work) -> None:
        self._work = work
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the user asked to stop; call it between steps."""
        if self._cancelled.is_set():
            raise Cancelled()

    def update(self, done: int, total: int = 0, label: str = "") -> None:
        """Report ``done`` of ``total`` steps (total 0 = unknown); also checks for Cancel."""
        self._work._progressed.emit(int(done), int(total), label)
        self.check()


class Work(QObject):
    """One running piece of work; its signals arrive on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()  # after any of the three above
    _progressed = Signal(int, int, str)
    _result = Signal(object)
    _error = Signal(object)
    _stopped = Signal()

    def __init__(self, parent_widget: QWidget | None, ctx: AppContext, title: str) -> None:
        super().__init__()
        self.parent_widget = parent_widget
        self.ctx = ctx
        self.title = title
        self.progress = Progress(self)
        self.dialog: QProgressDialog | None = None  # made only if the work takes a while
        self.last_progress: tuple[int, int, str] = (0, 0, "")
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False

    def cancel(self) -> None:
        """Ask the work function to stop at its next ``progress.check()``."""
        self.progress._cancelled.set()


def _run(work: Work, fn: Callable[[Progress], Any]) -> None:
    """On a worker thread: run ``fn`` and report the outcome; the signals queue to the GUI."""
    try:
        result = fn(work.progress)
    except Cancelled:
        work._stopped.emit()
    except BaseException as exc:  # noqa: BLE001 - every failure goes to the presenter
        work._error.emit(exc)
    else:
        work._result.emit(result)


_running: set[Work] = set()  # keeps Work objects alive until they finish
_futures: set[Future[None]] = set()
_pool: ThreadPoolExecutor | None = None
MAX_WORKERS = 4


def _executor() -> ThreadPoolExecutor:
    """Plain Python threads (no Qt runnable wrappers to keep alive); signals queue to the GUI."""
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=MAX_WORKERS, thread_name_prefix="trainer-work")
    return _pool



def _parent_alive(widget: QWidget | None) -> QWidget | None:
    return widget if widget is not None and shiboken6.isValid(widget) else None


def _show_dialog(work: Work, cancellable: bool) -> None:
    """Still running after a moment: now the user sees a progress dialog."""
    if work.done or work.dialog is not None:
        return
    dialog = work.dialog = _make_dialog(work, cancellable)
    _on_progress(work, *work.last_progress)
    if work.dialog is dialog:  # not closed meanwhile (see _on_progress)
        dialog.show()


def _make_dialog(work: Work, cancellable: bool) -> QProgressDialog:
    parent = _parent_alive(work.parent_widget)
    cancel_text = translate("Work", "Cancel") if cancellable else ""
    dialog = QProgressDialog(work.title, cancel_text, 0, 0, parent)
    dialog.setWindowTitle(translate("Work", "Trainer"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    dialog.canceled.connect(work.cancel)
    return dialog


def _on_progress(work: Work, done: int, total: int, label: str) -> None:
    """Show progress. The value is set last: a window-modal QProgressDialog's ``setValue`` runs
    the event loop, where the work's end may arrive and close the dialog (CI: the label set
    after it met a dialog already gone)."""
    work.last_progress = (done, total, label or work.last_progress[2])
    dialog = work.dialog
    if dialog is None:
        return
    if label:
        dialog.setLabelText(label)
    dialog.setMaximum(max(total, 0))
    dialog.setValue(min(done, total) if total else 0)


def _close_dialog(work: Work) -> None:
    """The work is over: close the progress dialog before any callback opens a (modal) window,
    and mark it done so the delayed show-progress timer never brings the dialog back."""
    work.done = True
    if work.dialog is not None:
        work.dialog.reset()
        work.dialog.hide()
        work.dialog.deleteLater()
        work.dialog = None


def _finish(work: Work) -> None:
    _close_dialog(work)
    work.finished.emit()
    _running.discard(work)
    _futures.difference_update([f for f in _futures if f.done()])


def run_work(
    parent: QWidget | None,
    ctx: AppContext,
    fn: Callable[[Progress], Any],
    *,
    title: str = "",
    changes: str | Iterable[str] = (),
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    cancellable: bool = False,
    show_progress: bool = True,
) -> Work:
    """Run ``fn(progress)`` on the thread pool; see the module docstring for what follows."""
    work = Work(parent, ctx, title or translate("Work", "Working…"))
    kinds = (changes,) if isinstance(changes, str) else tuple(changes)

    def succeed(result: Any) -> None:
        work.result = result
        _close_dialog(work)
        for what in kinds:
            ctx.notify(what)
        if on_success is not None:
            _guarded(work, lambda: on_success(result))
        work.succeeded.emit(result)
        _finish(work)

    def fail(exc: BaseException) -> None:
        work.error = exc
        _close_dialog(work)
        if on_failure is not None:
            _guarded(work, lambda: on_failure(exc))
        else:
            present_error(_parent_alive(work.parent_widget), exc)
        work.failed.emit(exc)
        _finish(work)

    def stop() -> None:
        log.info("Cancelled: %s", work.title)
        _close_dialog(work)
        work.cancelled.emit()
        _finish(work)

    work._result.connect(succeed)
    work._error.connect(fail)
    work._stopped.connect(stop)
    work._progressed.connect(lambda d, t, label: _on_progress(work, d, t, label))
    if show_progress:
        QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, work, lambda: _show_dialog(work, cancellable))
    _running.add(work)
    _futures.add(_executor().submit(_run, work, fn))
    return work


def _guarded(work: Work, callback: Callable[[], None]) -> None:
    """A bug in a success/failure callback still reaches the crash dialog, not the void."""
    try:
        callback()
    except Exception as exc:  # noqa: BLE001
        present_error(_parent_alive(work.parent_widget), exc)


def running() -> int:
    """How many pieces of work are still running (the main window asks before quitting)."""
    return len(_running)


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until every work function has returned; for shutdown and tests. Results still
    arrive through the event loop afterwards."""
    pending = list(_futures)
    _, not_done = wait(pending, timeout=timeout_ms / 1000)
    _futures.difference_update(f for f in pending if f.done())
    return not not_done
