"""Screenshots of "My progress" for a seeded learner, in Chinese and English, light and dark.

    QT_QPA_PLATFORM=offscreen python tools/dashboard_screenshots.py [OUT_DIR]

Writes dashboard-<language>-<theme>.png (default: assets/screenshots). The learner is the one
the dashboard tests use (tests/ui/dashboard_seed.py), studying the built-in course in the
screenshot's language, compared with the front-line officer role.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(out: Path) -> None:
    from tests.ui.dashboard_seed import seed
    from trainer.config import Paths, Settings, bundled_courses_dir
    from trainer.content.library import Library
    from trainer.store.db import open_database
    from trainer.store.learners import get_learner
    from trainer.ui.app import create_application
    from trainer.ui.common.context import AppContext
    from trainer.ui.common.fonts import install_cjk_font
    from trainer.ui.common.language import install_language
    from trainer.ui.common.theme import apply_theme
    from trainer.ui.learner.dashboard import DashboardPage

    app = create_application()
    install_cjk_font(app)
    out.mkdir(parents=True, exist_ok=True)
    for language, pack_id in (("zh_CN", "digital-government"), ("en", "digital-government-en")):
        install_language(language)
        paths = Paths(Path(tempfile.mkdtemp(prefix="trainer-shots-"))).ensure()
        db = open_database(paths)
        library = Library(paths.packs_dir, bundled_courses_dir())
        ids = seed(db, library.get(pack_id))  # the learner studies the course in that language
        ctx = AppContext(paths, Settings(paths.settings_file), db=db, library=library)
        ctx.set_user(get_learner(db, ids["E1001"]))
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            page = DashboardPage(ctx)
            page._roles[ids["E1001"]] = "frontline-officer"
            page.reload()
            page.resize(1280, 1340)
            page.show()
            app.processEvents()
            target = out / f"dashboard-{language.split('_')[0]}-{theme}.png"
            page.grab().save(str(target))
            print(f"wrote {target}")
            page.close()
            page.deleteLater()
            app.processEvents()
        db.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "assets" / "screenshots")
