"""Counted nouns with their plural forms ("1 day", "2 days"; "1 天", "2 天"), for every screen.

pyside6-lupdate keeps plural forms only for ``self.tr(text, "", n)`` in a QObject method, so a
message with several counts puts each count in here and the message itself holds ``%1, %2 …``
(never "answer(s)"). English numerus entries live in ``i18n/en/shell.ts``.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QObject


class Counts(QObject):
    """One method per counted noun; the text includes the number."""

    def answers(self, n: int) -> str:
        return self.tr("%n answer(s)", "", n)

    def learners(self, n: int) -> str:
        return self.tr("%n learner(s)", "", n)

    def lesson_records(self, n: int) -> str:
        return self.tr("%n lesson record(s)", "", n)

    def accounts(self, n: int) -> str:
        return self.tr("%n account(s)", "", n)

    def rows(self, n: int) -> str:
        return self.tr("%n row(s)", "", n)

    def cells(self, n: int) -> str:
        return self.tr("%n cell(s)", "", n)

    def characters(self, n: int) -> str:
        return self.tr("%n character(s)", "", n)

    def errors(self, n: int) -> str:
        return self.tr("%n error(s)", "", n)

    def warnings(self, n: int) -> str:
        return self.tr("%n warning(s)", "", n)

    def questions(self, n: int) -> str:
        return self.tr("%n question(s)", "", n)

    def modules(self, n: int) -> str:
        return self.tr("%n module(s)", "", n)

    def exercises(self, n: int) -> str:
        return self.tr("%n exercise(s)", "", n)

    def minutes(self, n: int) -> str:
        return self.tr("%n minute(s)", "", n)

    def days(self, n: int) -> str:
        return self.tr("%n day(s)", "", n)

    def points(self, n: int) -> str:
        return self.tr("%n point(s)", "", n)

    def people(self, n: int) -> str:
        return self.tr("%n person(s)", "", n)

    def credit_hours(self, hours: Decimal | int | float | str) -> str:
        """学时, which may be a decimal ("14.25 credit hours", "1 credit hour", "14.25 学时").

        Qt's ``%n`` takes only whole numbers, so the number goes in as ``%1`` and the plural
        form is chosen by value: English says "hour" only for exactly 1 (not 0.5, 1.5 or 1.25).
        The source text is the plural, which reads right for every other value."""
        value = Decimal(str(hours))
        text = f"{value.normalize():f}" if value else "0"
        return self.tr("%1 credit hours", "", 1 if value == 1 else 2).replace("%1", text)


_counts: list[Counts] = []


def counts() -> Counts:
    """The one instance (a QObject made once the application exists)."""
    if not _counts:
        _counts.append(Counts())
    return _counts[0]
