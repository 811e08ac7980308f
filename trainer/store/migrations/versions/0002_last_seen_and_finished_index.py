"""Learners' last sign-in (HR sees who is active); index attempts by finish time (reports --since).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import trainer.store.types

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('learners', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_seen_at', trainer.store.types.UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attempts_finished_at'), ['finished_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attempts_finished_at'))
    with op.batch_alter_table('learners', schema=None) as batch_op:
        batch_op.drop_column('last_seen_at')
