"""The office holding a case after each event; the quarterly citizen-charter review

Revision ID: 1200
Revises: 1300
Create Date: 2026-12-02

Reports count every figure as the history stood at the end of a period, and a case moves between
offices (forwarded, escalated, appealed). Each event now records the office whose post held the
case after it. Events written before this revision get the case's current office: the best
that can be said of them, exact for every case that has not moved since.

Offices enter what the quarterly citizen-charter review asks (charter updated, committee formed,
meetings, training, focal points) with a date and evidence; each office gets focal point and
alternate focal point posts like its GRO's.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "1200"
down_revision = "1400"
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
    op.create_table(
        "charter_review_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=40), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("stored_name", sa.String(length=100), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("entered_by", sa.Integer(), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "quarter >= 1 AND quarter <= 4", name=op.f("ck_charter_review_entries_quarter_range")
        ),
        sa.ForeignKeyConstraint(
            ["entered_by"], ["officers.id"], name=op.f("fk_charter_review_entries_entered_by_officers")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_charter_review_entries_office_id_offices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_charter_review_entries")),
        sa.UniqueConstraint("stored_name", name=op.f("uq_charter_review_entries_stored_name")),
    )
    op.create_index(
        "ix_charter_review_entries_office_id_year_quarter",
        "charter_review_entries",
        ["office_id", "year", "quarter"],
    )


def downgrade() -> None:
    op.drop_index(
        "ix_charter_review_entries_office_id_year_quarter", table_name="charter_review_entries"
    )
    op.drop_table("charter_review_entries")
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_held_by_office_id_occurred_on")
        batch.drop_constraint(op.f("fk_events_held_by_office_id_offices"), type_="foreignkey")
        batch.drop_column("held_by_office_id")
