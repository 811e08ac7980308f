"""A list delegate that draws a little HTML (bold match, two lines) and sizes rows to fit.

Laying out rich text is the costly part (a list asks for every row's size whenever it lays
itself out, e.g. when the current row changes), so laid-out documents are kept per text, font
and width, a few hundred at most.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QIcon, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from trainer.ui.learner.roles import DECORATION_ROLE

PADDING = 8
KEPT_DOCUMENTS = 400
SCROLL_BAR_ALWAYS_OFF = 1  # Qt.ScrollBarPolicy.ScrollBarAlwaysOff


class RichTextDelegate(QStyledItemDelegate):
    """Paints ``index.data(html_role)`` as rich text; selection colours follow the palette.

    It draws the sign-in list, which is on screen before PySide6 builds the ``Qt`` and
    ``QStyle`` enums (see ``ui/common/painted.py``): roles and the scroll-bar policy are
    numbers here, and the row's background is drawn by the base class."""

    def __init__(self, html_role: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.html_role = html_role
        self._documents: OrderedDict[tuple[str, str, int], QTextDocument] = OrderedDict()
        if hasattr(parent, "setHorizontalScrollBarPolicy"):  # rows wrap; never scroll sideways
            parent.setProperty("horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)

    def _document(self, option: QStyleOptionViewItem, index: Any, width: int) -> QTextDocument:
        html = str(index.data(self.html_role) or "")
        width = max(50, width - 2 * PADDING)
        key = (html, option.font.key(), width)
        document = self._documents.get(key)
        if document is not None:
            self._documents.move_to_end(key)
            return document
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(html)
        document.setTextWidth(width)
        self._documents[key] = document
        if len(self._documents) > KEPT_DOCUMENTS:
            self._documents.popitem(last=False)
        return document

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                        index: QModelIndex | QPersistentModelIndex) -> None:
        """The base class draws the row's background, selection and focus without the text
        and icon, which ``paint`` draws itself."""
        super().initStyleOption(option, index)
        option.text = ""
        option.icon = QIcon()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        icon = index.data(DECORATION_ROLE)
        indent = 0
        if isinstance(icon, QIcon) and not icon.isNull():
            size = option.decorationSize
            top = option.rect.top() + (option.rect.height() - size.height()) // 2
            icon.paint(painter, QRect(option.rect.left() + PADDING, top, size.width(),
                                      size.height()))
            indent = size.width() + PADDING
        document = self._document(option, index, option.rect.width() - indent)
        context = QAbstractTextDocumentLayout.PaintContext()
        view = self.parent()
        selected = bool(hasattr(view, "selectionModel") and view.selectionModel() is not None
                        and view.selectionModel().isSelected(index))
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + PADDING + indent, option.rect.top() + PADDING)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = option.rect.width() if option.rect.width() > 0 else 600
        view = self.parent()
        if hasattr(view, "viewport"):
            width = view.viewport().width()  # the row's real width, also before first layout
        icon = index.data(DECORATION_ROLE)
        indent = option.decorationSize.width() + PADDING if isinstance(icon, QIcon) else 0
        document = self._document(option, index, width - indent)
        return QSize(max(0, width - 2 * PADDING), int(document.size().height()) + 2 * PADDING)
