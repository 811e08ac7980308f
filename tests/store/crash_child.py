"""Child process for test_crash.py: records attempts in a loop, printing each id once committed.

Usage: python crash_child.py DATA_DIR LEARNER_ID TAG COUNT   (COUNT 0 = until killed)
"""

from __future__ import annotations

import sys
from pathlib import Path

from trainer.config import Paths
from trainer.store.db import open_database
from trainer.store.progress import record_attempt, record_lesson_progress
from trainer.store.types import utcnow


def main(data_dir: str, learner_id: str, tag: str, count: str) -> int:
    db = open_database(Paths(Path(data_dir)), backup=False)
    print("ready", flush=True)
    n, limit = 0, int(count)
    while limit == 0 or n < limit:
        saved = record_attempt(db, int(learner_id), "crash-pack", "1.0.0", f"{tag}-{n}",
                               {"text": "数据共享与开放" * 10, "n": n}, 0.5,
                               {"data-sharing": 1.0}, utcnow())
        sys.stdout.write(f"{saved.id}\n")
        sys.stdout.flush()
        if n % 5 == 0:
            record_lesson_progress(db, int(learner_id), "crash-pack", tag, add_seconds=1)
        n += 1
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
