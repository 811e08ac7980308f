"""Spaced review for a learner: 今日复习 (due items), 每日一练 (the daily set), streak and calendar.

The store keeps one FSRS card per learner and exercise (``trainer.store.review``); this module
joins the cards to the installed packs. Rules:

- every *practice* exercise (lessons and cases) becomes a review item when answered; a
  final-assessment question never does: its answers are sittings, so a review answer would count
  as a new sitting in HR's pass figures. Whether a final was handed in decides only whether its
  wrong answers may be *read* in the 错题本 (``trainer.analytics.notebook``).
- an item whose exercise vanished from the installed version of its pack is retired quietly
  (kept, counted by ``trainer db check``, never shown); items of a pack that is not installed are
  left alone until it is.
- the daily set holds ``size`` questions: half of them (rounded up) due reviews, the rest
  exercises the learner has never answered, from the competencies furthest below their role's
  target (``recommend``); when either kind runs short the other fills the set.
- a day counts as practised when the learner gave at least one review answer (review session,
  daily set or a redo from the 错题本) that local day (``trainer.analytics.practice``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import func, select

from trainer.content.model import Exercise, Module, Pack
from trainer.store import review as store_review
from trainer.store.errors import StoreError
from trainer.store.models import Attempt
from trainer.store.review import ItemInfo, ReviewNote

log = logging.getLogger(__name__)
PRACTICE_KINDS = ("lesson", "case")
DEFAULT_DAILY_SIZE = 5
SESSION_LIMIT = 50  # questions in one review session


@dataclass(frozen=True)
class ReviewEntry:
    """One question of a review session or daily set, with where it comes from."""

    pack: Pack
    module: Module
    exercise: Exercise
    item: ItemInfo | None  # None: never answered (a new question of the daily set)


@dataclass(frozen=True)
class _PackIndex:
    """What the review rules look up in a pack, built once per loaded pack."""

    practice: dict[str, tuple[Module, Exercise]]  # practice exercise id → (module, exercise)
    weights: dict[tuple[str, str], dict[str, float]]  # every exercise's, as scoring wants
    # competency → practice exercise ids training it, most weight first, then course order
    training: dict[str, list[str]]


_INDEX: dict[int, tuple[Pack, _PackIndex]] = {}


def _index(pack: Pack) -> _PackIndex:
    found = _INDEX.get(id(pack))
    if found is None or found[0] is not pack:
        practice = {e.id: (m, e) for m in pack.modules if m.kind in PRACTICE_KINDS
                    for e in m.exercises}
        ranked: dict[str, list[tuple[float, int, str]]] = {}
        for order, (exercise_id, (_m, exercise)) in enumerate(practice.items()):
            for competency, weight in exercise.weights.items():
                if weight > 0:
                    ranked.setdefault(competency, []).append((-weight, order, exercise_id))
        index = _PackIndex(practice, {(pack.id, e.id): dict(e.weights) for e in pack.exercises()},
                           {c: [e for _w, _o, e in sorted(rows)] for c, rows in ranked.items()})
        if len(_INDEX) > 64:
            _INDEX.clear()
        found = _INDEX[id(pack)] = (pack, index)
    return found[1]


def _practice(pack: Pack) -> dict[str, tuple[Module, Exercise]]:
    return _index(pack).practice


def schedules(pack: Pack, exercise_id: str) -> bool:
    """Whether answering this exercise schedules it for review: practice exercises only."""
    return exercise_id in _practice(pack)


def review_note(pack: Pack, exercise_id: str, kind: str | None = None) -> ReviewNote | None:
    """What ``record_attempt`` needs to schedule an answer (None: not a review item)."""
    return ReviewNote(kind) if schedules(pack, exercise_id) else None


def resolve(db: Any, learner_id: int, items: Iterable[ItemInfo], packs: Sequence[Pack]
            ) -> list[ReviewEntry]:
    """Items joined to the installed packs; vanished exercises are retired on the way."""
    by_id = {pack.id: pack for pack in packs}
    found, vanished = [], []
    for item in items:
        pack = by_id.get(item.pack_id)
        if pack is None:
            continue  # not installed (yet): neither shown nor retired
        practice = _practice(pack).get(item.exercise_id)
        if practice is None:
            vanished.append((item.pack_id, item.exercise_id))
            continue
        found.append(ReviewEntry(pack, practice[0], practice[1], item))
    _retire(db, learner_id, vanished)
    return found


def _retire(db: Any, learner_id: int, vanished: list[tuple[str, str]]) -> None:
    if vanished:
        try:
            store_review.retire(db, learner_id, vanished)
        except StoreError as exc:  # a read-only database: hidden now, retired another time
            log.info("Review items not retired (%s): %s", exc, vanished)


def due_today(db: Any, learner_id: int, packs: Sequence[Pack], now: datetime | None = None,
              limit: int | None = SESSION_LIMIT) -> list[ReviewEntry]:
    """今日复习: the items due now across the installed courses, the longest overdue first
    (at most ``limit``: a session of a few dozen; the rest come in the next one)."""
    return resolve(db, learner_id, store_review.due_items(db, learner_id, now, limit), packs)


_CHECKED: set[tuple[int, int, tuple[str, ...]]] = set()


def retire_vanished(db: Any, learner_id: int, packs: Sequence[Pack]) -> None:
    """Retire the learner's items whose exercise left its (installed) pack: once per learner
    and set of pack versions in this process, so counting stays one indexed query."""
    key = (id(db), learner_id, tuple(sorted(pack.key for pack in packs)))
    if key in _CHECKED:
        return
    by_id = {pack.id: _practice(pack) for pack in packs}
    _retire(db, learner_id, sorted(
        (pack_id, exercise_id) for pack_id, exercise_id in store_review.keys(db, learner_id)
        if pack_id in by_id and exercise_id not in by_id[pack_id]))
    if len(_CHECKED) > 1024:
        _CHECKED.clear()
    _CHECKED.add(key)


def due_count(db: Any, learner_id: int, packs: Sequence[Pack], now: datetime | None = None,
              *, wrong: bool = False) -> int:
    """How many items are due now across the installed courses (the panel's 今日复习);
    ``wrong``: how many practice exercises are in the 错题本."""
    retire_vanished(db, learner_id, packs)
    return store_review.count_items(db, learner_id, [p.id for p in packs], now, wrong=wrong)


def _best(db: Any, learner_id: int, pack_ids: list[str]) -> dict[tuple[str, str], float]:
    """Best graded result per (pack, exercise): the same rule as the competency scores."""
    query = (select(Attempt.pack_id, Attempt.exercise_id, func.max(Attempt.score))
             .where(Attempt.learner_id == learner_id, Attempt.pack_id.in_(pack_ids),
                    Attempt.score.is_not(None))
             .group_by(Attempt.pack_id, Attempt.exercise_id))
    with db.reader() as session:
        return {(p, e): float(b) for p, e, b in session.connection().execute(query)}


def _gaps(packs: Sequence[Pack], best: dict[tuple[str, str], float], role_id: str | None
          ) -> list[str]:
    """Competencies, the furthest below the role's targets first, then the weakest others
    (all of them in the end: a learner who mastered everything still gets new questions)."""
    from trainer.analytics.recommend import weakest_gaps
    from trainer.analytics.scoring import merged_framework, role_gap, score_competencies

    framework = merged_framework(packs)
    if framework is None:
        return []
    weights: dict[tuple[str, str], dict[str, float]] = {}
    for pack in packs:
        weights.update(_index(pack).weights)
    scores = score_competencies(best, weights, framework)
    ranked = []
    if role_id is not None:
        try:
            ranked = [g.competency_id for g in role_gap(framework, scores, role_id)]
        except KeyError:
            log.info("Role profile %r is not in the framework: weakest areas instead", role_id)
    ranked += [g.competency_id for g in weakest_gaps(framework, scores)
               if g.competency_id not in ranked]
    rest = sorted((c.id for c in framework.competencies if c.id not in ranked),  # all mastered
                  key=lambda c: scores[c].score if c in scores else 0.0)
    return ranked + rest


def unseen(db: Any, learner_id: int, packs: Sequence[Pack], role_id: str | None,
           wanted: int) -> list[ReviewEntry]:
    """Up to ``wanted`` never-answered practice exercises, for the largest gaps first."""
    best = _best(db, learner_id, [p.id for p in packs])
    found: list[ReviewEntry] = []
    taken = set(best)
    for competency in _gaps(packs, best, role_id):
        for pack in packs:
            index = _index(pack)
            for exercise_id in index.training.get(competency, ()):
                if (pack.id, exercise_id) in taken:
                    continue
                taken.add((pack.id, exercise_id))
                found.append(ReviewEntry(pack, *index.practice[exercise_id], None))
                if len(found) >= wanted:
                    return found
    return found


def mix(due: Sequence[ReviewEntry], fresh: Sequence[ReviewEntry], size: int
        ) -> list[ReviewEntry]:
    """Half due reviews (rounded up), half new questions; either fills in for the other."""
    want_due = max((size + 1) // 2, size - len(fresh))
    take_due = list(due[:want_due])
    take_new = list(fresh[:size - len(take_due)])
    mixed: list[ReviewEntry] = []
    while take_due or take_new:
        if take_due:
            mixed.append(take_due.pop(0))
        if take_new:
            mixed.append(take_new.pop(0))
    return mixed


def daily_set(db: Any, learner_id: int, packs: Sequence[Pack], role_id: str | None,
              size: int = DEFAULT_DAILY_SIZE, now: datetime | None = None) -> list[ReviewEntry]:
    """每日一练: ``size`` questions mixing due reviews with unseen exercises (module rules)."""
    packs = list(packs)
    due = due_today(db, learner_id, packs, now, limit=size)
    wanted = size - min(len(due), (size + 1) // 2)  # the new questions the mix can take
    fresh = unseen(db, learner_id, packs, role_id, wanted) if wanted else []
    return mix(due, fresh, size)


@dataclass(frozen=True)
class Overview:
    """The counts on the library's and the dashboard's review panel."""

    due: int  # 今日复习
    notebook: int  # practice exercises in the 错题本
    daily_done: int  # answers in today's daily set
    daily_size: int
    days: Any  # practice.PracticeDays


def overview(db: Any, learner_id: int, packs: Sequence[Pack], daily_size: int,
             now: datetime | None = None, zone: tzinfo | None = None) -> Overview:
    """Due items, the 错题本's size and today's daily practice, in a few indexed queries."""
    packs = list(packs)
    from trainer.analytics.practice import practice_days

    days = practice_days(db, learner_id, now, zone)
    return Overview(due_count(db, learner_id, packs, now),
                    due_count(db, learner_id, packs, now, wrong=True),
                    min(days.daily_today, daily_size), daily_size, days)
