"""Credit hours (学时): the award ledger, the packs' 学时 data, organisation settings, and the
moment a lesson was first completed (the date its 学时 are earned).

Existing completed lessons take their last change as the completion moment: the best the
records know. The ledger itself is filled from the records once the packs are registered
(``trainer.store.credits``).

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import trainer.store.types

revision = '0010'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', trainer.store.types.JSONValue(), nullable=False),
    sa.Column('updated_at', trainer.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('credit_items',
    sa.Column('pack_id', sa.String(length=100), nullable=False),
    sa.Column('module_id', sa.String(length=100), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('declared', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('pack_title', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('final', sa.Boolean(), nullable=False),
    sa.CheckConstraint('declared IS NULL OR declared >= 0', name=op.f('ck_credit_items_declared')),
    sa.PrimaryKeyConstraint('pack_id', 'module_id', name=op.f('pk_credit_items'))
    )
    op.create_table('credit_awards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('pack_id', sa.String(length=100), nullable=False),
    sa.Column('module_id', sa.String(length=100), nullable=True),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('hours', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('earned_at', trainer.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("source IN ('module', 'assessment')", name=op.f('ck_credit_awards_source')),
    sa.CheckConstraint('hours >= 0', name=op.f('ck_credit_awards_hours')),
    sa.CheckConstraint("(source = 'module' AND module_id IS NOT NULL) OR "
                       "(source = 'assessment' AND module_id IS NULL)",
                       name=op.f('ck_credit_awards_module')),
    sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], name=op.f('fk_credit_awards_learner_id_learners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_awards')),
    sa.UniqueConstraint('learner_id', 'pack_id', 'module_id', name=op.f('uq_credit_awards_learner_id_pack_id_module_id'))
    )
    with op.batch_alter_table('credit_awards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credit_awards_earned_at'), ['earned_at'], unique=False)
        batch_op.create_index('uq_credit_awards_assessment', ['learner_id', 'pack_id'],
                              unique=True, sqlite_where=sa.text('module_id IS NULL'),
                              postgresql_where=sa.text('module_id IS NULL'))
    with op.batch_alter_table('lesson_progress', schema=None) as batch_op:
        batch_op.add_column(sa.Column('completed_at', trainer.store.types.UTCDateTime(timezone=True),
                                      nullable=True))
    op.execute("UPDATE lesson_progress SET completed_at = updated_at WHERE status = 'completed'")


def downgrade() -> None:
    with op.batch_alter_table('lesson_progress', schema=None) as batch_op:
        batch_op.drop_column('completed_at')
    with op.batch_alter_table('credit_awards', schema=None) as batch_op:
        batch_op.drop_index('uq_credit_awards_assessment')
        batch_op.drop_index(batch_op.f('ix_credit_awards_earned_at'))
    op.drop_table('credit_awards')
    op.drop_table('credit_items')
    op.drop_table('settings')
