"""Learners' job-role profile (competency framework role id): role gaps and HR figures by role.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('learners', schema=None) as batch_op:
        batch_op.add_column(sa.Column('job_role', sa.String(length=100), nullable=True))
        batch_op.create_index(batch_op.f('ix_learners_job_role'), ['job_role'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('learners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learners_job_role'))
        batch_op.drop_column('job_role')
