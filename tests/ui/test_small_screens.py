"""The window fits the small screens of government laptops (1366×768, 1280×720 with a task
bar) with its status bar showing, and opens where it was left, never off every screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication

from trainer.config import Paths, Settings
from trainer.ui.common.context import AppContext
from trainer.ui.common.placement import DEFAULT_SIZE, first_geometry, fitted_geometry
from trainer.ui.common.shell import MainWindow

TASK_BAR = 48
SMALL_SCREENS = [QRect(0, 0, 1366, 768 - TASK_BAR), QRect(0, 0, 1280, 720 - TASK_BAR)]
SCREENS = ["signin", "library", "reader", "dashboard", "hr"]


@pytest.mark.parametrize("available", SMALL_SCREENS, ids=["1366x768", "1280x720"])
def test_the_first_window_fits_a_small_screen(available: QRect) -> None:
    rect = first_geometry(available)
    assert available.contains(rect), "title bar and status bar both on the screen"
    assert rect.width() >= 1100, "as wide as the default where there is room"
    big = first_geometry(QRect(0, 0, 1920, 1040))
    assert big.size() == DEFAULT_SIZE


def test_a_place_on_a_screen_that_is_gone_comes_back() -> None:
    laptop = QRect(0, 0, 1280, 672)
    assert fitted_geometry(QRect(100, 50, 900, 600), [laptop]) is None, "a good place is kept"
    projector = QRect(1920, 0, 1920, 1080)  # remembered from a second screen, unplugged since
    back = fitted_geometry(QRect(2200, 100, 1200, 800), [laptop])
    assert back is not None and laptop.contains(back)
    assert fitted_geometry(QRect(2200, 100, 1200, 800), [laptop, projector]) is None
    above = fitted_geometry(QRect(100, -500, 900, 600), [laptop])  # title bar above the top
    assert above is not None and laptop.contains(above)
    tall = fitted_geometry(QRect(10, 10, 1180, 800), [laptop])  # from a taller screen
    assert tall is not None and laptop.contains(tall) and tall.width() == 1180


def test_size_place_and_maximised_state_are_remembered(qtbot: Any, app_ctx: AppContext) -> None:
    first = MainWindow(app_ctx)
    qtbot.addWidget(first)
    first.restore_state()
    first.show()
    qtbot.waitExposed(first)
    first.setGeometry(40, 60, 640, 480)
    first.close()
    second = MainWindow(app_ctx)
    qtbot.addWidget(second)
    second.restore_state()
    assert second.geometry() == QRect(40, 60, 640, 480)
    second.show()
    second.showMaximized()
    qtbot.waitUntil(second.isMaximized)
    second.close()
    third = MainWindow(app_ctx)
    qtbot.addWidget(third)
    third.restore_state()
    assert third.windowState() & third.windowState().WindowMaximized


def test_a_window_saved_off_screen_opens_on_the_screen(qtbot: Any, app_ctx: AppContext) -> None:
    first = MainWindow(app_ctx)
    qtbot.addWidget(first)
    first.setGeometry(40, 60, 640, 480)
    first.show()
    qtbot.waitExposed(first)
    first.move(9000, 7000)  # a monitor that has since been unplugged
    first.close()
    second = MainWindow(app_ctx)
    qtbot.addWidget(second)
    second.restore_state()
    screen = QApplication.primaryScreen().availableGeometry()
    assert screen.contains(second.frameGeometry().topLeft()), second.frameGeometry()
    assert screen.intersects(second.frameGeometry())


def open_every_screen(qapp: QApplication, qtbot: Any, data: Path, language: str) -> MainWindow:
    from trainer.store.learners import create_learner
    from trainer.ui.app import install_pages, start_gui

    settings = Settings(Paths(data).settings_file)
    settings.set("language", language)
    ctx = AppContext(Paths(data), settings)
    window = start_gui(qapp, ctx)
    qtbot.addWidget(window)
    install_pages(window, ctx)
    ctx.set_user(create_learner(ctx.db, "A00", "管理员", role="admin", pin="admin-pass-1"))
    window.show()
    return window


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_screen_fits_1280x720_with_its_status_bar(qapp: QApplication, qtbot: Any,
                                                        tmp_path: Path, language: str,
                                                        reset_appearance: None) -> None:
    from trainer.ui.common import work

    window = open_every_screen(qapp, qtbot, tmp_path / language, language)
    available = SMALL_SCREENS[1]
    shots = Path(os.environ.get("TRAINER_SCREENSHOTS", tmp_path / "shots"))  # to look at them
    shots.mkdir(parents=True, exist_ok=True)
    try:
        for key in SCREENS:
            window.show_page(key)
            window.resize(available.size())
            qapp.processEvents()
            need = window.minimumSizeHint().expandedTo(window.minimumSize())
            assert need.width() <= available.width() and need.height() <= available.height(), (
                f"{key} ({language}) needs {need.width()}×{need.height()}")
            status = window.statusBar()
            assert status.isVisible()
            assert window.rect().contains(status.geometry()), f"status bar cut off on {key}"
            assert window.size() == available.size(), f"{key} forces the window larger"
            window.grab().save(str(shots / f"{key}-{language}-1280x720.png"))
    finally:
        window.close()
        work.wait_for_all()
        window.ctx.close()


def test_first_start_fits_the_screen_it_opens_on(qtbot: Any, app_ctx: AppContext) -> None:
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.restore_state()  # nothing saved yet
    screen = QApplication.primaryScreen().availableGeometry()
    assert screen.contains(window.geometry())
    assert window.size() == first_geometry(screen).size()
    assert window.size().boundedTo(DEFAULT_SIZE) == window.size()
    assert QSize(1180, 760) == DEFAULT_SIZE


CHILD = textwrap.dedent('''
    import sys
    from PySide6.QtCore import QRect, QTimer
    import trainer.ui.app as app_module

    start_gui = app_module.start_gui

    def patched(app, ctx):
        window = start_gui(app, ctx)

        def report_when_ready():
            if not window.has_page("signin") or not window.isVisible():
                return
            poll.stop()
            frame = window.frameGeometry()
            bar = window.statusBar()
            status = QRect(bar.mapToGlobal(bar.rect().topLeft()), bar.size())
            print("GEOMETRY", *frame.getRect(), *status.getRect(), int(bar.isVisible()),
                  flush=True)
            window.close()

        poll = QTimer(window)
        poll.timeout.connect(report_when_ready)
        poll.start(100)
        QTimer.singleShot(60_000, app.quit)
        return window

    app_module.start_gui = patched
    sys.argv = ["trainer", "--data-dir", sys.argv[1]]
    from trainer.cli import main
    raise SystemExit(main())
''')


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)], ids=["1366x768", "1280x720"])
def test_the_real_app_opens_inside_a_small_screen(tmp_path: Path, size: tuple[int, int]) -> None:
    """``trainer`` started on a laptop-sized screen: the window and its status bar are on it."""
    width, height = size
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    done = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "data")], env=env,
                          capture_output=True, text=True, timeout=90, check=False)
    lines = [line.split() for line in done.stdout.splitlines() if line.startswith("GEOMETRY")]
    assert lines and done.returncode == 0, done.stderr[-2000:]
    numbers = [int(n) for n in lines[0][1:]]
    frame, status, visible = QRect(*numbers[:4]), QRect(*numbers[4:8]), numbers[8]
    screen = QRect(0, 0, width, height)
    assert screen.contains(frame), f"window {frame.getRect()} on a {width}×{height} screen"
    assert visible and screen.contains(status), f"status bar at {status.getRect()}"
