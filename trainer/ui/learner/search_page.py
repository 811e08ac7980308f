"""Search across the installed courses; choosing a result opens the lesson at that spot."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from trainer.ui.common.context import PACKS, AppContext
from trainer.ui.common.language import current_language
from trainer.ui.common.work import run_work
from trainer.ui.learner.richtext import RichTextDelegate
from trainer.ui.learner.style import apply_learner_style

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
ModelIndex = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    """Search hits: where (module · course) over the snippet with the match in bold."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[Any] = []

    def set_hits(self, hits: Sequence[Any]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> Any:
        return self._hits[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        where = f"{hit.module_title}  ·  {hit.pack_title}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{where}\n{hit.snippet}"
        if role == HTML_ROLE:
            start, end = hit.match_start, hit.match_start + hit.match_length
            snippet = (html.escape(hit.snippet[:start]) + "<b>" + html.escape(hit.snippet[start:end])
                       + "</b>" + html.escape(hit.snippet[end:]))
            return f"<div style='font-weight:600'>{html.escape(where)}</div><div>{snippet}</div>"
        if role == HIT_ROLE:
            return hit
        return None


class SearchPage(QWidget):
    """Type to search (Chinese substrings work); Enter or a click opens the hit."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.index: Any = None
        self._building = False
        self.setObjectName("SearchPage")
        apply_learner_style(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.field = QLineEdit()
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(lambda _t: self._debounce.start())
        self.field.returnPressed.connect(self._open_first)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.run_search)
        self.summary = QLabel()
        self.summary.setObjectName("subtitle")
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(RichTextDelegate(HTML_ROLE, self.results))
        self.results.setWordWrap(True)
        self.results.activated.connect(self.open_hit)
        self.results.clicked.connect(self.open_hit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        for widget in (self.title, self.field, self.summary, self.results):
            layout.addWidget(widget)
        # packs whose whole final was handed in, and questions of a pool met in handed-in sittings
        self._handed_in: tuple[frozenset[str], frozenset[tuple[str, str]]] | None = None
        ctx.dataChanged.connect(self._on_data_changed)
        ctx.userChanged.connect(self._forget_handed_in)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Search the courses"))
        self.field.setPlaceholderText(self.tr("Words to find, e.g. 一网通办 or data sharing"))
        self.field.setAccessibleName(self.tr("Search"))
        self.results.setAccessibleName(self.tr("Search results"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._invalidate()  # the other language's courses come first now
        super().changeEvent(event)

    def on_shown(self) -> None:
        self.field.setFocus()
        self.field.selectAll()
        self.ensure_index()

    def _on_data_changed(self, what: str) -> None:
        if what == PACKS:
            self._invalidate()
        self._forget_handed_in()

    def _forget_handed_in(self, *_: Any) -> None:
        self._handed_in = None

    def handed_in(self) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
        """Packs whose final assessment the signed-in learner has handed in (searched there),
        and of a question pool the questions met in handed-in sittings (nobody signed in:
        none)."""
        if self._handed_in is None:
            from trainer.analytics.assessment import revealed

            user = self.ctx.user
            self._handed_in = (frozenset(), frozenset()) if user is None else revealed(
                self.ctx.db, user.id, self.ctx.library.packs())
        return self._handed_in

    def _invalidate(self) -> None:
        self.index = None
        if self.isVisible():
            self.ensure_index()

    def ensure_index(self) -> None:
        """Build the index off the GUI thread with progress; searches wait for it."""
        if self.index is not None or self._building:
            return
        from trainer.content.search import SearchIndex

        self._building = True
        self.summary.setText(self.tr("Preparing the search…"))

        language = current_language()[:2]

        def build(progress: Any) -> Any:
            # courses in the interface language first, so their hits come first
            packs = sorted(self.ctx.library.packs(),
                           key=lambda p: not p.language.lower().startswith(language))
            return SearchIndex.build(packs, lambda done, total: progress.update(done, total))

        run_work(self, self.ctx, build, title=self.tr("Preparing the search…"),
                 on_success=self._index_ready).finished.connect(self._build_finished)

    def _build_finished(self) -> None:
        self._building = False

    def _index_ready(self, index: Any) -> None:
        self.index = index
        self.summary.clear()
        self.run_search()

    def run_search(self) -> None:
        query = self.field.text().strip()
        if self.index is None:
            self.ensure_index()
            return
        packs, questions = self.handed_in()
        hits = self.index.search(query, handed_in=packs, revealed=questions) if query else []
        self.model.set_hits(hits)
        if not query:
            self.summary.clear()
        elif hits:
            self.summary.setText(self.tr("%n place(s) found", "", len(hits)))
        else:
            self.summary.setText(self.tr("Nothing found. Try fewer or shorter words."))

    def _open_first(self) -> None:
        self._debounce.stop()
        self.run_search()
        if self.model.rowCount() > 0:
            self.open_hit(self.model.index(0, 0))

    def open_hit(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.ctx.request_page("reader", (hit.pack_id, hit.module_id, hit.exercise_id,
                                             hit.matched_text))
