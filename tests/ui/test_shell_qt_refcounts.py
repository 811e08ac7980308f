"""Guards against a Qt binding that miscounts references (PySide6 6.12.0 on Python 3.11).

That release drops a reference to ``True`` on every Python ``emit()``/``connect()`` and one to
``None`` on every slot call from a Qt signal. Before Python 3.12 those objects are not immortal,
so the app dies with "bool_dealloc"/"none_dealloc" after a few hundred signals. pyproject.toml
excludes that release; these tests fail at once if such a binding is installed anyway.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QPushButton


class _Emitter(QObject):
    changed = Signal(str)


def _drift(obj: object, action: Callable[[], object], times: int = 50) -> int:
    before = sys.getrefcount(obj)
    for _ in range(times):
        action()
    return sys.getrefcount(obj) - before


def test_python_emit_keeps_reference_counts(qapp: QApplication) -> None:
    emitter = _Emitter()
    emitter.changed.connect(lambda _text: None)
    assert _drift(True, lambda: emitter.changed.emit("x")) >= 0


def test_slot_calls_from_qt_keep_reference_counts(qapp: QApplication) -> None:
    button = QPushButton()
    button.clicked.connect(lambda *_args: None)
    assert _drift(None, button.click) >= -2  # a little noise from the test itself


def test_app_refuses_the_broken_release_with_the_fix() -> None:
    import pytest

    from trainer.errors import TrainerError
    from trainer.ui.app import check_binding

    if sys.version_info >= (3, 12):
        check_binding("6.12.0")  # immortal True/None: harmless there
        return
    with pytest.raises(TrainerError, match="PySide6 6.12.0 crashes") as info:
        check_binding("6.12.0")
    assert "!=6.12.0" in (info.value.hint or "")
    check_binding("6.11.3")
