"""Per-day summaries, so date-limited HR figures read days instead of every answer (issue 14).

``summary_days`` holds per learner, pack, exercise and UTC day the best result, the answers and
the latest answer's start; it is filled here from the attempts. ``ix_attempts_started_at``
finds the answers of the partial days at the edges of a range in local time.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import trainer.store.types

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('summary_days',
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('pack_id', sa.String(length=100), nullable=False),
    sa.Column('exercise_id', sa.String(length=100), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('best', sa.Float(), nullable=True),
    sa.Column('answers', sa.Integer(), nullable=False),
    sa.Column('last_answer_at', trainer.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], name=op.f('fk_summary_days_learner_id_learners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('learner_id', 'pack_id', 'exercise_id', 'day', name=op.f('pk_summary_days')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.create_index('ix_attempts_started_at', ['started_at'], unique=False)
    day = ("date(started_at)" if op.get_bind().dialect.name == "sqlite"
           else "CAST(timezone('UTC', started_at) AS date)")
    op.execute("INSERT INTO summary_days (learner_id, pack_id, exercise_id, day, best, answers,"
               f" last_answer_at) SELECT learner_id, pack_id, exercise_id, {day}, max(score),"
               f" count(*), max(started_at) FROM attempts"
               f" GROUP BY learner_id, pack_id, exercise_id, {day}")


def downgrade() -> None:
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_attempts_started_at')
    op.drop_table('summary_days')
