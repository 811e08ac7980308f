"""The sign-in list as a model that reads the store a page at a time.

An organisation of 10,000 people is never loaded whole: the model holds the rows fetched so
far (``canFetchMore``/``fetchMore``, which the view calls as it scrolls), and a typed search
is a SQL query over the learners' search keys (``store.people_list``), so a keystroke costs
one indexed query and the first page, not a pass over everyone. Before the store is open (the
first moments after start) it shows the first page cached from the last run
(``roster_cache``), filtered in memory.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex

from trainer.analytics.namesearch import matches, person_key, query_words
from trainer.ui.learner.roles import (
    ACCESSIBLE_TEXT_ROLE,
    DISPLAY_ROLE,
    HTML_ROLE,
    LEARNER_ROLE,
    learner_details,
)

log = logging.getLogger(__name__)
PAGE = 100  # rows per fetch: several screens' worth, one quick query
ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class FirstPage:
    """What a worker reads for the list: everyone's count, the matches' count and first rows."""

    words: tuple[str, ...]
    everyone: int
    total: int
    rows: list[Any]


def read_first_page(db: Any, words: Sequence[str], everyone: int | None = None) -> FirstPage:
    """The counts and the first page for ``words`` (off the GUI thread at start; on it for a
    keystroke, which knows ``everyone`` already: two indexed queries)."""
    from trainer.store import people_list

    total = people_list.count(db, words)
    if everyone is None:
        everyone = people_list.count(db) if words else total
    return FirstPage(tuple(words), everyone, total, people_list.page(db, words, 0, PAGE))


class LazyLearnerModel(QAbstractListModel):
    """Active learners in dictionary order, fetched as the view scrolls; see the module doc."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._db: Any = None
        self._words: tuple[str, ...] = ()
        self._rows: list[Any] = []
        self._total = 0
        self._everyone = 0
        self._cached: list[Any] = []

    # --- sources ------------------------------------------------------------------------------

    def show_cached(self, learners: Sequence[Any]) -> None:
        """The first page from the last run, until the store is open."""
        self._db = None
        self._cached = list(learners)
        self._everyone = len(self._cached)
        self._apply_cached()

    def attach(self, db: Any, first: FirstPage) -> None:
        """Read from the store from now on, starting with ``first`` (read on a worker); if the
        search changed meanwhile, the current one is queried instead."""
        self._db, self._cached, self._everyone = db, [], first.everyone
        if first.words != self._words:
            self.refresh()
            return
        self._reset(first.total, first.rows)

    def refresh(self, *, everyone_known: bool = False) -> None:
        """Query again (the learners or their keys changed), keeping the search."""
        if self._db is None:
            self._apply_cached()
            return
        try:
            first = read_first_page(self._db, self._words,
                                    self._everyone if everyone_known else None)
        except Exception as exc:  # noqa: BLE001 - a list that cannot be read is left as it is
            log.warning("Could not read the sign-in list: %s", exc)
            return
        self._everyone = first.everyone
        self._reset(first.total, first.rows)

    def set_query(self, text: str) -> None:
        """Show the learners matching every typed word (name, number, department; pinyin)."""
        self._words = tuple(query_words(text))
        self.refresh(everyone_known=True)

    def _apply_cached(self) -> None:
        rows = [learner for learner in self._cached
                if matches(person_key(str(learner.name), str(learner.employee_no),
                                      learner.department, pinyin=False), self._words)]
        self._reset(len(rows), rows)

    def _reset(self, total: int, rows: list[Any]) -> None:
        self.beginResetModel()
        self._total, self._rows = total, list(rows)
        self.endResetModel()

    # --- fetching -----------------------------------------------------------------------------

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._db is not None and len(self._rows) < self._total

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: N802, B008
        if not self.canFetchMore(parent):
            return
        from trainer.store import people_list

        try:
            more = people_list.page(self._db, self._words, len(self._rows), PAGE)
        except Exception as exc:  # noqa: BLE001 - shown as the end of the list
            log.warning("Could not read more of the sign-in list: %s", exc)
            more = []
        if not more:
            self._total = len(self._rows)  # the list shrank meanwhile: stop asking
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def locate(self, learner_id: int) -> int:
        """The row of a learner, fetching down to it if it is further than the rows read so
        far; -1 if the (filtered) list does not have them."""
        row = self.row_of(learner_id)
        if row >= 0 or self._db is None:
            return row
        from trainer.store import people_list

        wanted = people_list.position(self._db, learner_id, self._words)
        while wanted >= 0 and len(self._rows) <= wanted and self.canFetchMore():
            self.fetchMore()
        return self.row_of(learner_id)

    # --- reading ------------------------------------------------------------------------------

    @property
    def everyone(self) -> int:
        """Active learners on this machine, whatever the search."""
        return self._everyone

    @property
    def total(self) -> int:
        """Learners matching the search (fetched or not)."""
        return self._total

    def rows(self) -> list[Any]:
        return list(self._rows)

    def learner(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, learner_id: Any) -> int:
        return next((row for row, one in enumerate(self._rows) if one.id == learner_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> Any:
        """Roles as numbers (``roles``): the list is drawn before Qt's enums are built."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        learner = self._rows[index.row()]
        if role == DISPLAY_ROLE:
            return f"{learner.name}\n{learner_details(learner)}"
        if role == ACCESSIBLE_TEXT_ROLE:
            return f"{learner.name}, {learner_details(learner)}"
        if role == HTML_ROLE:
            return (f"<div style='font-size:16px'>{html.escape(learner.name)}</div>"
                    f"<div style='font-size:13px'>{html.escape(learner_details(learner))}</div>")
        if role == LEARNER_ROLE:
            return learner
        return None
