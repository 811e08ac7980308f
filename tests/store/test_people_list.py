"""The sign-in list read a page at a time: dictionary order, pinyin search in SQL, keys that
follow the person (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

from trainer.analytics.namesearch import query_words
from trainer.analytics.people import fill_search_keys
from trainer.store import people_list
from trainer.store.bulk import insert_learners
from trainer.store.db import Database
from trainer.store.learners import create_learner, get_learner, update_learner

PEOPLE = [("1", "张伟", "办公室"), ("2", "王小明", None), ("3", "阿强", "财政局"),
          ("4", "陈静", None), ("5", "李娜", "数据管理局"), ("6", "钟嘉东", None),
          ("8", "陈静", None), ("7", "陈静", None), ("9", "曾凡", "财政局"),
          ("10", "Wang Fang", None)]


def names(db: Database, text: str = "") -> list[str]:
    words = query_words(text)
    return [p.name for p in people_list.page(db, words, 0, 100)]


def seeded(store: Database) -> Database:
    for number, name, department in PEOPLE:
        create_learner(store, number, name, department)
    assert fill_search_keys(store) == len(PEOPLE)
    return store


def test_order_is_pinyin_then_employee_number(store: Database) -> None:
    db = seeded(store)
    shown = [(p.name, p.employee_no) for p in people_list.page(db, (), 0, 100)]
    assert shown == [("阿强", "3"), ("陈静", "4"), ("陈静", "7"), ("陈静", "8"), ("李娜", "5"),
                     ("王小明", "2"), ("Wang Fang", "10"), ("曾凡", "9"), ("张伟", "1"),
                     ("钟嘉东", "6")], "曾 read as a surname (zeng, before zhang)"
    assert [p.name for p in people_list.page(db, (), 3, 2)] == ["陈静", "李娜"], "pages follow on"


def test_search_by_pinyin_initials_number_department_and_full_width(store: Database) -> None:
    db = seeded(store)
    assert names(db, "zengfan") == ["曾凡"]
    assert names(db, "zw") == ["张伟"] and names(db, "bgs") == ["张伟"], "department initials"
    assert names(db, "zhang w") == ["张伟"]
    assert names(db, "ＬＩ ｎａ") == ["李娜"]
    assert names(db, "财政") == ["阿强", "曾凡"]
    assert names(db, "caizheng") == ["阿强", "曾凡"]
    assert names(db, "wang fang") == ["Wang Fang"]
    assert names(db, "10") == ["Wang Fang"]
    assert people_list.count(db, query_words("chen")) == 3
    assert names(db, "ceng") == [], "曾 as a name is Zeng"


def test_like_wildcards_are_plain_characters(store: Database) -> None:
    db = seeded(store)
    assert names(db, "%") == [] and names(db, "_") == [] and names(db, "\\") == []


def test_rows_without_keys_are_listed_and_found_as_written(store: Database) -> None:
    db = seeded(store)
    insert_learners(db, [{"employee_no": "E77", "name": "阿宝"}])  # a bulk write: no keys yet
    assert "阿宝" in names(db) and people_list.count(db) == len(PEOPLE) + 1
    assert names(db, "阿宝") == ["阿宝"] and names(db, "e77") == ["阿宝"]
    assert names(db, "abao") == []
    assert fill_search_keys(db) == 1
    assert names(db)[0] == "阿宝" and names(db, "abao") == ["阿宝"]
    assert fill_search_keys(db) == 0, "nothing to do the second time"


def test_a_changed_name_or_department_is_searched_by_its_new_pinyin(store: Database) -> None:
    db = seeded(store)
    admin = create_learner(db, "A1", "管理员", role="admin")
    person = people_list.page(db, query_words("zw"), 0, 1)[0]
    before = get_learner(db, person.id).updated_at
    update_learner(db, person.id, actor=admin, name="张薇", department="民政局")
    assert names(db, "minzheng") == [], "stale keys are dropped, not matched"
    assert names(db, "民政局") == ["张薇"], "found as written until the keys are read"
    fill_search_keys(db)
    assert names(db, "minzheng") == ["张薇"] and names(db, "zw") == ["张薇"]
    assert get_learner(db, person.id).updated_at >= before


def test_filling_keys_leaves_the_merge_clock_alone(store: Database) -> None:
    insert_learners(store, [{"employee_no": "E1", "name": "张伟"}])
    person = people_list.page(store, (), 0, 1)[0]
    fill_search_keys(store)
    assert get_learner(store, person.id).updated_at == person.updated_at


def test_position_and_inactive_learners(store: Database) -> None:
    db = seeded(store)
    admin = create_learner(db, "A1", "管理员", role="admin")
    fill_search_keys(db)
    everyone = people_list.page(db, (), 0, 100)
    for row, person in enumerate(everyone):
        assert people_list.position(db, person.id) == row
    lina = next(p for p in everyone if p.name == "李娜")
    assert people_list.position(db, lina.id, query_words("lina")) == 0
    assert people_list.position(db, lina.id, query_words("zhang")) == -1
    update_learner(db, lina.id, actor=admin, active=False)
    assert "李娜" not in names(db) and people_list.count(db) == len(everyone) - 1
