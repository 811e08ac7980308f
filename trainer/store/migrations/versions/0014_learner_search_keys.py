"""Learners' search and sort keys, so the sign-in list is read a page at a time in dictionary
order and filtered in SQL (pinyin included) instead of loaded whole.

Both columns start empty: the keys are pinyin readings, which the store does not compute
(``analytics.people.fill_search_keys`` fills every row without one, after the list is drawn).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('learners', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_key', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('sort_key', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_learners_sort_key'), ['sort_key'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('learners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learners_sort_key'))
        batch_op.drop_column('sort_key')
        batch_op.drop_column('search_key')
