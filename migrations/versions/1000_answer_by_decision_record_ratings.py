"""Answer-by dates, the decision record, ratings per tier and appeal officers per office

Revision ID: 1000
Revises: 1300
Create Date: 2026-12-02

A request for information carries the date it must be answered by; the sweep reads it, and the
appeal window's last day, through new indexes. A decision records the cause found, the decision
and a suggestion against recurrence. The complainant rates each tier that decided the case. An
office may name the post that hears appeals against its decisions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "1000"
down_revision = "1100"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("info_answer_by", sa.Date(), nullable=True))
        batch.add_column(sa.Column("decision_cause", sa.Text(), nullable=True))
        batch.add_column(sa.Column("decision_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("decision_prevention", sa.Text(), nullable=True))
        batch.create_index(batch.f("ix_cases_info_answer_by"), ["info_answer_by"])
        batch.create_index(batch.f("ix_cases_appeal_until"), ["appeal_until"])
    op.create_table(
        "case_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("tier", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Numeric(precision=2, scale=1), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "rating >= 0 AND rating <= 5", name=op.f("ck_case_ratings_rating_range")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_ratings_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_ratings")),
        sa.UniqueConstraint("case_id", "tier", name=op.f("uq_case_ratings_case_id_tier")),
    )
    op.create_index(op.f("ix_case_ratings_case_id"), "case_ratings", ["case_id"])
    op.create_table(
        "office_appeal_officers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_office_appeal_officers_office_id_offices")
        ),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_office_appeal_officers_post_id_posts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_appeal_officers")),
        sa.UniqueConstraint("office_id", name=op.f("uq_office_appeal_officers_office_id")),
    )


def downgrade() -> None:
    op.drop_table("office_appeal_officers")
    op.drop_index(op.f("ix_case_ratings_case_id"), table_name="case_ratings")
    op.drop_table("case_ratings")
    with op.batch_alter_table("cases") as batch:
        batch.drop_index(batch.f("ix_cases_appeal_until"))
        batch.drop_index(batch.f("ix_cases_info_answer_by"))
        batch.drop_column("decision_prevention")
        batch.drop_column("decision_text")
        batch.drop_column("decision_cause")
        batch.drop_column("info_answer_by")
