"""Assessment sittings: answers and time saved as a final assessment is sat, and the hand-in.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import trainer.store.types

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('assessment_sittings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('pack_id', sa.String(length=100), nullable=False),
    sa.Column('pack_version', sa.String(length=50), nullable=False),
    sa.Column('module_id', sa.String(length=100), nullable=False),
    sa.Column('started_at', trainer.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('time_limit', sa.Integer(), nullable=True),
    sa.Column('clock', sa.String(length=8), nullable=False),
    sa.Column('seconds_used', sa.Float(), nullable=False),
    sa.Column('answers', trainer.store.types.JSONValue(), nullable=False),
    sa.Column('updated_at', trainer.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('handed_in_at', trainer.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("clock IN ('runs', 'pauses')", name=op.f('ck_assessment_sittings_clock')),
    sa.CheckConstraint('seconds_used >= 0', name=op.f('ck_assessment_sittings_seconds_used')),
    sa.ForeignKeyConstraint(['learner_id'], ['learners.id'],
                            name=op.f('fk_assessment_sittings_learner_id_learners'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_sittings')),
    sa.UniqueConstraint('learner_id', 'pack_id', 'started_at',
                        name=op.f('uq_assessment_sittings_learner_id_pack_id_started_at'))
    )
    with op.batch_alter_table('assessment_sittings', schema=None) as batch_op:
        batch_op.create_index('ix_assessment_sittings_open',
                              ['learner_id', 'pack_id', 'handed_in_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('assessment_sittings', schema=None) as batch_op:
        batch_op.drop_index('ix_assessment_sittings_open')
    op.drop_table('assessment_sittings')
