"""Alembic environment: runs on the connection Trainer passes in (online mode only)."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from trainer.store.models import Base

config = context.config


def run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Trainer migrations run online only (trainer db upgrade).")

given = config.attributes.get("connection")
if given is not None:
    run(given)
else:  # developer use from the command line
    url = os.environ.get("TRAINER_DATABASE_URL", "sqlite:///dev.sqlite3")
    with create_engine(url).begin() as conn:
        run(conn)
