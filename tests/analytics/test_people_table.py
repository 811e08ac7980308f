"""HR's learner table a page at a time: the ids in SQL are the whole table's rows in its order,
and a page read for its learners only holds the very rows the whole table holds for them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.reports.export_data import COURSE, Org, build_org
from trainer.analytics.cohort import learner_table
from trainer.analytics.filters import CohortFilter
from trainer.analytics.namesearch import query_words
from trainer.analytics.people import fill_search_keys, table_ids


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    built = build_org(tmp_path_factory.mktemp("people") / "data")
    fill_search_keys(built.db)
    yield built
    built.db.close()


FILTERS = [CohortFilter(), CohortFilter(department="民政局"), CohortFilter(course=COURSE)]


@pytest.mark.parametrize("flt", FILTERS, ids=["everyone", "department", "course"])
def test_ids_are_the_whole_tables_rows_in_its_order(org: Org, flt: CohortFilter) -> None:
    whole = sorted(learner_table(org.db, org.packs, flt),
                   key=lambda r: (r.department is None, r.department or "", r.employee_no))
    assert table_ids(org.db, org.packs, flt) == [r.learner_id for r in whole]


@pytest.mark.parametrize("flt", FILTERS, ids=["everyone", "department", "course"])
def test_a_page_holds_the_same_rows_as_the_whole_table(org: Org, flt: CohortFilter) -> None:
    whole = {r.learner_id: r for r in learner_table(org.db, org.packs, flt)}
    ids = table_ids(org.db, org.packs, flt)
    for page in (ids[:2], ids[2:5], ids[-1:]):
        rows = learner_table(org.db, org.packs, flt, only=page)
        assert {r.learner_id for r in rows} == set(page)
        assert all(row == whole[row.learner_id] for row in rows)
    assert any(r.completion > 0 for r in whole.values()), "the figures are not all empty"


def test_search_and_sql_orders(org: Org) -> None:
    everyone = learner_table(org.db, org.packs)
    by_number = sorted(everyone, key=lambda r: r.employee_no, reverse=True)
    assert table_ids(org.db, org.packs, None, (), "employee_no", True) == [
        r.learner_id for r in by_number]
    person = everyone[0]
    found = table_ids(org.db, org.packs, None, query_words(person.employee_no))
    assert found == [person.learner_id]
    assert table_ids(org.db, org.packs, None, query_words("no such person")) == []
