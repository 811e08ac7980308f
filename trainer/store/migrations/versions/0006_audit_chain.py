"""Chain the audit log: each entry keeps the previous entry's SHA-256 and its own.

Existing entries are chained in id order. The append-only triggers are dropped while the new
columns are filled (they refuse the UPDATE, and SQLite's table rebuild would lose them) and made
again before the transaction commits, so the log is never writable outside this migration.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from trainer.store.audit_chain import APPEND_ONLY, GENESIS, entry_hash
from trainer.store.types import JSONValue, UTCDateTime

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_LOG = sa.table('audit_log', sa.column('id', sa.Integer()), sa.column('at', UTCDateTime()),
                sa.column('actor_id', sa.Integer()), sa.column('actor_name', sa.String()),
                sa.column('action', sa.String()), sa.column('detail', JSONValue()),
                sa.column('prev_hash', sa.String()), sa.column('hash', sa.String()))
_BATCH = 1000


def upgrade() -> None:
    drop_triggers()
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))
    _chain_existing()
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=False)
    create_triggers()


def _chain_existing() -> None:
    """Hash every entry in id order (as ``audit_chain.seal`` would have), a page at a time."""
    bind = op.get_bind()
    page = (sa.select(_LOG.c.id, _LOG.c.at, _LOG.c.actor_id, _LOG.c.actor_name, _LOG.c.action,
                      _LOG.c.detail).where(_LOG.c.id > sa.bindparam('after'))
            .order_by(_LOG.c.id).limit(_BATCH))
    update = (sa.update(_LOG).where(_LOG.c.id == sa.bindparam('row_id'))
              .values(prev_hash=sa.bindparam('p'), hash=sa.bindparam('h')))
    prev, after = GENESIS, -1
    while rows := bind.execute(page, {'after': after}).all():
        batch = []
        for row in rows:
            digest = entry_hash(prev, row.at, row.actor_id, row.actor_name, row.action,
                                row.detail)
            batch.append({'row_id': row.id, 'p': prev, 'h': digest})
            prev = digest
        bind.execute(update, batch)
        after = rows[-1].id


def drop_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")


def create_triggers() -> None:
    """The same triggers as revision 0001 (its function stays on PostgreSQL)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION trainer_audit_append_only()")
        op.execute("CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
                   "FOR EACH STATEMENT EXECUTE FUNCTION trainer_audit_append_only()")
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                       f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END")


def downgrade() -> None:
    drop_triggers()
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
    create_triggers()
