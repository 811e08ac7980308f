"""Counts read right: "1 day", "2 days" in English through Qt's plural forms (never "day(s)" or
"1 days"), and Chinese has one form without English leftovers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from trainer.ui.i18n import I18N_DIR, qm_file

NOUNS = ("answers|learners|records|accounts|rows|cells|characters|errors|warnings|questions|"
         "modules|exercises|minutes|hours|seconds|days|points|people|problems|places")
# A count written into a plain (non-plural) message: "%2 days", "%1 lesson records", "row(s)".
COUNTED = re.compile(rf"\(s\)|%\d+\s+(?:(?!with\b)[a-z]+\s)?(?:{NOUNS})\b")


def messages(locale: str) -> list[tuple[str, str, ET.Element]]:
    found = []
    for ts in sorted((I18N_DIR / locale).glob("*.ts")):
        for context in ET.parse(ts).iter("context"):
            for message in context.iter("message"):
                found.append((f"{ts.name} [{context.findtext('name')}]",
                              message.findtext("source") or "", message))
    return found


def test_no_count_is_written_into_a_message_without_plural_forms() -> None:
    offenders = [f"{where} {source!r}" for where, source, message in messages("zh_CN")
                 if message.get("numerus") != "yes" and COUNTED.search(source)]
    assert not offenders, ("a count needs Qt's plural forms: self.tr(\"%n day(s)\", \"\", n) or "
                           "trainer.ui.common.counts:\n" + "\n".join(offenders))


def test_english_plural_forms_are_singular_and_plural() -> None:
    problems = []
    for where, source, message in messages("en"):
        forms = [f.text or "" for f in message.iter("numerusform")]
        if len(forms) != 2 or any("(s)" in f for f in forms) or forms[0] == forms[1] and \
                "(s)" in source:
            problems.append(f"{where} {source!r}: {forms}")
    assert not problems, "\n".join(problems)


def test_chinese_has_one_form_and_no_english_plural() -> None:
    problems = []
    for where, source, message in messages("zh_CN"):
        if message.get("numerus") != "yes":
            continue
        forms = [f.text or "" for f in message.iter("numerusform")]
        if len(forms) != 1 or re.search(r"\(s\)|[A-Za-z]{3,}", forms[0].replace("%n", "")):
            problems.append(f"{where} {source!r}: {forms}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("locale", "one", "two"), [
    ("en", ["1 day", "1 answer", "1 learner", "1 lesson record"],
     ["2 days", "2 answers", "2 learners", "2 lesson records"]),
    ("zh_CN", ["1 天", "1 次答题", "1 名学员", "1 条学习记录"],
     ["2 天", "2 次答题", "2 名学员", "2 条学习记录"]),
])
def test_counts_on_screen(qapp: object, locale: str, one: list[str], two: list[str]) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from trainer.ui.common.counts import counts

    translator = QTranslator()
    assert translator.load(str(qm_file(locale)))
    QCoreApplication.installTranslator(translator)
    try:
        c = counts()
        assert [c.days(1), c.answers(1), c.learners(1), c.lesson_records(1)] == one
        assert [c.days(2), c.answers(2), c.learners(2), c.lesson_records(2)] == two
    finally:
        QCoreApplication.removeTranslator(translator)


def test_every_english_plural_reads_right_at_one_and_two(qapp: object) -> None:
    """Through the compiled file, as the screens get them."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(qm_file("en")))
    for where, source, _message in messages("en"):
        context = where.split("[", 1)[1].rstrip("]")
        single = translator.translate(context, source, "", 1)
        double = translator.translate(context, source, "", 2)
        assert single and "(s)" not in single and "(s)" not in double, (where, source)
        if "(s)" in source:
            assert single != double, (where, source)
