"""the workflow decides which states run a clock: a stored flag instead of state names

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

The sweep's partial index listed the running states by name, so a workflow with other states
needed a migration. Cases now carry `clock_runs`, written by the engine from the workflow with
every change of state, and the index reads only that flag. The tier check keeps tiers
non-negative; how many there are is the workflow's to say.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The running states of the ladder as it stood when this migration was written; the flag of
# existing rows is filled from them once, and `grs db check` compares later rows with the
# workflow in use.
RUNNING_AT_THE_TIME = ("new", "accepted", "opinion_requested", "investigating", "service_ordered")
OLD_PREDICATE = f"state IN {RUNNING_AT_THE_TIME!r} AND NOT overdue"
NEW_PREDICATE = "clock_runs AND NOT overdue"


def upgrade() -> None:
    op.drop_index("ix_cases_running_due_on", table_name="cases")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("clock_runs", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.drop_constraint(op.f("ck_cases_tier_range"), type_="check")
        batch_op.create_check_constraint(op.f("ck_cases_tier_not_negative"), "tier >= 0")
    cases = sa.table("cases", sa.column("state", sa.String), sa.column("clock_runs", sa.Boolean))
    op.execute(cases.update().values(clock_runs=cases.c.state.in_(RUNNING_AT_THE_TIME)))
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.alter_column("clock_runs", server_default=None)
    op.create_index(
        "ix_cases_clock_due_on",
        "cases",
        ["due_on"],
        unique=False,
        postgresql_where=sa.text(NEW_PREDICATE),
        sqlite_where=sa.text(NEW_PREDICATE),
    )


def downgrade() -> None:
    op.drop_index("ix_cases_clock_due_on", table_name="cases")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_cases_tier_not_negative"), type_="check")
        batch_op.create_check_constraint(op.f("ck_cases_tier_range"), "tier BETWEEN 0 AND 3")
        batch_op.drop_column("clock_runs")
    op.create_index(
        "ix_cases_running_due_on",
        "cases",
        ["due_on"],
        unique=False,
        postgresql_where=sa.text(OLD_PREDICATE),
        sqlite_where=sa.text(OLD_PREDICATE),
    )
