"""Start the desktop app: one QApplication, the main window, then the screens.

Order matters for the start-up budget: the window with the light start page is shown first;
the screens (which import SQLAlchemy, the pack loader, charts) are installed on the next turn of
the event loop, after the first paint. Each UI area plugs in through one function
``install(window, ctx) -> None`` named in PAGE_HOOKS.
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from trainer import __version__
from trainer.config import APP_NAME, ORG_NAME, Paths, Settings, buffer_logging, setup_logging
from trainer.deferred import defer_unused_imports
from trainer.errors import TrainerError
from trainer.ui.common.context import AppContext
from trainer.ui.common.fonts import install_cjk_font
from trainer.ui.common.icons import app_icon
from trainer.ui.common.language import (
    dialogs_after_first_paint,
    install_language,
    resolve_language,
)
from trainer.ui.common.shell import MainWindow
from trainer.ui.common.single_instance import SingleInstance
from trainer.ui.common.start_page import StartPage
from trainer.ui.common.theme import FUSION, apply_theme, mark_fusion

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

# "module:function", each ``function(window: MainWindow, ctx: AppContext) -> None``; a module
# that does not exist yet is skipped. The learner area makes the sign-in screen the start page.
PAGE_HOOKS: tuple[str, ...] = (
    "trainer.ui.learner.signin:install_learner_pages",
    "trainer.ui.trainer.pages:install",
    "trainer.ui.hr.pages:install",
)
# Installed alone first (the sign-in screen, which PAGE_HOOKS' learner hook then leaves as it
# is); the other pages, the log file, the instance socket and the warm-ups wait until it has
# drawn itself (``painted.after_painted``), so none of them delays the list people sign in from.
SIGN_IN_HOOK = "trainer.ui.learner.signin:install_sign_in"
START_PAGE = "start"
INSTALL_FALLBACK_MS = 1500
SUMMARIES_DELAY_MS = 5000  # HR summaries checked once the first screens have settled
ALREADY_RUNNING_BOX_MS = 4000
# TRAINER_SMOKE_TEST=1: quit with status 0 once the first screen is painted, every screen
# installed and the chart libraries loaded (1 if not), printing "PAINTED <epoch seconds>" at
# the first paint. For CI and the installer check (.ci/installer-check.sh), offscreen too.
ENV_SMOKE_TEST = "TRAINER_SMOKE_TEST"
BROKEN_PYSIDE = frozenset({"6.12.0"})  # see pyproject.toml and tests/ui/test_shell_qt_refcounts.py


class StartOptions(Protocol):
    """What the app needs from the command line (``trainer.cli.CliContext`` fits; the UI layer
    must not import the CLI above it)."""

    paths: Paths
    database_url: str | None



def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named (settings, window grouping) and with the app icon.

    High-DPI scaling is Qt 6's default (per-monitor, fractional factors passed through).
    Fusion (the style every theme uses) is chosen by Qt's own ``-style`` option, so the first
    paint never touches ``QStyle`` from Python: PySide6 builds that class's dozen enums on first
    use (~9 ms of CPU, a fifth of the margin to the start-up budget).

    Also defers the standard-library packages SQLAlchemy imports for features the app never
    uses (``trainer.deferred``): about 3 MB less resident memory."""
    defer_unused_imports()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    arguments = list(argv if argv is not None else sys.argv[:1])
    own_style = any(a == "-style" or a.startswith("-style=") for a in arguments[1:])
    if not own_style:
        arguments[1:1] = ["-style", FUSION]
    app = QApplication(arguments)
    if not own_style:
        mark_fusion(app)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("trainer")
    app.setWindowIcon(app_icon())
    return app


def apply_settings(app: QApplication, ctx: AppContext, *, quick: bool = False) -> None:
    """Language and theme from the settings; run again whenever they change."""
    wanted = resolve_language(ctx.settings.get("language"))
    if app.property("trainerLanguage") != wanted:
        install_language(wanted)
        ctx.languageChanged.emit(wanted)
    apply_theme(app, ctx.settings.get("theme"), quick=quick)


def follow_system_theme(app: QApplication, ctx: AppContext) -> None:
    """Once the sign-in list is drawn: the exact system colour scheme now, and whenever it
    changes."""
    apply_settings(app, ctx)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_settings(app, ctx))


def start_gui(app: QApplication, ctx: AppContext) -> MainWindow:
    """Fonts, language and theme, then the main window on its start page (not yet shown).
    The theme is the quick guess until ``follow_system_theme``, and the choice of Qt's or the
    desktop's file dialogs waits for ``dialogs_after_first_paint``: ``run_app`` calls both once
    the sign-in list is drawn (either may load PySide6's ``Qt`` enums, ~20–45 ms)."""
    install_cjk_font(app)
    apply_settings(app, ctx, quick=True)
    window = MainWindow(ctx)
    start = StartPage(ctx)
    window.restore_state()
    window.add_page(START_PAGE, start, translate("App", "Start"), public=True)
    window.show_page(START_PAGE)
    ctx.settingsChanged.connect(lambda: apply_settings(app, ctx))
    return window


def install_pages(window: MainWindow, ctx: AppContext,
                  hooks: tuple[str, ...] = PAGE_HOOKS) -> list[str]:
    """Let every UI area add its pages; returns the hooks that ran. One broken area is
    reported and skipped, the others still load."""
    installed = run_hooks(window, ctx, hooks)
    start = window.page(START_PAGE)
    if isinstance(start, StartPage):
        start.set_loading(False)
    log.info("Screens installed: %s", ", ".join(installed) or "none")
    return installed


def run_hooks(window: MainWindow, ctx: AppContext, hooks: tuple[str, ...]) -> list[str]:
    """``install_pages`` without its epilogue; see there."""
    installed = []
    for hook in hooks:
        name, _, function = hook.partition(":")
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
                # that area has not been written yet
                continue
            _present_error(window, exc)
            continue
        try:
            getattr(module, function)(window, ctx)
            installed.append(hook)
        except Exception as exc:  # noqa: BLE001 - a bug in one screen must not stop the app
            _present_error(window, exc)
    return installed


def _present_error(parent: QWidget | None, exc: BaseException) -> None:
    """``present_error``, imported when there is an error to show: the first paint needs none."""
    from trainer.ui.common.errors import present_error

    present_error(parent, exc)


def bring_to_front(window: MainWindow) -> None:
    """Another start asked for this window: restore it and raise it where the OS allows."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def _excepthook(kind: type[BaseException], exc: BaseException,
                tb: TracebackType | None) -> None:
    """Exceptions escaping a Qt slot reach the crash dialog instead of a silent console."""
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    _present_error(QApplication.activeWindow(), exc.with_traceback(tb))


def already_running(data_dir: str) -> int:
    message = translate("App", "Trainer is already running for this data folder (%1). "
                  "Its window has been brought to the front.").replace("%1", data_dir)
    print(f"trainer: {message}", file=sys.stderr)
    if QGuiApplication.platformName() not in ("offscreen", "minimal") and not (
            sys.stderr and sys.stderr.isatty()):
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, translate("App", "Trainer"), message)
        QTimer.singleShot(ALREADY_RUNNING_BOX_MS, box.accept)  # started from a menu: no terminal
        box.exec()
    return 1


def _once(action: Callable[[], object]) -> Callable[[], None]:
    done = False

    def run() -> None:
        nonlocal done
        if not done:
            done = True
            action()

    return run


def quit_on_signals(app: QApplication) -> Callable[[], None]:
    """Ctrl+C in the terminal, or the session ending (SIGTERM), closes the app normally. Python
    handles signals only while its own code runs, so a slow timer gives it the chance.
    Returns the undo. ``run_app`` calls it once the sign-in list is drawn: ``signal`` builds
    its enums on import (~0.5 ms), and until then Python's default handlers stop the app as
    well (Ctrl+C raises in the first Python code that runs, which the except hook turns into
    a quit; SIGTERM ends the process, whose lock Qt then sees as stale)."""
    import signal

    names = ("SIGINT", "SIGTERM")
    previous = {name: signal.signal(getattr(signal, name), lambda *_args: app.quit())
                for name in names if hasattr(signal, name)}
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(500)

    def restore() -> None:
        timer.stop()
        timer.deleteLater()
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)

    return restore


def check_display() -> None:
    """Qt aborts the process without a display; say so clearly instead (e.g. over ssh)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise TrainerError(
            "No graphical display found, so the desktop app cannot open.",
            hint="Start Trainer from a desktop session, or use a command (trainer --help).")


def check_binding(version: str | None = None) -> None:
    """Refuse a Qt binding known to crash this Python, with the fix, instead of crashing later."""
    import PySide6

    version = version or PySide6.__version__
    if version in BROKEN_PYSIDE and sys.version_info < (3, 12):
        raise TrainerError(
            f"PySide6 {version} crashes on Python {sys.version_info.major}."
            f"{sys.version_info.minor} after a few minutes (it miscounts references).",
            hint="Install another version: pip install 'PySide6-Essentials>=6.8,!=6.12.0'")


def run_app(ctx: StartOptions) -> int:
    """Open the desktop app for the CLI's data folder and database; returns the exit status."""
    check_display()
    check_binding()
    paths = ctx.paths.ensure()
    buffer_logging(paths)  # the log file opens after the first paint
    log.info("Trainer %s starting with data folder %s", __version__, paths.data_dir)
    app = create_application()
    app_ctx = AppContext(paths, Settings(paths.settings_file), database_url=ctx.database_url)
    install_language(resolve_language(app_ctx.settings.get("language")))  # for the line below
    guard = SingleInstance(paths.data_dir)
    if not guard.acquire():
        return already_running(str(paths.data_dir))
    window = start_gui(app, app_ctx)
    guard.raiseRequested.connect(lambda: bring_to_front(window))
    previous_hook = sys.excepthook
    sys.excepthook = _excepthook
    restore_signals: list[Callable[[], None]] = []

    smoke_test = bool(os.environ.get(ENV_SMOKE_TEST))

    def after_first_paint() -> None:
        """The sign-in screen now; the rest once it is drawn."""
        from trainer.ui.common.painted import after_painted

        run_hooks(window, app_ctx, (SIGN_IN_HOOK,))  # the start page's status waits too
        after_painted(window.stack.currentWidget(), after_sign_in_drawn, INSTALL_FALLBACK_MS)

    def after_sign_in_drawn() -> None:
        gc.enable()  # the CLI pauses the collector until the sign-in list is drawn
        restore_signals.append(quit_on_signals(app))
        follow_system_theme(app, app_ctx)
        dialogs_after_first_paint()
        setup_logging(paths)
        guard.listen()
        installed = install_pages(window, app_ctx)
        if smoke_test:
            end_smoke_test(app, installed)
            return
        from trainer.ui.common import charts

        charts.preload_in_background()  # DESIGN §6: the first chart needs no ~1 s of imports
        from trainer.ui.learner.warmup import WARM_UP_DELAY_MS, warm_up_lessons

        QTimer.singleShot(WARM_UP_DELAY_MS, lambda: warm_up_lessons(app_ctx))  # and no lesson
        QTimer.singleShot(SUMMARIES_DELAY_MS, app_ctx.prepare_summaries_in_background)

    if smoke_test:
        window.firstPainted.connect(_once(lambda: print(f"PAINTED {time.time():.6f}",
                                                        flush=True)))
    install_once = _once(after_first_paint)
    QTimer.singleShot(INSTALL_FALLBACK_MS, gc.enable)  # in case nothing is ever painted
    window.firstPainted.connect(install_once)
    QTimer.singleShot(INSTALL_FALLBACK_MS, install_once)  # e.g. started minimised: never painted
    window.show()
    try:
        return app.exec()
    finally:
        setup_logging(paths)  # no-op unless the app ended before its first paint
        sys.excepthook = previous_hook
        for restore in restore_signals:
            restore()
        guard.release()
        app_ctx.close()
        log.info("Trainer closed")


def end_smoke_test(app: QApplication, installed: list[str]) -> None:
    """The smoke test's verdict: every screen installed (0) or not (1); the app then closes
    normally, so the database and the single-instance lock are released as after a real run."""
    missing = [hook for hook in PAGE_HOOKS if hook not in installed]
    try:  # the chart libraries too: a frozen build that lost part of numpy fails here
        from trainer.ui.common import charts

        charts.ensure_matplotlib()
    except Exception:  # noqa: BLE001 - the verdict, with the cause in the log
        log.exception("Smoke test: the chart libraries do not load")
        missing.append("charts (matplotlib)")
    print(f"trainer: smoke test: first screen painted, {len(installed)} of {len(PAGE_HOOKS)} "
          f"screen areas installed{'; missing ' + ', '.join(missing) if missing else ''}",
          flush=True)
    QTimer.singleShot(0, lambda: app.exit(1 if missing else 0))


def end_quickly() -> None:
    """Let the process end at once once ``run_app`` has returned (everything is saved and the
    database closed by then); for the process's own start only, never inside a test run.

    Python's last garbage collections at exit walk every object the app created (matplotlib,
    SQLAlchemy, Qt wrappers: about 100 000), which kept the process alive 1.5–2.5 s after the
    window closed. Freezing them skips that walk; atexit handlers (the log file's flush among
    them) still run.
    """
    gc.freeze()
