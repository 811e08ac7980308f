"""Question pools: the questions drawn for each assessment sitting (NULL: all of the module's).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import trainer.store.types

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assessment_sittings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('questions', trainer.store.types.JSONValue(),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('assessment_sittings', schema=None) as batch_op:
        batch_op.drop_column('questions')
