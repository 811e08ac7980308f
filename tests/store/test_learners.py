"""Accounts: creation rules, finding people, sign-in with PINs, delays, roles and their audit."""

from __future__ import annotations

import pytest
from store_builders import admin, learner

from trainer.config import Paths
from trainer.store import audit
from trainer.store.db import Database, open_database
from trainer.store.errors import (
    Duplicate,
    InvalidValue,
    NotFound,
    PermissionDenied,
    TooManyTries,
    WrongPin,
)
from trainer.store.learners import (
    create_learner,
    find_by_employee_no,
    find_learners,
    get_learner,
    has_admin,
    list_departments,
    set_pin,
    set_role,
    sign_in,
    update_learner,
)
from trainer.store.models import Learner
from trainer.store.permissions import COMMAND_LINE


def test_first_run_has_no_admin_until_one_is_created(store: Database) -> None:
    assert not has_admin(store)
    boss = admin(store)
    assert has_admin(store)
    assert (boss.role, boss.has_pin) == ("admin", True)
    granted = audit.entries(store, boss, action=audit.ROLE_GRANT)
    assert [e.detail["employee_no"] for e in granted] == ["A0001"]


def test_second_admin_needs_an_admin(store: Database) -> None:
    boss = admin(store)
    with pytest.raises(PermissionDenied):
        create_learner(store, "A0002", "Someone", role="admin", pin="password")
    second = create_learner(store, "A0002", "李娜", role="admin", pin="password", actor=boss)
    assert second.role == "admin"


def test_privileged_accounts_need_a_pin(store: Database) -> None:
    boss = admin(store)
    for role in ("admin", "trainer", "hr"):
        with pytest.raises(InvalidValue, match="needs a PIN"):
            create_learner(store, "A0009", "某人", role=role, actor=boss)


def test_personal_mode_first_administrator_needs_no_pin(store: Database) -> None:
    """'Only me' at first run: the one person administers the computer without a PIN."""
    me = create_learner(store, "001", "王小明", role="admin")
    assert (me.role, me.has_pin) == ("admin", False)
    assert sign_in(store, me.id, None).role == "admin"
    with pytest.raises(InvalidValue, match="needs a PIN"):
        create_learner(store, "002", "李四", role="admin")


def test_learner_fields_are_cleaned_and_departments_created(store: Database) -> None:
    person = create_learner(store, " E1001 ", "  王  小明 ", "临江市数据资源局",
                            email="wang@linjiang.gov.cn")
    assert (person.employee_no, person.name) == ("E1001", "王 小明")
    assert person.department == "临江市数据资源局"
    assert [d.name for d in list_departments(store)] == ["临江市数据资源局"]
    assert get_learner(store, person.id) == person


@pytest.mark.parametrize(("field", "value", "message"), [
    ("employee_no", "  ", "employee number is empty"),
    ("name", "", "name is empty"),
    ("email", "not-an-address", "Not an e-mail address"),
    ("role", "boss", "Unknown role"),
])
def test_bad_values_are_refused_with_a_reason(store: Database, field: str, value: str,
                                              message: str) -> None:
    values = {"employee_no": "E1", "name": "张三", "email": None, "role": "learner"}
    values[field] = value
    with pytest.raises(InvalidValue, match=message):
        create_learner(store, **values)  # type: ignore[arg-type]


def test_employee_numbers_are_unique(store: Database) -> None:
    learner(store, "E1001", "王小明")
    with pytest.raises(Duplicate, match="E1001 is already used by 王小明"):
        learner(store, "E1001", "李雷")


def test_find_learners_by_name_number_and_department(store: Database) -> None:
    learner(store, "E1001", "王小明", "数据局")
    learner(store, "E1002", "王芳", "财政局")
    learner(store, "E2003", "李雷", "数据局")
    assert [p.name for p in find_learners(store, "王")] == sorted(["王小明", "王芳"])
    assert [p.employee_no for p in find_learners(store, "e200")] == ["E2003"]
    assert {p.name for p in find_learners(store, department="数据局")} == {"王小明", "李雷"}
    assert find_by_employee_no(store, "E1002").name == "王芳"  # type: ignore[union-attr]
    assert find_by_employee_no(store, "nobody") is None


def test_sign_in_without_pin_and_with_pin(store: Database) -> None:
    open_account = learner(store, "E1", "甲")
    assert sign_in(store, open_account.id, None).id == open_account.id
    locked = learner(store, "E2", "乙", pin="2468")
    assert sign_in(store, locked.id, "2468").name == "乙"
    with pytest.raises(WrongPin):
        sign_in(store, locked.id, None)


def test_wrong_pins_are_counted_and_then_delayed(store: Database) -> None:
    person = learner(store, pin="2468")
    for left in (2, 1):
        with pytest.raises(WrongPin, match="Wrong PIN") as wrong:
            sign_in(store, person.id, "0000")
        assert str(left) in str(wrong.value.hint)
    with pytest.raises(WrongPin) as third:
        sign_in(store, person.id, "0000")
    assert third.value.wait_seconds == pytest.approx(5)
    with pytest.raises(TooManyTries) as delayed:  # even the right PIN must wait
        sign_in(store, person.id, "2468")
    assert 0 < delayed.value.wait_seconds <= 5


def test_the_delay_survives_a_restart(store: Database, paths: Paths,
                                      store_url: str | None) -> None:
    person = learner(store, pin="2468")
    for _ in range(3):
        with pytest.raises(WrongPin):
            sign_in(store, person.id, "1111")
    store.close()
    with open_database(paths, store_url) as again, pytest.raises(TooManyTries):
        sign_in(again, person.id, "2468")


def test_the_delay_ends_and_a_good_pin_resets_the_count(store: Database) -> None:
    person = learner(store, pin="2468")
    for _ in range(3):
        with pytest.raises(WrongPin):
            sign_in(store, person.id, "1111")
    with store.session() as session:  # let the delay pass
        session.get(Learner, person.id).locked_until = None  # type: ignore[union-attr]
    assert sign_in(store, person.id, "2468").id == person.id
    with pytest.raises(WrongPin) as again:
        sign_in(store, person.id, "1111")
    assert again.value.wait_seconds == 0


def test_pins_are_salted_slow_hashes(store: Database) -> None:
    a, b = learner(store, "E1", pin="2468"), learner(store, "E2", pin="2468")
    with store.session() as session:
        hashes = [session.get(Learner, x.id).pin_hash for x in (a, b)]  # type: ignore[union-attr]
    assert all(h.startswith("scrypt$") and "2468" not in h for h in hashes)  # type: ignore[union-attr]
    assert hashes[0] != hashes[1]


def test_roles_are_changed_by_admins_only_and_audited(store: Database) -> None:
    boss = admin(store)
    person = learner(store, pin="2468")
    with pytest.raises(PermissionDenied, match="administrator"):
        set_role(store, person.id, person.id, "hr")
    assert set_role(store, boss.id, person.id, "hr").role == "hr"
    changes = audit.entries(store, boss, action=audit.ROLE_CHANGE)
    assert changes[0].detail == {"learner_id": person.id, "employee_no": "E1001",
                                 "from": "learner", "to": "hr"}
    assert changes[0].actor_id == boss.id


def test_a_stale_signed_in_record_grants_nothing(store: Database) -> None:
    boss = admin(store)
    hr = learner(store, "H1", "人事", pin="2468")
    hr = set_role(store, boss, hr.id, "hr")
    set_role(store, boss, hr.id, "learner")
    with pytest.raises(PermissionDenied):
        create_learner(store, "E9", "新人", actor=hr)  # hr still says "hr"


def test_the_last_admin_stays(store: Database) -> None:
    boss = admin(store)
    with pytest.raises(InvalidValue, match="only administrator"):
        set_role(store, boss.id, boss.id, "learner")


def test_promotion_needs_a_pin(store: Database) -> None:
    boss = admin(store)
    person = learner(store)
    with pytest.raises(InvalidValue, match="no PIN"):
        set_role(store, boss.id, person.id, "trainer")


def test_own_pin_change_needs_the_old_pin(store: Database) -> None:
    person = learner(store, pin="2468")
    with pytest.raises(WrongPin):
        set_pin(store, person.id, "1357", actor=person, old_pin="0000")
    set_pin(store, person.id, "1357", actor=person, old_pin="2468")
    assert sign_in(store, person.id, "1357").id == person.id
    other = learner(store, "E2", "乙")
    with pytest.raises(PermissionDenied):
        set_pin(store, person.id, "9999", actor=other)


def test_admin_reset_is_audited(store: Database) -> None:
    person = learner(store, pin="2468")
    set_pin(store, person.id, "8642", actor=COMMAND_LINE)
    assert sign_in(store, person.id, "8642").id == person.id
    entry = audit.entries(store, COMMAND_LINE, action=audit.PIN_RESET)[0]
    assert entry.actor_name == "command line"


def test_update_and_deactivate(store: Database) -> None:
    boss = admin(store)
    person = learner(store)
    before = person.updated_at
    changed = update_learner(store, person.id, actor=person, department="财政局", email=None)
    assert changed.department == "财政局" and changed.updated_at > before  # type: ignore[operator]
    with pytest.raises(PermissionDenied):
        update_learner(store, person.id, actor=person, active=False)
    update_learner(store, person.id, actor=boss, active=False)
    assert find_learners(store) == [get_learner(store, boss.id)]
    with pytest.raises(NotFound, match="switched off"):
        sign_in(store, person.id, None)


def test_changes_to_someone_elses_account_are_audited(store: Database) -> None:
    boss = admin(store)
    person = learner(store)
    update_learner(store, person.id, actor=person, email="wang@example.gov.cn")  # own: not
    update_learner(store, person.id, actor=boss, name="王晓明", active=False)
    update_learner(store, person.id, actor=boss, name="王晓明")  # nothing changed: no entry
    [entry] = audit.entries(store, boss, action=audit.LEARNER_UPDATE)
    assert entry.actor_id == boss.id and entry.detail["learner_id"] == person.id
    assert entry.detail["changes"] == {"name": ["王小明", "王晓明"], "active": [True, False]}
    made = create_learner(store, "E2002", "李四", actor=COMMAND_LINE)
    [created] = audit.entries(store, boss, action=audit.LEARNER_CREATE)
    assert created.actor_name == "command line" and created.detail["learner_id"] == made.id
    assert audit.chain_status(store, boss).intact
