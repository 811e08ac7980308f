"""错题本: every exercise the learner got wrong or partly wrong, with the last answer.

A practice exercise is in the book while its review item is marked wrong (``store.review``: it
leaves after two spaced right answers) and can be redone from there. A final-assessment
question the learner got wrong is listed, to read only, once the final is handed in (before
that, nothing of the final is shown); redoing it would count as a new sitting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from trainer.analytics.assessment import final_assessment, handed_in
from trainer.analytics.review import resolve
from trainer.content.model import Exercise, Module, Pack
from trainer.store import review as store_review
from trainer.store.models import Attempt
from trainer.store.review import ItemInfo
from trainer.store.types import as_utc

GROUPINGS = ("course", "module", "competency")


@dataclass(frozen=True)
class NotebookEntry:
    pack: Pack
    module: Module
    exercise: Exercise
    response: Any  # the last answer given
    score: float | None
    answered_at: datetime
    item: ItemInfo | None  # None: a final-assessment question, read only

    @property
    def redo(self) -> bool:
        return self.item is not None

    @property
    def competency(self) -> str:
        """The competency the exercise trains most (ties: the framework's first)."""
        weights = self.exercise.weights
        return max(weights, key=lambda c: (weights[c], -list(weights).index(c))) if weights else ""


def _last_answers(db: Any, learner_id: int, keys: set[tuple[str, str]]
                  ) -> dict[tuple[str, str], Any]:
    if not keys:
        return {}
    query = (select(Attempt.pack_id, Attempt.exercise_id, Attempt.response, Attempt.score,
                    Attempt.started_at, Attempt.finished_at)
             .where(Attempt.learner_id == learner_id,
                    Attempt.pack_id.in_(sorted({pack for pack, _ in keys})))
             .order_by(Attempt.started_at, Attempt.recorded_at))
    latest: dict[tuple[str, str], Any] = {}
    with db.reader() as session:
        for row in session.execute(query):
            if (row.pack_id, row.exercise_id) in keys:
                latest[(row.pack_id, row.exercise_id)] = row
    return latest


def notebook(db: Any, learner_id: int, packs: Sequence[Pack]) -> list[NotebookEntry]:
    """The learner's 错题本 over the installed packs, in course and reading order."""
    packs = list(packs)
    wrong = resolve(db, learner_id, store_review.items(db, learner_id, wrong_only=True), packs)
    finals = {p.id: m for p in packs if p.id in handed_in(db, learner_id, packs)
              and (m := final_assessment(p)) is not None}
    keys = {(e.pack.id, e.exercise.id) for e in wrong}
    keys |= {(pack_id, e.id) for pack_id, module in finals.items() for e in module.exercises}
    latest = _last_answers(db, learner_id, keys)
    entries = []
    for entry in wrong:
        row = latest.get((entry.pack.id, entry.exercise.id))
        if row is not None:
            entries.append(NotebookEntry(entry.pack, entry.module, entry.exercise, row.response,
                                         row.score, as_utc(row.finished_at or row.started_at),
                                         entry.item))
    by_id = {p.id: p for p in packs}
    for pack_id, module in finals.items():
        for exercise in module.exercises:
            row = latest.get((pack_id, exercise.id))
            if row is not None and row.score is not None and row.score < 1.0:
                entries.append(NotebookEntry(by_id[pack_id], module, exercise, row.response,
                                             row.score,
                                             as_utc(row.finished_at or row.started_at), None))
    order = {(p.id, e.id): (i, j) for i, p in enumerate(packs)
             for j, e in enumerate(p.exercises())}
    entries.sort(key=lambda e: order[(e.pack.id, e.exercise.id)])
    return entries


def group_title(entry: NotebookEntry, by: str) -> str:
    """The heading an entry is listed under when grouped ``by`` course, module or competency."""
    if by == "course":
        return entry.pack.title
    if by == "module":
        return f"{entry.pack.title} · {entry.module.title}"
    try:
        return entry.pack.framework.competency(entry.competency).title
    except KeyError:
        return entry.competency
