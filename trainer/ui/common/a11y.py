"""Accessible names from what the screen already shows (WCAG 4.1.2, GB/T 37668).

A screen reader names a control from, in order, its accessible name, its buddy label, or its
own text. Controls that have none of these are read as "edit" or "table", which tells a blind
user nothing. Rather than a hand-written string per control, these helpers take the name from
the visible label beside it, so the name and the label never drift apart and both follow the
interface language (the labels are translated; call the helpers again from ``retranslate``
where the label is a tab title or a button set there).

Imported only by screens and dialogs, never on the way to the first paint.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QTabWidget,
    QTextEdit,
    QWidget,
)


def plain_label_text(text: str) -> str:
    """A label's text as a name: mnemonic ``&`` and a trailing colon removed."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":：")


def first_control(item: QLayoutItem | QWidget | QLayout | None) -> QWidget | None:
    """The first widget in ``item`` (a widget, a layout or a layout item) that takes Tab."""
    if item is None:
        return None
    if isinstance(item, QLayoutItem):
        item = item.widget() or item.layout()
    if isinstance(item, QWidget):
        if item.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return item
        for child in item.findChildren(QWidget):
            if child.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return child
        return None
    if isinstance(item, QLayout):
        for index in range(item.count()):
            found = first_control(item.itemAt(index))
            if found is not None:
                return found
    return None


def label_form_fields(form: QFormLayout) -> None:
    """Let each row's label name the row's control, also when the field is a row of its own
    (a path with its Browse… button, a code with Copy): Qt ties a form label only to a field
    that is itself a widget. A row whose "label" is a radio button or check box names the
    field with the button's text (the field belongs to that choice). Names set here are the
    label's text now: call it after the labels are translated (dialogs are built each time)."""
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = label_item.widget() if label_item is not None else None
        field = first_control(form.itemAt(row, QFormLayout.ItemRole.FieldRole))
        if field is None or label is None:
            continue
        if isinstance(label, QLabel):
            label.setBuddy(field)  # Alt+mnemonic jumps to the field
        if label.parentWidget() is not field.parentWidget():
            # screen readers look for a buddy label only beside the field, not a level up
            field.setAccessibleName(plain_label_text(label.text()))


def name_tab_pages(tabs: QTabWidget) -> None:
    """Name each page's main view (a table, a list, a text) after its tab: the tab title is
    what a sighted user reads as the view's heading. Call again after retranslating."""
    for index in range(tabs.count()):
        page = tabs.widget(index)
        view = page if isinstance(page, QAbstractItemView | QTextEdit) else next(
            iter(page.findChildren(QAbstractItemView) + page.findChildren(QTextEdit)), None)
        if view is not None:
            view.setAccessibleName(plain_label_text(tabs.tabText(index)))
