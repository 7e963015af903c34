"""The office holding a case after each event, for reports as of a past date

Revision ID: 1200
Revises: 1300
Create Date: 2026-12-02

Reports count every figure as the history stood at the end of a period, and a case moves between
offices (forwarded, escalated, appealed). Each event now records the office whose post held the
case after it. Events written before this revision get the case's current office: the best
that can be said of them, exact for every case that has not moved since.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "1200"
down_revision = "1300"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("held_by_office_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_events_held_by_office_id_offices"), "offices", ["held_by_office_id"], ["id"]
        )
        batch.create_index(
            "ix_events_held_by_office_id_occurred_on", ["held_by_office_id", "occurred_on"]
        )
    op.execute(
        "UPDATE events SET held_by_office_id = "
        "(SELECT current_office_id FROM cases WHERE cases.id = events.case_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_held_by_office_id_occurred_on")
        batch.drop_constraint(op.f("fk_events_held_by_office_id_offices"), type_="foreignkey")
        batch.drop_column("held_by_office_id")
