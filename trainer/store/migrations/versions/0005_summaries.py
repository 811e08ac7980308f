"""Summaries kept beside the attempts so HR's cohort figures read thousands of rows, not millions.

The activity summary is filled from the attempts here; competency and sitting summaries need the
packs' weights, so they are built the first time the analytics register a pack
(``trainer.store.summary``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import trainer.store.types

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('summary_assessments',
    sa.Column('pack_id', sa.String(length=100), nullable=False),
    sa.Column('exercise_id', sa.String(length=100), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('pass_mark', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('pack_id', 'exercise_id', name=op.f('pk_summary_assessments'))
    )
    op.create_table('summary_weights',
    sa.Column('pack_id', sa.String(length=100), nullable=False),
    sa.Column('exercise_id', sa.String(length=100), nullable=False),
    sa.Column('competency_id', sa.String(length=100), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('pack_id', 'exercise_id', 'competency_id', name=op.f('pk_summary_weights'))
    )
    op.create_table('summary_activity',
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('pack_id', sa.String(length=100), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_answer_at', trainer.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], name=op.f('fk_summary_activity_learner_id_learners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('learner_id', 'pack_id', name=op.f('pk_summary_activity'))
    )
    op.create_table('summary_competencies',
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('pack_id', sa.String(length=100), nullable=False),
    sa.Column('competency_id', sa.String(length=100), nullable=False),
    sa.Column('weighted', sa.Float(), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.Column('exercises', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], name=op.f('fk_summary_competencies_learner_id_learners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('learner_id', 'pack_id', 'competency_id', name=op.f('pk_summary_competencies'))
    )
    op.create_table('summary_sittings',
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('pack_id', sa.String(length=100), nullable=False),
    sa.Column('started_at', trainer.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('points', sa.Float(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('pass_mark', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], name=op.f('fk_summary_sittings_learner_id_learners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('learner_id', 'pack_id', 'started_at', name=op.f('pk_summary_sittings'))
    )
    op.execute("INSERT INTO summary_activity (learner_id, pack_id, attempts, last_answer_at) "
               "SELECT learner_id, pack_id, count(*), max(started_at) FROM attempts "
               "GROUP BY learner_id, pack_id")


def downgrade() -> None:
    op.drop_table('summary_sittings')
    op.drop_table('summary_competencies')
    op.drop_table('summary_activity')
    op.drop_table('summary_weights')
    op.drop_table('summary_assessments')
