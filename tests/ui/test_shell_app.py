"""The whole start path of ``trainer`` (run_app): window first, then the screens, then exit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QTimer
from PySide6.QtWidgets import QApplication

from trainer.cli import CliContext
from trainer.config import resolve_paths
from trainer.ui.app import run_app
from trainer.ui.common.shell import MainWindow
from trainer.ui.common.single_instance import LOCK_NAME, SingleInstance


def settle_event_loop(app: QApplication) -> None:
    """A quit request still queued after exec() returned would end every later test's event
    loop at once; one short exec() consumes it and resets Qt's quit flag."""
    QTimer.singleShot(0, app.quit)
    app.exec()


def _main_window(app: QApplication) -> MainWindow | None:
    windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    return windows[0] if windows else None


def test_app_opens_on_the_sign_in_screen_and_closes_cleanly(
        qapp: QApplication, data_dir: Path, reset_appearance: Any,
        message_boxes: list[Any], monkeypatch: Any) -> None:
    seen: dict[str, Any] = {}
    preloads: list[bool] = []
    monkeypatch.setattr("trainer.ui.common.charts.preload_in_background",
                        lambda: preloads.append(_main_window(qapp) is not None))

    def check() -> None:
        window = _main_window(qapp)
        # the sign-in screen comes first, the other areas once it is drawn
        if window is not None and window.has_page("signin") and window.has_page("hr"):
            seen["page"] = window.current_page
            seen["title"] = window.windowTitle()
            probe = QLockFile(str(data_dir / LOCK_NAME))
            seen["locked"] = not probe.tryLock(0)  # a second start would be refused
            seen["pages"] = [key for key in ("library", "workspace", "hr") if window.has_page(key)]
            window.close()  # like the user: the last window closed ends the app

    poll = QTimer()
    poll.timeout.connect(check)
    poll.start(50)
    QTimer.singleShot(30_000, qapp.quit)  # never hang the suite
    try:
        status = run_app(CliContext(paths=resolve_paths(data_dir), database_url=None))
    finally:
        poll.stop()
        settle_event_loop(qapp)
    assert status == 0
    assert [box.text() for box in message_boxes] == []  # every screen area installed cleanly
    assert seen["page"] == "signin"
    assert seen["pages"] == ["library", "workspace", "hr"]  # every area plugged in
    assert seen["title"] == "Trainer — 数字政府能力培训"
    assert seen["locked"]  # a second start for this folder would have been refused
    assert preloads == [True]  # charts load in the background once the window is up
    log_text = (data_dir / "logs" / "trainer.log").read_text(encoding="utf-8")
    assert "starting with data folder" in log_text and "Screens installed" in log_text
    again = SingleInstance(data_dir)
    assert again.acquire()  # released on exit
    again.release()
