"""Running summaries, so date-limited HR figures are flat in the number of answers (issue 14).

``summary_standing`` holds per learner, pack, competency and UTC day on which it changed the
competency sums as they stood at the end of that day; ``summary_answers_to_date`` per learner,
pack and day with answers the answers given up to the end of that day and its latest start.
Both are filled here from ``summary_days`` (the same SQL as ``trainer db summaries --rebuild``).
``ix_attempts_started_at`` covers what the partial days at a range's edges read.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import trainer.store.types

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

STANDING = """
INSERT INTO summary_standing (learner_id, pack_id, competency_id, day, weighted, weight,
                              exercises)
SELECT learner_id, pack_id, competency_id, day,
       sum(ds) OVER (PARTITION BY learner_id, pack_id, competency_id ORDER BY day),
       sum(dt) OVER (PARTITION BY learner_id, pack_id, competency_id ORDER BY day),
       sum(dn) OVER (PARTITION BY learner_id, pack_id, competency_id ORDER BY day)
FROM (SELECT s.learner_id, s.pack_id, w.competency_id, s.day,
             sum(w.weight * (s.best - coalesce(s.before, 0.0))) AS ds,
             sum(CASE WHEN s.before IS NULL THEN w.weight ELSE 0.0 END) AS dt,
             sum(CASE WHEN s.before IS NULL THEN 1 ELSE 0 END) AS dn
      FROM (SELECT learner_id, pack_id, exercise_id, day, best,
                   lag(best) OVER (PARTITION BY learner_id, pack_id, exercise_id
                                   ORDER BY day) AS before
            FROM (SELECT learner_id, pack_id, exercise_id, day,
                         max(best) OVER (PARTITION BY learner_id, pack_id, exercise_id
                                         ORDER BY day) AS best
                  FROM summary_days) AS running) AS s
      JOIN summary_weights AS w ON w.pack_id = s.pack_id AND w.exercise_id = s.exercise_id
      WHERE s.best IS NOT NULL AND (s.before IS NULL OR s.best > s.before)
      GROUP BY s.learner_id, s.pack_id, w.competency_id, s.day) AS changes
"""
TO_DATE = """
INSERT INTO summary_answers_to_date (learner_id, pack_id, day, answers, last_answer_at)
SELECT learner_id, pack_id, day,
       sum(answers) OVER (PARTITION BY learner_id, pack_id ORDER BY day), last_answer_at
FROM (SELECT learner_id, pack_id, day, sum(answers) AS answers,
             max(last_answer_at) AS last_answer_at
      FROM summary_days GROUP BY learner_id, pack_id, day) AS per_day
"""


def upgrade() -> None:
    op.create_table('summary_answers_to_date',
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('pack_id', sa.String(length=100), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('answers', sa.Integer(), nullable=False),
    sa.Column('last_answer_at', trainer.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], name=op.f('fk_summary_answers_to_date_learner_id_learners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('learner_id', 'pack_id', 'day', name=op.f('pk_summary_answers_to_date')),
    sqlite_with_rowid=False
    )
    op.create_table('summary_standing',
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('pack_id', sa.String(length=100), nullable=False),
    sa.Column('competency_id', sa.String(length=100), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('weighted', sa.Float(), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.Column('exercises', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], name=op.f('fk_summary_standing_learner_id_learners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('learner_id', 'pack_id', 'competency_id', 'day', name=op.f('pk_summary_standing')),
    sqlite_with_rowid=False
    )
    op.execute(STANDING)
    op.execute(TO_DATE)
    # the edges of a date range are read from this index alone (no visit to each answer's row)
    op.drop_index('ix_attempts_started_at', table_name='attempts')
    op.create_index('ix_attempts_started_at', 'attempts',
                    ['started_at', 'learner_id', 'pack_id', 'exercise_id', 'score'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_attempts_started_at', table_name='attempts')
    op.create_index('ix_attempts_started_at', 'attempts', ['started_at'], unique=False)
    op.drop_table('summary_standing')
    op.drop_table('summary_answers_to_date')
