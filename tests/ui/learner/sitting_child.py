"""Child process for test_sitting_kill.py: the real app, offscreen, signs a learner in, starts
the final of learner-mini, answers two questions, says so, and runs until it is killed.

Usage: python sitting_child.py DATA_DIR BUNDLED_DIR LEARNER_ID [pool]
(``pool``: the final draws from a question pool; the choice questions drawn are answered)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))


def main(data_dir: str, bundled: str, learner_id: str, pooled: bool = False) -> int:
    from learner_helpers import LEARNER_HOOK, make_context
    from PySide6.QtWidgets import QApplication

    from trainer.config import Paths
    from trainer.store.learners import get_learner
    from trainer.ui.app import install_pages, start_gui

    app = QApplication([])
    ctx = make_context(Paths(Path(data_dir)), Path(bundled))
    window = start_gui(app, ctx)
    install_pages(window, ctx, LEARNER_HOOK)
    window.show()
    ctx.set_user(get_learner(ctx.db, int(learner_id)))
    app.processEvents()
    assert window.show_page("reader", ("learner-mini", "final"))
    view = window.page("reader").view
    view.start_button.click()
    if pooled:  # a question pool: answer the choice questions drawn, whichever they are
        for card in view.cards.values():
            if card.exercise.type in ("single", "truefalse"):
                card.input.button(0).click()
    else:
        view.cards["q-final-1"].input.button(1).click()
        view.cards["q-final-2"].input.button(0).click()
    print("answered", flush=True)  # both answers are committed by now
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4], pooled="pool" in sys.argv[4:]))
