"""The audit log's hash chain: each entry's SHA-256 covers its own fields and the previous entry's
hash, so an entry edited or deleted with an SQL tool breaks the chain where it happened.

Appends are serialised (SQLite: the write session's BEGIN IMMEDIATE; PostgreSQL: a table lock
taken just before the entry is written), so two processes can never chain onto the same entry.
This is tamper-evidence, not a signature: someone who rewrites every later hash too, or deletes
the newest entries, is only seen by comparing the head (printed by ``trainer db check``) with a
copy kept elsewhere (DESIGN §7: whoever holds the file administers it).

The canonical encoding (format 1) must never change: entries already written would fail.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from trainer.store.errors import AuditTampered
from trainer.store.models import AuditEntry

GENESIS = "0" * 64  # the "previous hash" of the first entry
FORMAT = 1
_EXACT = 2**53  # integers below this survive a trip through a float (PostgreSQL jsonb numbers)


def _number(value: int | float) -> int | str:
    """One spelling per number, however the backend hands it back (jsonb turns 1e20 into an
    integer, 2.0 into a float): small integral values as integers, the rest as float text."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if abs(value) < _EXACT and value == int(value):
        return int(value)
    try:
        return repr(float(value))
    except OverflowError:
        return str(value)


def _plain(value: Any) -> Any:
    """``value`` with every number spelled by ``_number`` (exact type tests: this runs for every
    entry of a 100,000-entry check)."""
    kind = type(value)
    if kind is str or value is None or kind is bool:
        return value
    if kind is dict:
        return {key if type(key) is str else str(key): _plain(item)
                for key, item in value.items()}
    if kind is list or kind is tuple:
        return [_plain(item) for item in value]
    if kind is int and -_EXACT < value < _EXACT:
        return value
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, dict):  # subclasses, and anything else, the slow way
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


def canonical(prev_hash: str, at: datetime, actor_id: int | None, actor_name: str, action: str,
              detail: Any) -> bytes:
    """The bytes an entry's hash is taken over (compact JSON, sorted keys, UTC microseconds)."""
    stamp = at.astimezone(UTC).isoformat(timespec="microseconds")
    fields = [FORMAT, prev_hash, stamp, actor_id, actor_name, action, _plain(detail)]
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def entry_hash(prev_hash: str, at: datetime, actor_id: int | None, actor_name: str, action: str,
               detail: Any) -> str:
    return hashlib.sha256(canonical(prev_hash, at, actor_id, actor_name, action,
                                    detail)).hexdigest()


def seal(session: Session, entries: Iterable[AuditEntry]) -> None:
    """Chain ``entries`` after the newest entry and add them, holding the chain's lock until the
    transaction ends (called just before commit, so the lock is held for milliseconds)."""
    if session.get_bind().dialect.name == "postgresql":
        # conflicts with itself, not with readers: appenders queue, listings carry on
        session.execute(text("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE"))
    prev = session.scalars(select(AuditEntry.hash).order_by(AuditEntry.id.desc())
                           .limit(1)).first() or GENESIS
    for entry in entries:
        entry.prev_hash = prev
        entry.hash = prev = entry_hash(prev, entry.at, entry.actor_id, entry.actor_name,
                                       entry.action, entry.detail)
        session.add(entry)


@dataclass(frozen=True)
class ChainReport:
    """What ``verify`` found: entries read, the first break (entry id and why), the head hash."""

    entries: int
    head: str
    broken_at: int | None = None
    problem: str | None = None
    breaks: int = 0
    missing_triggers: tuple[str, ...] = ()

    @property
    def intact(self) -> bool:
        return self.broken_at is None and not self.missing_triggers

    def lines(self) -> list[str]:
        """One line for the chain, one for the triggers when they are not all in place."""
        if self.broken_at is None:
            first = (f"Audit log: {self.entries:,} entries, chain intact"
                     + (f" (newest hash {self.head[:16]})" if self.entries else ""))
        else:
            more = f"; {self.breaks - 1} more break(s) after it" if self.breaks > 1 else ""
            first = f"Audit log: chain broken at entry {self.broken_at}: {self.problem}{more}"
        shown = [first]
        if self.missing_triggers:
            shown.append("Audit log: not append-only any more, missing or disabled trigger(s): "
                         + ", ".join(self.missing_triggers))
        return shown


def require_intact(report: ChainReport) -> None:
    """AuditTampered (exit status 1 on the command line) naming what was found."""
    if report.intact:
        return
    found = "; ".join(line.removeprefix("Audit log: ") for line in report.lines())
    raise AuditTampered(f"The audit log was changed outside Trainer: {found}.",
                        hint="Keep this database file as it is for inspection, and compare it "
                             "with a backup (trainer db backup --list).")


def verify(conn: Connection, *, check_triggers: bool = True) -> ChainReport:
    """Recompute every hash in id order; the first entry that does not follow is reported."""
    table = AuditEntry.__table__
    query = select(table.c.id, table.c.at, table.c.actor_id, table.c.actor_name,
                   table.c.action, table.c.detail, table.c.prev_hash,
                   table.c.hash).order_by(table.c.id)
    expected, count, breaks = GENESIS, 0, 0
    first: tuple[int, str] | None = None
    for row in conn.execute(query.execution_options(yield_per=2000)):
        count += 1
        problem = _problem(row, expected, count)
        if problem is not None:
            breaks += 1
            first = first or (row.id, problem)
        expected = row.hash or ""
    missing = tuple(missing_triggers(conn)) if check_triggers else ()
    if first is None:
        return ChainReport(count, expected if count else GENESIS, missing_triggers=missing)
    return ChainReport(count, expected, first[0], first[1], breaks, missing)


def _problem(row: Any, expected: str, position: int) -> str | None:
    if not row.hash or not row.prev_hash:
        return "it has no hash (written outside Trainer)"
    if row.prev_hash != expected:
        if position == 1:
            return "the entries before it were deleted"
        return "the entry before it was deleted or its hash was changed"
    if entry_hash(row.prev_hash, row.at, row.actor_id, row.actor_name, row.action,
                  row.detail) != row.hash:
        return "it was changed after it was written"
    return None


# Names and bodies as migrations 0001/0006 create them.
SQLITE_TRIGGERS = ("audit_log_no_update", "audit_log_no_delete")
POSTGRES_TRIGGERS = ("audit_log_append_only", "audit_log_no_truncate")
APPEND_ONLY = "the audit log is append-only"


def missing_triggers(conn: Connection) -> list[str]:
    """Append-only triggers that are gone, disabled, or no longer refuse anything."""
    if conn.dialect.name == "postgresql":
        rows = conn.execute(text(
            "SELECT t.tgname, t.tgenabled, p.prosrc FROM pg_trigger t "
            "JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE t.tgrelid = 'audit_log'::regclass AND NOT t.tgisinternal")).all()
        working = {name for name, enabled, body in rows
                   if enabled != "D" and f"RAISE EXCEPTION '{APPEND_ONLY}'" in (body or "")}
        return [name for name in POSTGRES_TRIGGERS if name not in working]
    rows = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                             "AND tbl_name = 'audit_log'")).all()
    working = {name for name, sql in rows if f"RAISE(ABORT, '{APPEND_ONLY}')" in (sql or "")}
    return [name for name in SQLITE_TRIGGERS if name not in working]
