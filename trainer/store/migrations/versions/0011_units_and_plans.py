"""Nested organisation units (departments.parent_id) and training plans (学习计划).

Existing departments stay as they are, top-level units; a name written as a path
(``临江市财政局/预算科``, up to three levels) gets its parents, created when missing, so a
roster that already used that notation nests without being imported again.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""
from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import trainer.store.types

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

MAX_DEPTH = 3
_DEPARTMENTS = sa.table('departments', sa.column('name', sa.String()),
                        sa.column('created_at', trainer.store.types.UTCDateTime(timezone=True)),
                        sa.column('parent_id', sa.Integer()))


def upgrade() -> None:
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_departments_parent_id'), ['parent_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_departments_parent_id_departments'),
                                    'departments', ['parent_id'], ['id'], ondelete='RESTRICT')
    _nest_paths()
    op.create_table(
        'plans',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uid', sa.Uuid(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('starts_on', sa.Date(), nullable=False),
        sa.Column('ends_on', sa.Date(), nullable=False),
        sa.Column('required_hours', sa.Float(), nullable=False),
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.Column('created_at', trainer.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', trainer.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint('required_hours >= 0', name=op.f('ck_plans_required_hours')),
        sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_plans_period')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plans')),
        sa.UniqueConstraint('name', name=op.f('uq_plans_name')),
        sa.UniqueConstraint('uid', name=op.f('uq_plans_uid')),
    )
    op.create_table(
        'plan_courses',
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('pack_id', sa.String(length=100), nullable=False),
        sa.Column('compulsory', sa.Boolean(), nullable=False),
        sa.Column('deadline', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['plan_id'], ['plans.id'],
                                name=op.f('fk_plan_courses_plan_id_plans'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('plan_id', 'pack_id', name=op.f('pk_plan_courses')),
    )
    op.create_index(op.f('ix_plan_courses_pack_id'), 'plan_courses', ['pack_id'], unique=False)
    op.create_table(
        'plan_audience',
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('value', sa.String(length=200), nullable=False),
        sa.CheckConstraint("kind IN ('unit', 'role', 'person')", name=op.f('ck_plan_audience_kind')),
        sa.ForeignKeyConstraint(['plan_id'], ['plans.id'],
                                name=op.f('fk_plan_audience_plan_id_plans'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('plan_id', 'kind', 'value', name=op.f('pk_plan_audience')),
    )


def _nest_paths() -> None:
    """Give every department named as a path its parent units (created when missing)."""
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name FROM departments")).all()
    ids = {name: ident for ident, name in rows}
    for ident, name in sorted(rows, key=lambda row: row[1].count('/')):
        parts = name.split('/')
        if len(parts) < 2 or len(parts) > MAX_DEPTH or any(not p or p != p.strip() for p in parts):
            continue  # not a clean path: stays a top-level unit named as it is
        parent = None
        for depth in range(1, len(parts)):
            path = '/'.join(parts[:depth])
            if path not in ids:
                conn.execute(sa.insert(_DEPARTMENTS).values(
                    name=path, created_at=datetime.now(UTC), parent_id=parent))
                ids[path] = conn.execute(sa.text("SELECT id FROM departments WHERE name = :n"),
                                         {"n": path}).scalar_one()
            parent = ids[path]
        conn.execute(sa.text("UPDATE departments SET parent_id = :p WHERE id = :i"),
                     {"p": parent, "i": ident})


def downgrade() -> None:
    op.drop_table('plan_audience')
    op.drop_index(op.f('ix_plan_courses_pack_id'), table_name='plan_courses')
    op.drop_table('plan_courses')
    op.drop_table('plans')
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_departments_parent_id_departments'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_departments_parent_id'))
        batch_op.drop_column('parent_id')
