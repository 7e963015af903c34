"""Opinions asked of another post and investigations by named officers, with their answers

Revision ID: 1700
Revises: 1600
Create Date: 2026-12-02

A request for an opinion names the post asked and its deadline; an investigation names up to
three investigating posts and the report's deadline. Each is a row of `case_assignments`, and
the files of an answer point at the request they answer.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "1700"
down_revision = "1600"
branch_labels = None
depends_on = None


def _fk(column: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{table}.id"], name=op.f(f"fk_case_assignments_{column}_{table}")
    )


def upgrade() -> None:
    op.create_table(
        "case_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("request_event_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answered_by", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer_event_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('opinion', 'investigation')", name=op.f("ck_case_assignments_kind")
        ),
        sa.CheckConstraint(
            "status IN ('open', 'given', 'withdrawn')", name=op.f("ck_case_assignments_status")
        ),
        _fk("case_id", "cases"),
        _fk("post_id", "posts"),
        _fk("office_id", "offices"),
        _fk("requested_by", "officers"),
        _fk("request_event_id", "events"),
        _fk("answered_by", "officers"),
        _fk("answer_event_id", "events"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_assignments")),
    )
    op.create_index(op.f("ix_case_assignments_case_id"), "case_assignments", ["case_id"])
    op.create_index(
        "ix_case_assignments_post_id_status", "case_assignments", ["post_id", "status"]
    )
    with op.batch_alter_table("attachments") as batch:
        batch.add_column(sa.Column("assignment_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_attachments_assignment_id_case_assignments"),
            "case_assignments",
            ["assignment_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("attachments") as batch:
        batch.drop_constraint(
            op.f("fk_attachments_assignment_id_case_assignments"), type_="foreignkey"
        )
        batch.drop_column("assignment_id")
    op.drop_index("ix_case_assignments_post_id_status", table_name="case_assignments")
    op.drop_index(op.f("ix_case_assignments_case_id"), table_name="case_assignments")
    op.drop_table("case_assignments")
