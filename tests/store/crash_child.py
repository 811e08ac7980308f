"""Child process for test_crash.py: records attempts in a loop, printing each id once committed.

Usage: python crash_child.py DATA_DIR LEARNER_ID TAG COUNT [BATCH]   (COUNT 0 = until killed)

With BATCH > 1 each commit holds BATCH answers of about 1 KB (large commits: the WAL passes
SQLite's checkpoint threshold every few commits, so kills also land inside checkpoints).
"""

from __future__ import annotations

import sys
from pathlib import Path

from trainer.config import Paths
from trainer.store.db import open_database
from trainer.store.progress import record_attempt, record_lesson_progress
from trainer.store.types import utcnow


def large_commits(db: object, learner_id: int, tag: str) -> None:
    from trainer.store.bulk import insert_attempts

    n = 0
    while True:
        rows = [{"learner_id": learner_id, "pack_id": "crash-pack", "pack_version": "1.0.0",
                 "exercise_id": f"{tag}-{n + k}", "response": {"text": "数据治理" * 80},
                 "score": 0.5, "weights": {"data-sharing": 1.0}, "started_at": utcnow()}
                for k in range(BATCH)]
        insert_attempts(db, rows, chunk=BATCH)  # type: ignore[arg-type]
        sys.stdout.write("".join(f"{row['id']}\n" for row in rows))
        sys.stdout.flush()
        n += BATCH


BATCH = 1


def main(data_dir: str, learner_id: str, tag: str, count: str, batch: str = "1") -> int:
    global BATCH
    db = open_database(Paths(Path(data_dir)), backup=False)
    print("ready", flush=True)
    BATCH = int(batch)
    if BATCH > 1:
        large_commits(db, int(learner_id), tag)
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
    sys.exit(main(*sys.argv[1:6]))
