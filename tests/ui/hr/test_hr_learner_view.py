"""HR opening a learner's dashboard reads about that learner by name, never "you" or "my"
(你 / 我): every text of the page, its panels, tooltips and chart labels, in both languages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from matplotlib.text import Text
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QWidget

from tests.reports.export_data import Org, build_org
from tests.ui.conftest import reset_app_appearance
from trainer.config import Settings
from trainer.ui.common import work
from trainer.ui.common.context import AppContext
from trainer.ui.common.language import install_language

SECOND_PERSON = {"en": re.compile(r"\b(you|your|yours|yourself|my|me|mine)\b", re.I),
                 "zh_CN": re.compile(r"[你您]|我(?!国)")}  # 我国: "China", in course titles


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    built = build_org(tmp_path_factory.mktemp("hrview") / "data")
    yield built
    built.db.close()


@pytest.fixture
def ctx(qapp: Any, org: Org) -> Iterator[AppContext]:
    context = AppContext(org.paths, Settings(org.paths.settings_file), db=org.db)
    context.set_user(org.hr)
    yield context
    work.wait_for_all()
    qapp.processEvents()
    reset_app_appearance(qapp)


def page_texts(widget: QWidget) -> list[str]:
    texts = []
    for child in [widget, *widget.findChildren(QWidget)]:
        texts += [child.toolTip(), child.windowTitle()]
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(child.text())
        if isinstance(child, QGroupBox):
            texts.append(child.title())
        if isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
    return [t for t in texts if t]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("employee_no", ["E001", "E004", "L001"])  # some answers, all wrong, none
def test_hr_reads_about_the_learner_in_the_third_person(qtbot: Any, ctx: AppContext, org: Org,
                                                        language: str, employee_no: str) -> None:
    from trainer.ui.hr.drilldown import LearnerDashboardDialog

    install_language(language)
    learner_id = org.learner_ids.get(employee_no) or org.learner.id
    dialog = LearnerDashboardDialog(ctx, learner_id)
    qtbot.addWidget(dialog)
    page = dialog.page
    name = dialog.learner.name
    texts = page_texts(dialog)
    texts += [t.get_text() for chart in page.charts() for t in chart.figure.findobj(Text)]
    wrong = [t for t in texts if SECOND_PERSON[language].search(t)]
    assert not wrong, f"{employee_no} ({language}) speaks to HR as the learner: {wrong}"
    assert any(name in t for t in texts), "the learner is named"


def test_the_learner_still_reads_about_themselves(qtbot: Any, ctx: AppContext, org: Org) -> None:
    """The same page for the learner keeps its second person."""
    from trainer.ui.learner.dashboard import DashboardPage

    install_language("zh_CN")
    ctx.set_user(org.learner)  # L001: nothing studied yet
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    assert page.title.text() == "我的进度"
