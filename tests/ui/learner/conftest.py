"""Fixtures for the learner screens: the learner-mini pack as the only bundled course and a
context whose library sees it (helpers to start the app are in ``learner_helpers``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from learner_helpers import make_context
from PySide6.QtWidgets import QApplication

from trainer.config import Paths
from trainer.ui.common import work
from trainer.ui.common.context import AppContext


@pytest.fixture
def app_ctx(qapp: QApplication, paths: Paths, bundled: Path) -> Iterator[AppContext]:
    ctx = make_context(paths, bundled)
    yield ctx
    work.wait_for_all()
    qapp.processEvents()
    ctx.close()


@pytest.fixture
def learner(app_ctx: AppContext) -> Any:
    from trainer.store.learners import create_learner

    return create_learner(app_ctx.db, "1001", "张伟", "办公室")
