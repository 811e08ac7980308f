"""Spaced review: an FSRS card per learner and exercise, and which attempts were review answers.

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import trainer.store.types

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('review_items',
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('pack_id', sa.String(length=100), nullable=False),
    sa.Column('exercise_id', sa.String(length=100), nullable=False),
    sa.Column('card', trainer.store.types.JSONValue(), nullable=False),
    sa.Column('due', trainer.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_review', trainer.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reviews', sa.Integer(), nullable=False),
    sa.Column('wrong', sa.Boolean(), nullable=False),
    sa.Column('spaced_right', sa.Integer(), nullable=False),
    sa.Column('retired_at', trainer.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], name=op.f('fk_review_items_learner_id_learners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('learner_id', 'pack_id', 'exercise_id', name=op.f('pk_review_items'))
    )
    op.create_index('ix_review_items_learner_id_due', 'review_items', ['learner_id', 'due'], unique=False)
    op.create_table('review_answers',
    sa.Column('attempt_id', sa.Uuid(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('answered_at', trainer.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('review', 'daily', 'notebook')", name=op.f('ck_review_answers_kind')),
    sa.CheckConstraint('rating >= 1 AND rating <= 4', name=op.f('ck_review_answers_rating')),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempts.id'], name=op.f('fk_review_answers_attempt_id_attempts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], name=op.f('fk_review_answers_learner_id_learners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('attempt_id', name=op.f('pk_review_answers'))
    )
    op.create_index('ix_review_answers_learner_id_answered_at', 'review_answers', ['learner_id', 'answered_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_review_answers_learner_id_answered_at', table_name='review_answers')
    op.drop_table('review_answers')
    op.drop_index('ix_review_items_learner_id_due', table_name='review_items')
    op.drop_table('review_items')
