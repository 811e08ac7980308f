"""Schema revisions: read the current one cheaply, upgrade with Alembic (imported only then)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect, text

from trainer.store.errors import SchemaTooNew, StoreError
from trainer.store.migrations import HEAD, REVISIONS, SCRIPT_DIR

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

PG_LOCK_KEY = 7_240_917  # any constant: serialises upgrades from several machines


def current_revision(conn: Connection) -> str | None:
    """The revision stored in the database, or None when it has no schema yet."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def needs_upgrade(revision: str | None, where: str) -> bool:
    """False when current; SchemaTooNew when a newer Trainer wrote it."""
    if revision == HEAD:
        return False
    if revision is not None and revision not in REVISIONS:
        raise SchemaTooNew(
            f"The database {where} was last used by a newer version of Trainer "
            f"(schema {revision}; this version knows up to {HEAD}).",
            hint="Install the newer Trainer again; this one would not understand its data.")
    return True


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_DIR))
    config.attributes["connection"] = connection
    return config


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """One transaction holding the write lock, for schema changes.

    On SQLite, foreign keys are off while tables are rebuilt (else dropping a table to rebuild
    it would cascade-delete rows pointing at it) and every reference is checked before commit.
    """
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection if conn.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")  # only possible outside a transaction
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
                yield conn
                if raw is not None:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise StoreError(f"The schema change would break {len(broken)} "
                                         "references; nothing was changed.")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: Engine, where: str, target: str = "head") -> tuple[str | None, str | None]:
    """Upgrade in one transaction; returns the revisions (before, after)."""
    from alembic import command

    with migration_connection(engine) as conn:
        before = current_revision(conn)
        if target == "head" and not needs_upgrade(before, where):
            return before, before
        log.info("Upgrading the database %s from %s to %s", where, before, target)
        command.upgrade(alembic_config(conn), target)
        return before, current_revision(conn)


def downgrade(engine: Engine, target: str) -> None:
    """For tests and developers: Trainer itself never downgrades."""
    from alembic import command

    with migration_connection(engine) as conn:
        command.downgrade(alembic_config(conn), target)


def script_heads() -> list[Any]:
    """Heads of the revision scripts (used by tests and ``trainer db check``)."""
    from alembic.script import ScriptDirectory

    return list(ScriptDirectory.from_config(alembic_config()).get_heads())
