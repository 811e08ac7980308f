"""What restoring a backup would drop: the current database's records that the backup lacks.

Compared inside SQLite with the backup ATTACHed read-only, table by table: rows whose primary
key the backup lacks (answers are append-only, so that is all they need), plus rows of tables
with an ``updated_at`` column that changed after the backup's copy (a learner renamed, a lesson
studied further). Summaries are left out: they are rebuilt from the answers. Any table added by
a later schema is compared by its primary key too, so a new kind of record is never missed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from trainer.store.engine import file_uri

LABELS = {"attempts": "answers", "learners": "learners", "lesson_progress": "lesson records",
          "enrollments": "enrolments", "audit_log": "audit entries", "departments": "departments"}
CERTIFICATES = "certificates"
SINGULAR = {"answers": "answer", "learners": "learner", "lesson records": "lesson record",
            "enrolments": "enrolment", "audit entries": "audit entry",
            "departments": "department", CERTIFICATES: "certificate"}
# a table added by a later schema is named by itself: "3 credit_ledger rows"
SKIPPED = ("alembic_version", "devices")  # bookkeeping: a restored file keeps its own
SAMPLE = 5


@dataclass(frozen=True)
class Loss:
    """Counts by kind of record (answers, learners …), a sample of answers, and why the
    comparison could not be made (``unreadable``), if it could not."""

    counts: dict[str, int] = field(default_factory=dict)
    sample: tuple[str, ...] = ()
    unreadable: str | None = None

    @property
    def nothing(self) -> bool:
        return self.unreadable is None and not any(self.counts.values())

    def summary(self) -> str:
        """"312 answers, 2 learners and 17 lesson records" (most important first)."""
        parts = [f"{count} {_named(label, count)}" for label, count in self.counts.items() if count]
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _named(label: str, count: int) -> str:
    if count != 1:
        return label
    return SINGULAR.get(label, label.removesuffix("s"))


def backup_time(backup: Path) -> str:
    """When the backup was written, in local time, for messages."""
    stamp = datetime.fromtimestamp(backup.stat().st_mtime).astimezone()
    return f"{stamp:%Y-%m-%d %H:%M}"


def _tables(conn: sqlite3.Connection, schema: str) -> set[str]:
    rows = conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'")
    return {name for (name,) in rows}


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> tuple[list[str], set[str]]:
    """(primary-key columns in key order, every column) of a table."""
    info = conn.execute(f'PRAGMA {schema}.table_info("{table}")').fetchall()
    keys = [name for _, name, _, _, _, pk in sorted(info, key=lambda r: r[5]) if pk]
    return keys, {row[1] for row in info}


def _missing(table: str, keys: list[str], changed: bool) -> str:
    """WHERE clause: rows of main.table absent from bk.table (or changed there since)."""
    match = " AND ".join(f'b."{k}" = m."{k}"' for k in keys)
    newer = " AND coalesce(m.updated_at > b.updated_at, 0) = 0" if changed else ""
    return f'NOT EXISTS (SELECT 1 FROM bk."{table}" b WHERE {match}{newer})'


def _count_table(conn: sqlite3.Connection, table: str, backup_tables: set[str]
                 ) -> dict[str, int]:
    keys, columns = _columns(conn, "main", table)
    label = LABELS.get(table, f"{table} rows")
    if table not in backup_tables:
        return {label: conn.execute(f'SELECT count(*) FROM main."{table}"').fetchone()[0]}
    backup_keys, backup_columns = _columns(conn, "bk", table)
    if not keys or keys != backup_keys:  # no key to match by: compare whole rows
        shared = ", ".join(f'"{c}"' for c in sorted(columns & backup_columns))
        sql = (f'SELECT count(*) FROM (SELECT {shared} FROM main."{table}" '
               f'EXCEPT SELECT {shared} FROM bk."{table}")')
        return {label: conn.execute(sql).fetchone()[0]}
    changed = "updated_at" in columns and "updated_at" in backup_columns
    where = _missing(table, keys, changed)
    if table == "audit_log" and "action" in columns:
        rows = conn.execute(f"SELECT m.action = 'certificate.issue', count(*) FROM main.audit_log m"
                            f" WHERE {where} GROUP BY 1").fetchall()
        found = dict(rows)
        return {label: found.get(0, 0), CERTIFICATES: found.get(1, 0)}
    return {label: conn.execute(f'SELECT count(*) FROM main."{table}" m WHERE {where}')
            .fetchone()[0]}


def _sample(conn: sqlite3.Connection) -> tuple[str, ...]:
    """The newest answers the backup lacks: learner, course, exercise, time."""
    sql = ("SELECT l.employee_no, l.name, m.pack_id, m.exercise_id, "
           "coalesce(m.finished_at, m.started_at) AS t FROM main.attempts m "
           "LEFT JOIN main.learners l ON l.id = m.learner_id "
           f"WHERE {_missing('attempts', ['id'], False)} ORDER BY t DESC LIMIT {SAMPLE}")
    return tuple(f"{number or '?'} {name or ''}, {pack}, {exercise}, {_local(at)}"
                 for number, name, pack, exercise, at in conn.execute(sql))


def _local(stored: object) -> str:
    """A stored UTC time (naive text in SQLite) as local time to the minute."""
    try:
        moment = datetime.fromisoformat(str(stored)).replace(tzinfo=UTC)
    except ValueError:
        return str(stored)
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


def compare(conn: sqlite3.Connection, backup: Path) -> Loss:
    """What replacing the database open in ``conn`` by ``backup`` would drop.

    ``conn`` must be opened with ``uri=True`` (the backup is attached read-only through a URI).
    A table that cannot be read makes the whole answer ``unreadable``: partial figures would
    understate the loss.
    """
    conn.execute("ATTACH DATABASE ? AS bk", (file_uri(backup),))
    try:
        counts: dict[str, int] = {label: 0 for label in LABELS.values()}
        counts[CERTIFICATES] = 0
        backup_tables = _tables(conn, "bk")
        for table in sorted(_tables(conn, "main")):
            if table in SKIPPED or table.startswith(("sqlite_", "summary_")):
                continue
            for label, count in _count_table(conn, table, backup_tables).items():
                counts[label] = counts.get(label, 0) + count
        sample = _sample(conn) if counts["answers"] and "attempts" in backup_tables else ()
        return Loss(counts, sample)
    except sqlite3.DatabaseError as exc:
        return Loss(unreadable=str(exc))
    finally:
        conn.execute("DETACH DATABASE bk")


def compare_files(database: Path, backup: Path) -> Loss:
    """``compare`` on a read-only connection of its own (for hints; a restore uses its lock)."""
    try:
        conn = sqlite3.connect(file_uri(database), uri=True, timeout=10)
    except sqlite3.Error as exc:
        return Loss(unreadable=str(exc))
    try:
        return compare(conn, backup)
    except sqlite3.Error as exc:
        return Loss(unreadable=str(exc))
    finally:
        conn.close()


def loss_note(database: Path | None, backup: Path) -> str:
    """How to restore ``backup`` over ``database``, saying what that would drop (for hints)."""
    command = f"trainer db restore {backup}"
    if database is None:
        return (f"restore it with: {command} (it lists any records the current file has and "
                "the backup lacks, and drops them only with --force)")
    loss = compare_files(database, backup)
    if loss.unreadable:
        return (f"this file cannot be read, so restoring it may lose the answers and other "
                f"records made after the backup ({backup_time(backup)}): {command} --force")
    if loss.nothing:
        return f"restore it with: {command} (the file holds nothing the backup lacks)"
    return (f"restoring it would drop {loss.summary()} that this file has and the backup "
            f"lacks ({command} lists them; add --force to restore anyway)")
